import type { Db } from '../../platform/database.ts';
import * as client from 'openid-client';
import type { Origin } from '../../kernel/context.ts';
import type { OidcConfig } from '../../platform/config.ts';
import { readGroupClaim } from '../model.ts';
import { signInFromProvider, type ProviderSignIn } from './single-sign-on.ts';

/** The provider (councilId: the council whose staff it signs in; groups: the mapping, if any) and whom to ask for access. */
export interface OidcSettings extends OidcConfig {
  /** Written mid-sentence ("ask the IT service desk"), and an address; either may be missing. */
  accessContact?: { name: string | undefined; email: string | undefined } | undefined;
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

  get groupsMapped(): boolean {
    return this.settings.groups !== undefined;
  }

  /** Whom the refusal pages tell people to ask. */
  get accessContact(): { name: string | undefined; email: string | undefined } {
    return this.settings.accessContact ?? { name: undefined, email: undefined };
  }

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
   * Exchanges the code and checks state, nonce and the ID token; then finds (or, from mapped
   * groups, makes) the Caseweight account and sets its roles from the groups (single-sign-on.ts).
   */
  async finish(
    db: Db, query: string, expected: { state: string; nonce: string; codeVerifier: string }, origin: Origin,
  ): Promise<ProviderSignIn | { ok: false; refusal?: undefined; message: string }> {
    const config = await this.config();
    // The registered redirect URI with the provider's query: behind a proxy the request's own host may differ.
    const callbackUrl = new URL(this.settings.redirectUri);
    callbackUrl.search = query;
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier, expectedState: expected.state, expectedNonce: expected.nonce, idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) return { ok: false, message: 'The sign-in service did not say who you are. Try again.' };
    // Entra ID puts the address (email, or preferred_username) and the groups in the ID token; other providers release them from UserInfo.
    let profile: Record<string, unknown> = claims;
    const lacksEmail = typeof claims.email !== 'string' && typeof claims.preferred_username !== 'string';
    const lacksGroups = this.settings.groups !== undefined && readGroupClaim(claims).kind === 'absent';
    if ((lacksEmail || lacksGroups) && tokens.access_token) {
      // What the ID token says wins; UserInfo fills in what it left out.
      profile = { ...await client.fetchUserInfo(config, tokens.access_token, claims.sub), ...claims };
    }
    const email = (typeof profile.email === 'string' && profile.email.trim()) || (typeof profile.preferred_username === 'string' && profile.preferred_username.includes('@') && profile.preferred_username.trim()) || '';
    const name = typeof profile.name === 'string' ? profile.name.trim().slice(0, 200) : '';
    return signInFromProvider(db, this.settings, { issuer: String(claims.iss), subject: claims.sub, email, name, groups: readGroupClaim(profile) }, origin);
  }
}
