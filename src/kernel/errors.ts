/**
 * The few typed errors services throw. One handler (platform/http.ts) maps them to status
 * codes; their messages are written for the person who will read them.
 */
export class NotFoundError extends Error {
  readonly statusCode = 404;
}

export class NotAllowedError extends Error {
  readonly statusCode = 403;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export class InvalidInputError extends Error {
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** No signed-in person: pages redirect to sign-in, the API answers 401. */
export class NotSignedInError extends Error {
  readonly statusCode = 401;
  constructor(message = 'Sign in to continue.') {
    super(message);
  }
}

/** Who holds a PGlite data directory's lock (src/platform/data-dir-lock.ts). */
export interface LockHolder {
  pid: number;
  /** "the server", or the command, like "caseweight import ssd". */
  owner: string;
  hostname: string;
  startedAt: string;
}

/**
 * Another process has the PGlite data directory open. Thrown before anything is opened; the
 * message names the holder and says what to do, e.g. "The server (pid 1234) is using ./data.
 * Stop it, or use the Imports page."
 */
export class DatabaseInUseError extends Error {
  readonly statusCode = 503;
  constructor(
    readonly dataDir: string,
    readonly lockPath: string,
    readonly holder: LockHolder,
    readonly otherHost: boolean,
    advice: string,
  ) {
    const who = holder.owner.replace(/^the /, 'The ');
    super(`${who} (pid ${holder.pid}${otherHost ? ` on ${holder.hostname}` : ''}) is using ${dataDir}. ${advice}`);
  }
}
