// The access matrices' one check: every role against every named page or API call, each answer
// 200 where the matrix allows it and 404 (the refusal that reveals nothing) where it does not.
import type { FastifyInstance } from 'fastify';
import type { Cookies } from './auth.ts';

/**
 * The cells that answered otherwise, worded for the failure message ("practitioner → own case:
 * got 404, expected 200"). Pages are asked for as a browser asks (HTML), the API as a client does.
 */
export async function matrixMismatches<R extends string>(
  app: FastifyInstance, expected: Record<string, readonly R[]>, urls: Record<string, string>, jars: Record<R, Cookies>, roles: readonly R[],
): Promise<string[]> {
  const wrong: string[] = [];
  for (const [what, allowed] of Object.entries(expected)) {
    const url = urls[what];
    if (url === undefined) {
      wrong.push(`${what}: no URL in the matrix`);
      continue;
    }
    for (const role of roles) {
      const res = await app.inject({ method: 'GET', url, cookies: jars[role], headers: { accept: url.startsWith('/api/') ? 'application/json' : 'text/html' } });
      const want = allowed.includes(role) ? 200 : 404;
      if (res.statusCode !== want) wrong.push(`${role} → ${what}: got ${res.statusCode}, expected ${want}`);
    }
  }
  return wrong;
}
