import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

/** Where the provider sends the browser back to: Caseweight's callback (the app is reached by inject). */
export const OIDC_REDIRECT = 'http://127.0.0.1/sign-in/oidc/callback';
export const OIDC_CLIENT = { clientId: 'caseweight', clientSecret: 'a-test-client-secret', redirectUri: OIDC_REDIRECT } as const;

export interface TestProvider {
  issuer: string;
  /** Walks the provider's login and consent pages as `accountId`; returns the callback URL it finally sends the browser to. */
  throughProvider(authUrl: string, accountId: string): Promise<URL>;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider) on loopback, whose people have the claims given.
 * `entra: true` puts every released claim in the ID token, as Microsoft Entra ID does with
 * `email` and `groups` (oidc-provider otherwise keeps them for UserInfo in the code flow).
 */
export async function startTestProvider(accounts: Record<string, Record<string, unknown>>, options: { entra?: boolean; redirectUri?: string } = {}): Promise<TestProvider> {
  const redirect = options.redirectUri ?? OIDC_REDIRECT;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: OIDC_CLIENT.clientId, client_secret: OIDC_CLIENT.clientSecret, redirect_uris: [redirect], grant_types: ['authorization_code'], response_types: ['code'] }],
    // Entra sends groups with the ID token whatever the scope; here they ride on `openid`.
    claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx: unknown, id: string) => (accounts[id] ? { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) } : undefined),
    cookies: { keys: ['a-cookie-signing-key-for-tests-only'] },
    pkce: { required: () => true },
    ...(options.entra ? { conformIdTokenClaims: false } : {}),
  });
  server.on('request', provider.callback());

  async function throughProvider(authUrl: string, accountId: string): Promise<URL> {
    const jar = new Map<string, string>();
    const send = async (url: string, init: RequestInit = {}) => {
      const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const [k, ...v] = pair!.split('=');
        jar.set(k!, v.join('='));
      }
      return res;
    };
    let url = authUrl;
    for (let step = 0; step < 12; step++) {
      const res = await send(url);
      const location = res.headers.get('location');
      if (location?.startsWith(redirect)) return new URL(location);
      if (location) {
        url = new URL(location, issuer).href;
        continue;
      }
      const html = await res.text();
      const action = /action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`The provider showed a page with no form: ${html.slice(0, 200)}`);
      const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1] ?? (html.includes('name="login"') ? 'login' : 'consent');
      const body = new URLSearchParams(prompt === 'login' ? { prompt, login: accountId, password: 'anything' } : { prompt });
      const posted = await send(new URL(action, issuer).href, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      url = new URL(posted.headers.get('location')!, issuer).href;
    }
    throw new Error('The provider never redirected back to Caseweight.');
  }

  return { issuer, throughProvider, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
