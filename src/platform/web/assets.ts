import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOVUK_DIST } from './nunjucks.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCSS_ENTRY = path.join(HERE, 'styles', 'application.scss');

let css: Promise<string> | undefined;

/**
 * The stylesheet, compiled from Sass once per process on first use (about 2 s) and kept in
 * memory: nothing to build after `npm install`, nothing written to disk. sass is a dev
 * dependency of the repository, imported only here and only when a page asks for styles.
 */
export function compiledCss(): Promise<string> {
  css ??= (async () => {
    const sass = await import('sass');
    const result = await sass.compileAsync(SCSS_ENTRY, {
      importers: [new sass.NodePackageImporter(HERE)],
      style: 'compressed',
      quietDeps: true,
    });
    return result.css;
  })().catch((error: unknown) => {
    css = undefined;
    throw error;
  });
  return css;
}

const FILES: Record<string, { file: string; type: string }> = {
  'govuk-frontend.min.js': { file: path.join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.js'), type: 'text/javascript; charset=utf-8' },
  'caseweight-icon.svg': { file: path.join(HERE, 'static', 'caseweight-icon.svg'), type: 'image/svg+xml' },
  'images/govuk-crest.svg': { file: path.join(GOVUK_DIST, 'govuk', 'assets', 'images', 'govuk-crest.svg'), type: 'image/svg+xml' },
};
const cache = new Map<string, Buffer>();

let script: Promise<string> | undefined;
/**
 * GOV.UK Frontend's module with `initAll()` appended, as one file: the page loads it with the
 * CSP nonce, and a nonce does not extend to modules it would import.
 */
function applicationScript(): Promise<string> {
  script ??= readFile(path.join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.js'), 'utf8')
    .then((source) => `${source.replace(/\n\/\/# sourceMappingURL=.*$/m, '')}\n// Caseweight: progressive enhancement only; every page works without this.\ninitAll();\n`);
  return script;
}

/** /assets/…: the compiled stylesheet and the few files the layout uses. */
export function assetRoutes(app: FastifyInstance): void {
  app.get('/assets/application.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(await compiledCss()));

  app.get('/assets/application.mjs', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(await applicationScript()));

  app.get<{ Params: { '*': string } }>('/assets/*', { schema: { hide: true } }, async (request, reply) => {
    const entry = FILES[request.params['*']];
    if (!entry) return reply.code(404).type('text/plain').send('Not found');
    let body = cache.get(entry.file);
    if (!body) {
      body = await readFile(entry.file);
      cache.set(entry.file, body);
    }
    return reply.type(entry.type).header('cache-control', 'public, max-age=3600').send(body);
  });
}
