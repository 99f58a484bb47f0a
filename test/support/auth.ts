import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD, demoEmail } from '../../src/demo/users.ts';

export type Cookies = Record<string, string>;

/** Cookies set by a response, merged into a jar (later values win). */
export function collectCookies(response: LightMyRequestResponse, jar: Cookies = {}): Cookies {
  for (const c of response.cookies) jar[c.name] = c.value;
  return jar;
}

/** Fetches a CSRF token for the session in the jar (starting a session when there is none). */
export async function csrfToken(app: FastifyInstance, jar: Cookies): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/api/csrf-token', cookies: jar });
  collectCookies(res, jar);
  return res.json().token;
}

/** Signs in with a password through the real sign-in route; returns the session cookies. */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<{ jar: Cookies; status: number }> {
  const jar: Cookies = {};
  const token = await csrfToken(app, jar);
  const res = await app.inject({ method: 'POST', url: '/sign-in', cookies: jar, payload: { email, password, _csrf: token }, headers: { accept: 'application/json' } });
  collectCookies(res, jar);
  return { jar, status: res.statusCode };
}

/** Signs in as the demo user for a role (seedDemoUsers must have run for the council). */
export async function signInAs(app: FastifyInstance, role: string, domain?: string): Promise<Cookies> {
  const { jar, status } = await signIn(app, demoEmail(role, domain), DEMO_PASSWORD);
  if (status !== 200) throw new Error(`Could not sign in as ${role}: ${status}`);
  return jar;
}
