import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from './database.ts';
import { InvalidInputError, NotAllowedError, NotFoundError } from './errors.ts';

export interface AppServices {
  database: DatabaseHandle;
}

export type RouteRegistrar = (app: FastifyInstance, services: AppServices) => void | Promise<void>;

/** The HTTP server: error mapping, OpenAPI, health, then each area's routes. */
export async function buildServer(services: AppServices, areas: RouteRegistrar[], options: { logLevel?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    genReqId: () => randomUUID(),
    // Query strings and params are validated by each route's schema; errors get our own words below.
    ajv: { customOptions: { allErrors: true, coerceTypes: true } },
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

  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown[]; code?: string }, request, reply) => {
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
    return reply.code(500).send({ error: 'server_error', message: `Something went wrong on our side. Quote reference ${request.id} if you contact support.` });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'not_found', message: `There is nothing at ${request.method} ${request.url}.` }),
  );

  app.get('/health', {
    schema: {
      summary: 'Is the service up, and which database is it using?',
      response: { 200: { type: 'object', properties: { status: { type: 'string' }, database: { type: 'string', enum: ['pglite', 'postgresql'] } } } },
    },
  }, async () => {
    await services.database.pool.query('select 1');
    return { status: 'ok', database: services.database.kind };
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const register of areas) await register(app, services);
  return app;
}
