import { DEMO_COUNCIL } from '../demo/council.ts';
import { DEMO_PASSWORD, demoEmail } from '../demo/users.ts';

/** The address a person types: a wildcard listen address is reached as localhost; IPv6 in brackets. */
export function signInAddress(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/sign-in`;
}

/**
 * The sign-in address: CASEWEIGHT_PUBLIC_URL when the council set one (behind a proxy, with
 * TLS), otherwise the address the server actually listens on (PORT=0 picks a free port).
 */
export function signInUrl(options: { publicUrl: string; host: string; configuredPort: number; port: number }): string {
  const isDefault = options.publicUrl === `http://${options.host}:${options.configuredPort}`;
  return isDefault ? signInAddress(options.host, options.port) : `${options.publicUrl}/sign-in`;
}

/**
 * What `caseweight serve` prints once it listens, plainly, for the person who started it (the
 * pino log says the same for machines): where to sign in and, when the fictional demo council
 * is there, where its accounts are.
 */
export function startupMessage(options: { signInUrl: string; demo: boolean; database: string }): string {
  const lines = [`Caseweight is running (database: ${options.database}).`, `Sign in at ${options.signInUrl}`];
  if (options.demo) {
    lines.push(
      `${DEMO_COUNCIL.name}: every role has an account, listed under "Demo accounts" in README.md.`,
      `For example ${demoEmail('service_manager')} with the password ${DEMO_PASSWORD} (fictional data only).`,
    );
  }
  lines.push('Press Ctrl+C to stop.');
  return `${lines.join('\n')}\n`;
}
