import type { Db } from '../../platform/database.ts';
import * as client from 'openid-client';
import { recordAudit } from '../../platform/audit.ts';
import type { Origin } from '../../kernel/context.ts';
import * as store from '../store.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The council whose staff this identity provider signs in. */
  councilId: string;
}

/** Plain http is allowed only for a provider on this machine (the tests' provider), never in production. */
function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]');
}

/** Council single sign-on with OpenID Connect (authorisation code + PKCE, state and nonce), via openid-client. */
export class OidcSignIn {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(private readonly settings: OidcSettings) {}

  private config(): Promise<client.Configuration> {
    this.configuration ??= client.discovery(
      new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined,
      isLoopback(this.settings.issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
    ).catch((error) => {
      this.configuration = undefined; // try discovery again next time
      throw error;
    });
    return this.configuration;
  }

  async start(): Promise<{ url: string; state: string; nonce: string; codeVerifier: string }> {
    const config = await this.config();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /**
   * Exchanges the code, checks state, nonce and the ID token, then finds the Caseweight account:
   * by the provider's subject, or on first sign-in by email within the provider's council.
   */
  async finish(
    db: Db, query: string, expected: { state: string; nonce: string; codeVerifier: string }, origin: Origin,
  ): Promise<{ ok: true; councilId: string; userId: string } | { ok: false; message: string }> {
    const config = await this.config();
    // The registered redirect URI with the provider's query: behind a proxy the request's own host may differ.
    const callbackUrl = new URL(this.settings.redirectUri);
    callbackUrl.search = query;
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier, expectedState: expected.state, expectedNonce: expected.nonce, idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) return { ok: false, message: 'The sign-in service did not say who you are. Try again.' };
    const issuer = String(claims.iss);
    let user = await store.findUserByOidc(db, issuer, claims.sub);
    if (!user) {
      // Entra ID puts the address in the ID token (email, or preferred_username); other providers release it from UserInfo.
      let profile: Record<string, unknown> = claims;
      if (typeof claims.email !== 'string' && typeof claims.preferred_username !== 'string' && tokens.access_token) {
        profile = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      }
      const email = (typeof profile.email === 'string' && profile.email) || (typeof profile.preferred_username === 'string' && profile.preferred_username) || '';
      const byEmail = email ? await store.findUserByEmail(db, email) : undefined;
      if (byEmail && byEmail.council_id === this.settings.councilId && !byEmail.oidc_subject) {
        await store.linkOidcIdentity(db, byEmail.council_id, byEmail.user_id, issuer, claims.sub);
        user = byEmail;
      }
    }
    if (!user || user.disabled) {
      await recordAudit(db, { councilId: this.settings.councilId, actorUserId: null, action: 'sign_in_failed', recordType: 'session', recordId: claims.sub, ip: origin.ip, reason: 'single sign-on: no Caseweight account' });
      return { ok: false, message: 'You do not have a Caseweight account yet. Ask your system administrator to set one up.' };
    }
    await recordAudit(db, { councilId: user.council_id, actorUserId: user.user_id, actorRoles: user.roles, action: 'sign_in', recordType: 'session', recordId: user.user_id, ip: origin.ip, reason: 'single sign-on' });
    return { ok: true, councilId: user.council_id, userId: user.user_id };
  }
}
