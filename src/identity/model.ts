/** Identity's pure rules. */

/** Only same-site paths: an open redirect after sign-in would hand people to a phishing page. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
