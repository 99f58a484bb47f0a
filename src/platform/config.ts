import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseGroupMapping, type GroupMapping } from '../kernel/sso-groups.ts';

/** Everything Caseweight reads from the environment, read once, checked once. */
export interface Config {
  port: number;
  host: string;
  /** A postgres:// URL for a real server; undefined means the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps nothing. */
  dataDir: string;
  /** Seed the demo council on first start when the database holds no council. */
  seedDemoOnStart: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Signs session cookies. Required in production; a random one per start otherwise (sessions end on restart). */
  sessionSecret: string;
  /** Secure cookies always (production, behind TLS) or only over https ('auto', local use). */
  secureCookies: boolean | 'auto';
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Council single sign-on (OpenID Connect, e.g. Microsoft Entra ID); undefined when not configured. */
  oidc?: OidcConfig | undefined;
  /** Where uploads and recordings are kept: outside the web root, owner-only (CASEWEIGHT_FILES, default <data dir>/files or ./files). */
  filesDir: string;
  /** Who the command line acts as when `--as` is not given (CASEWEIGHT_OPERATOR, else the login name). */
  operator: string;
  /** The address people open, for one-time links printed by the command line and at start-up (CASEWEIGHT_PUBLIC_URL, default http://HOST:PORT). */
  publicUrl: string;
  /** What the service's own pages (privacy, cookies, contact, accessibility) say about who runs it. */
  service: ServiceInfo;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  councilId: string;
  /** Provider groups → roles and teams (OIDC_GROUPS_FILE); undefined when accounts keep the roles set in Caseweight. */
  groups?: GroupMapping | undefined;
}

/**
 * The council's details for the privacy notice, cookies, contact and accessibility pages:
 * CASEWEIGHT_COUNCIL_NAME, CASEWEIGHT_SUPPORT_EMAIL, CASEWEIGHT_DPO_EMAIL and (optional)
 * CASEWEIGHT_PRIVACY_URL. Without them the pages say "your council" and whom to ask instead.
 */
export interface ServiceInfo {
  /** Written mid-sentence: "Caseweight is run by Demo Borough Council." Default "your council". */
  councilName: string;
  supportEmail: string | undefined;
  dpoEmail: string | undefined;
  /** The council's own full privacy notice, linked from ours. */
  privacyUrl: string | undefined;
  /**
   * Whom someone without access asks for it, written mid-sentence: "ask the Children's Services
   * systems team" (CASEWEIGHT_ACCESS_CONTACT, CASEWEIGHT_ACCESS_EMAIL; the email defaults to the support email).
   */
  accessContact: string | undefined;
  accessEmail: string | undefined;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
}

export const DEFAULT_SERVICE_INFO: ServiceInfo = {
  councilName: 'your council',
  supportEmail: undefined,
  dpoEmail: undefined,
  privacyUrl: undefined,
  accessContact: undefined,
  accessEmail: undefined,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 10,
};

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Caseweight cannot start:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

