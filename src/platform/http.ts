import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { InvalidInputError, NotAllowedError, NotFoundError, NotSignedInError } from '../kernel/errors.ts';
import type { DatabaseHandle } from './database.ts';
import { en } from './web/locales/en.ts';
import { renderPage } from './web/render.ts';

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\0') || hasNul(v));
  return false;
}

/** Shared JSON Schemas for the API. */
export const dateQuery = {
  type: 'object',
  properties: { date: { type: 'string', description: 'YYYY-MM-DD; today when omitted.' } },
} as const;

export const errorBody = {
  type: 'object',
  properties: { error: { type: 'string' }, message: { type: 'string' }, problems: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } } },
} as const;

/** Ids in paths: letters, numbers, dots, dashes and underscores (so NUL bytes and slashes never reach a query). */
export const idParam = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;

/**
 * The HTTP server: error mapping, OpenAPI and health. The composition root (main.ts) then adds
 * the session plugin (identity) and each area's routes.
 */
export async function buildServer(database: DatabaseHandle, options: { logLevel?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      // One-time links (/set-password?token=…, /setup?token=…) open an account: their tokens never reach the log.
      serializers: { req: (request) => ({ method: request.method, url: String(request.url).replace(/([?&]token=)[^&]*/g, '$1[hidden]'), host: request.host, remoteAddress: request.ip }) },
    },
    genReqId: () => randomUUID(),
    // Query strings and params are validated by each route's schema; errors get our own words below.
    ajv: { customOptions: { allErrors: true, coerceTypes: true } },
    // An address Fastify cannot even decode (a broken %-escape) is the person's mistake, not ours.
    frameworkErrors: (error, request, reply) => {
      if (forBrowser(request)) return void page(request, reply as FastifyReply, 400, en.errors.invalidTitle, ['Check the web address: part of it is not valid.']);
      return void (reply as FastifyReply).code(400).send({ error: 'invalid_input', message: `Check the request: ${error.message}.` });
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Caseweight API',
        version: '0.1.0',
        description: "Children's social work workload in hours: demand, capacity, safe ranges and statutory schedules. Every figure is a low / central / high range.",
      },
    },
  });

  // A person in a browser gets a GOV.UK page for every refusal or failure; API clients get JSON.
  const page = (request: FastifyRequest, reply: FastifyReply, status: number, title: string, paragraphs: string[]) =>
    renderPage(request, reply, 'platform/web/templates/error.njk', { title, paragraphs }, status);
  const forBrowser = (request: FastifyRequest) =>
    (request.headers.accept ?? '').includes('text/html') && !request.url.startsWith('/api/') && request.server.hasDecorator('webShell');

  // A NUL byte can never be part of an id, a date or a form value, and PostgreSQL refuses it in
  // text: say so plainly instead of letting it reach a query (which would be a 500).
  app.addHook('preValidation', async (request) => {
    let path: string;
    try {
      path = decodeURIComponent(request.url);
    } catch {
      throw new InvalidInputError('Check the web address: part of it is not valid.');
    }
    if (path.includes('\0') || hasNul(request.body)) throw new InvalidInputError('Check what you entered: it has a character that cannot be used.');
  });

  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown[]; code?: string }, request, reply) => {
    const wantsHtml = forBrowser(request);
    if (error instanceof NotSignedInError) {
      if (wantsHtml && request.method === 'GET') return reply.code(303).redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
      return reply.code(401).send({ error: 'not_signed_in', message: 'Sign in to continue.' });
    }
    if (error.code?.startsWith('FST_CSRF')) {
      return reply.code(403).send({ error: 'csrf', message: 'This form has expired or did not come from Caseweight. Go back, refresh the page and try again.' });
    }
    if (error.statusCode === 429) {
      if (wantsHtml) return page(request, reply, 429, 'Too many attempts', ['Wait a minute, then try again.', 'If you have forgotten your password, ask your system administrator to reset it.']);
      return reply.code(429).send({ error: 'too_many_requests', message: 'Too many attempts. Wait a minute and try again.' });
    }
    if (wantsHtml && (error instanceof InvalidInputError || error.validation)) return page(request, reply, 400, en.errors.invalidTitle, [error instanceof InvalidInputError ? error.message : 'Check the web address: one of its values is not valid.']);
    if (error instanceof InvalidInputError) return reply.code(400).send({ error: 'invalid_input', message: error.message, problems: error.problems });
    if (error instanceof NotFoundError) return reply.code(404).send({ error: 'not_found', message: error.message });
    if (error instanceof NotAllowedError) return reply.code(403).send({ error: 'not_allowed', message: error.message });
    if (error.validation) {
      return reply.code(400).send({ error: 'invalid_input', message: `Check the request: ${error.message}.` });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: 'bad_request', message: error.message });
    }
    request.log.error({ err: error, requestId: request.id }, 'request failed');
    if (wantsHtml) return page(request, reply, 500, en.errors.serverTitle, [en.errors.server(request.id)]);
    return reply.code(500).send({ error: 'server_error', message: `Something went wrong on our side. Quote reference ${request.id} if you contact support.` });
  });
  app.setNotFoundHandler((request, reply) => {
    if (forBrowser(request)) return page(request, reply, 404, en.errors.notFoundTitle, [en.errors.notFound]);
    return reply.code(404).send({ error: 'not_found', message: `There is nothing at ${request.method} ${request.url}.` });
  });

  app.get('/health', {
    schema: {
      summary: 'Is the service up, and which database is it using?',
      response: { 200: { type: 'object', properties: { status: { type: 'string' }, database: { type: 'string', enum: ['pglite', 'postgresql'] } } } },
    },
  }, async () => {
    await database.pool.query('select 1');
    return { status: 'ok', database: database.kind };
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  return app;
}
