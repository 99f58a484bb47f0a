// Plain-English messages for reading the SSD from a council's database. A connection string
// carries the password, so nothing here ever echoes the URL or an unredacted driver message.

/** The source database cannot be read: the message says what to do, and never holds the password. */
export class SourceError extends Error {}

export interface UrlParts {
  host: string;
  port: number;
  database: string;
  user: string;
  /** The URL without its password or query string: safe to print and to keep in the history. */
  safeUrl: string;
  password: string;
}

export function describeUrl(url: string): UrlParts {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SourceError('--from must be a PostgreSQL address, like postgres://user@host:5432/database.');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new SourceError('--from must be a PostgreSQL address starting postgres:// or postgresql://, like postgres://user@host:5432/database.');
  }
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const host = decode(u.hostname) || 'localhost';
  const port = Number(u.port || 5432);
  const database = decode(u.pathname.replace(/^\//, '')) || decode(u.username) || 'postgres';
  const user = decode(u.username) || 'the default user';
  return { host, port, database, user, password: decode(u.password), safeUrl: `postgres://${u.username ? `${u.username}@` : ''}${u.host}/${encodeURIComponent(database)}` };
}

type PgError = Error & { code?: string; table?: string };

/** Why a connection failed, in words a data officer can act on. */
export function connectMessage(error: unknown, p: UrlParts): string {
  const e = error as PgError;
  const where = `${p.host}:${p.port}`;
  switch (e.code) {
    case 'ECONNREFUSED': return `Cannot connect to the database at ${where}: nothing is accepting connections there. Check the host and port, and that PostgreSQL is running.`;
    case 'ENOTFOUND': case 'EAI_AGAIN': return `Cannot connect to the database: the host name "${p.host}" was not found. Check the address.`;
    case 'ETIMEDOUT': case 'EHOSTUNREACH': case 'ENETUNREACH': return `Cannot connect to the database at ${where}: it did not answer. Check the address and any firewall between here and the server.`;
    case '28P01': return `Cannot connect to database ${p.database} as ${p.user}: the password was not accepted.`;
    case '28000': return `Cannot connect to database ${p.database}: the server does not let ${p.user} connect from here. Ask the database administrator to allow it.`;
    case '3D000': return `Cannot connect: there is no database "${p.database}" at ${where}. Check the database name at the end of the address.`;
    case '42501': return `Cannot connect: ${p.user} may not connect to database ${p.database}. Ask the database administrator to grant CONNECT.`;
  }
  if (/timeout/i.test(e.message ?? '')) return `Cannot connect to the database at ${where}: it did not answer within 10 seconds. Check the address and any firewall.`;
  return `Cannot connect to the database at ${where} (${redact(e.message ?? String(error), p)}).`;
}

/** Why reading failed once connected. */
export function queryMessage(error: unknown, p: UrlParts, table?: string): string {
  const e = error as PgError;
  if (e.code === '42501') return `Permission denied on table ${table ?? e.table ?? '(unknown)'}. Ask the database administrator to grant SELECT on it to ${p.user}.`;
  if (e.code === '57014') return `Reading ${table ?? 'the SSD tables'} took longer than the server allows (statement timeout). Ask the database administrator to raise it for ${p.user}.`;
  const what = table ? `Reading ${table} failed` : 'Reading the SSD tables failed';
  return `${what} (${redact(e.message ?? String(error), p)}).`;
}

/** Removes the password, plain or URL-encoded, from a message from the driver or server. */
export function redact(message: string, p: UrlParts): string {
  if (!p.password) return message;
  return message.split(p.password).join('***').split(encodeURIComponent(p.password)).join('***');
}