function loginName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and checks the environment; lists every problem at once rather than the first. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, like 3000 (it is "${portText}").`);
  }

  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://, like postgres://localhost:5432/caseweight.');
  }

  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (it is "${env.LOG_LEVEL}").`);
  }

  const seedText = (env.CASEWEIGHT_SEED_DEMO ?? 'true').toLowerCase();
  if (!['true', 'false', '1', '0', 'yes', 'no'].includes(seedText)) {
    problems.push(`CASEWEIGHT_SEED_DEMO must be true or false (it is "${env.CASEWEIGHT_SEED_DEMO}").`);
  }

  const production = env.NODE_ENV === 'production';
  const sessionSecret = env.CASEWEIGHT_SESSION_SECRET ?? '';
  if (sessionSecret && sessionSecret.length < 32) problems.push('CASEWEIGHT_SESSION_SECRET must be at least 32 characters long.');
  if (!sessionSecret && production) problems.push('Set CASEWEIGHT_SESSION_SECRET (32 or more random characters) in production.');

  const idle = Number(env.CASEWEIGHT_SESSION_IDLE_MINUTES ?? '30');
  const absolute = Number(env.CASEWEIGHT_SESSION_ABSOLUTE_HOURS ?? '10');
  if (!(idle >= 1 && idle <= 24 * 60)) problems.push('CASEWEIGHT_SESSION_IDLE_MINUTES must be a number of minutes from 1 to 1440.');
  if (!(absolute >= 1 && absolute <= 72)) problems.push('CASEWEIGHT_SESSION_ABSOLUTE_HOURS must be a number of hours from 1 to 72.');

  const oidcKeys = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI', 'OIDC_COUNCIL'] as const;
  const oidcSet = oidcKeys.filter((k) => env[k]);
  if (oidcSet.length > 0 && oidcSet.length < oidcKeys.length) {
    problems.push(`Single sign-on needs all of ${oidcKeys.join(', ')}; missing ${oidcKeys.filter((k) => !env[k]).join(', ')}.`);
  }

  const groupsFile = env.OIDC_GROUPS_FILE?.trim() || undefined;
  let groups: GroupMapping | undefined;
  if (groupsFile && oidcSet.length === 0) problems.push('OIDC_GROUPS_FILE is set but single sign-on is not: set the OIDC_ settings too, or leave OIDC_GROUPS_FILE out.');
  else if (groupsFile) {
    let text: string | undefined;
    try {
      text = readFileSync(groupsFile, 'utf8');
    } catch (error) {
      problems.push(`OIDC_GROUPS_FILE: cannot read ${groupsFile} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Give the path of the group mapping file.`);
    }
    if (text !== undefined) {
      const parsed = parseGroupMapping(text);
      for (const p of parsed.problems) problems.push(`OIDC_GROUPS_FILE ${groupsFile} line ${p.line}: ${p.message}`);
      if (parsed.mapping.length === 0 && parsed.problems.length === 0) problems.push(`OIDC_GROUPS_FILE ${groupsFile} maps no groups. Add a line for each group, like "1b4e28ba-2fa1-11d2-883f-0016d3cca427  roles: practitioner; teams: SF1".`);
      groups = parsed.mapping;
    }
  }

  const publicUrl = env.CASEWEIGHT_PUBLIC_URL?.trim().replace(/\/+$/, '');
  if (publicUrl && !/^https?:\/\/[^\s/]+/.test(publicUrl)) problems.push(`CASEWEIGHT_PUBLIC_URL must start with https:// or http://, like https://caseweight.council.gov.uk (it is "${publicUrl}").`);
  const councilName = env.CASEWEIGHT_COUNCIL_NAME?.trim() || DEFAULT_SERVICE_INFO.councilName;
  const supportEmail = env.CASEWEIGHT_SUPPORT_EMAIL?.trim() || undefined;
  const dpoEmail = env.CASEWEIGHT_DPO_EMAIL?.trim() || undefined;
  const privacyUrl = env.CASEWEIGHT_PRIVACY_URL?.trim() || undefined;
  if (supportEmail && !EMAIL.test(supportEmail)) problems.push(`CASEWEIGHT_SUPPORT_EMAIL must be an email address, like caseweight.support@council.gov.uk (it is "${supportEmail}").`);
  if (dpoEmail && !EMAIL.test(dpoEmail)) problems.push(`CASEWEIGHT_DPO_EMAIL must be an email address, like dpo@council.gov.uk (it is "${dpoEmail}").`);
  const accessContact = env.CASEWEIGHT_ACCESS_CONTACT?.trim() || undefined;
  const ownAccessEmail = env.CASEWEIGHT_ACCESS_EMAIL?.trim() || undefined;
  if (ownAccessEmail && !EMAIL.test(ownAccessEmail)) problems.push(`CASEWEIGHT_ACCESS_EMAIL must be an email address, like servicedesk@council.gov.uk (it is "${ownAccessEmail}").`);
  const accessEmail = ownAccessEmail ?? supportEmail;
  if (accessContact && accessContact.length > 120) problems.push('CASEWEIGHT_ACCESS_CONTACT must be a short name, like "the IT service desk" (120 characters or fewer).');
  if (privacyUrl && !/^https?:\/\/[^\s<>"]+$/.test(privacyUrl)) problems.push(`CASEWEIGHT_PRIVACY_URL must be a web address starting https://, like https://www.council.gov.uk/privacy (it is "${privacyUrl}").`);

  if (problems.length > 0) throw new ConfigError(problems);

  const dataDirText = env.CASEWEIGHT_DATA?.trim() || './data';
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    dataDir: dataDirText.startsWith('memory://') ? dataDirText : path.resolve(dataDirText),
    seedDemoOnStart: ['true', '1', 'yes'].includes(seedText),
    logLevel,
    sessionSecret: sessionSecret || randomBytes(32).toString('hex'),
    secureCookies: production ? true : 'auto',
    sessionIdleMinutes: idle,
    sessionAbsoluteHours: absolute,
    operator: env.CASEWEIGHT_OPERATOR?.trim() || loginName(),
    publicUrl: publicUrl || `http://${env.HOST?.trim() || '127.0.0.1'}:${port}`,
    filesDir: path.resolve(env.CASEWEIGHT_FILES?.trim() || (dataDirText.startsWith('memory://') ? './files' : path.join(dataDirText, 'files'))),
    oidc: oidcSet.length === oidcKeys.length
      ? { issuer: env.OIDC_ISSUER!, clientId: env.OIDC_CLIENT_ID!, clientSecret: env.OIDC_CLIENT_SECRET!, redirectUri: env.OIDC_REDIRECT_URI!, councilId: env.OIDC_COUNCIL!, groups }
      : undefined,
    service: { councilName, supportEmail, dpoEmail, privacyUrl, accessContact, accessEmail, sessionIdleMinutes: idle, sessionAbsoluteHours: absolute },
  };
}
