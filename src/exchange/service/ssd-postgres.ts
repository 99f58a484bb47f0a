// Reads the ssd_ tables straight from the PostgreSQL database the SSD was built in (OLM
// Eclipse builds it there), as text cells in the form the CSV reader gives, so validation,
// mapping, sync and history are the same code as for a CSV set (issue 8, item 1).
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { SsdTextTable } from '../../standards/ssd/read.ts';
import { SSD_TABLES } from '../../standards/ssd/spec.ts';
import type { FileInfo, SourceInfo } from '../../standards/report.ts';
import { connectMessage, describeUrl, queryMessage, SourceError, type UrlParts } from './ssd-postgres-errors.ts';

export { SourceError };

/** Where the Eclipse SSD script puts its tables, then where a hand-built SSD usually is. */
export const DEFAULT_SCHEMAS = ['ssd_development', 'public'];

export interface PostgresSourceOptions {
  /** The schema holding the ssd_ tables; when omitted, the first of DEFAULT_SCHEMAS that has them. */
  schema?: string | undefined;
  /** Rows fetched per round trip: a large table is paged through a cursor, never held twice. */
  pageSize?: number;
}

export interface DatabaseRead {
  tables: SsdTextTable[];
  /** One entry per table read, in place of the files of a CSV import: its rows and their hash. */
  files: FileInfo[];
  source: SourceInfo;
}

interface FoundColumn { schema: string; table: string; column: string; readable: boolean }

// Every value arrives as PostgreSQL's own text: no parsing into JS dates (time zones) or floats.
const RAW_TEXT = { getTypeParser: () => (value: string) => value };
const BOOL = 16, DATE = 1082, TIMESTAMP = 1114, TIMESTAMPTZ = 1184, NUMERIC = 1700;

/** Reads every SSD table Caseweight knows from the database at `url`, in one read-only snapshot. */
export async function readSsdFromPostgres(url: string, options: PostgresSourceOptions = {}): Promise<DatabaseRead> {
  const parts = describeUrl(url);
  // A pool of its own: the source is the council's database, never Caseweight's.
  const pool = new pg.Pool({
    connectionString: url, max: 1, connectionTimeoutMillis: 10_000, application_name: 'caseweight-ssd-import',
    // Belt and braces with the READ ONLY transaction below: this session can write nothing.
    options: '-c default_transaction_read_only=on',
  });
  pool.on('error', () => undefined); // a dropped idle connection is reported by the query that needs it
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new SourceError(connectMessage(error, parts));
  }
  try {
    // One snapshot for every table, so involvements and the people they name come from the same moment.
    await client.query('begin isolation level repeatable read read only');
    await client.query("set local datestyle = 'ISO, YMD'; set local timezone = 'Europe/London'");
    const schema = await findSchema(client, options.schema, parts);
    const tables: SsdTextTable[] = [];
    const files: FileInfo[] = [];
    const whole = createHash('sha256');
    let total = 0;
    for (const [table, columns] of schema.tables) {
      const read = await readTable(client, schema.name, table, columns, options.pageSize ?? 5_000, parts);
      tables.push(read.table);
      files.push({ name: `${schema.name}.${table}`, bytes: read.bytes, sha256: read.sha256, recognisedAs: table, rows: read.table.rows.length });
      whole.update(`${table}\t${read.sha256}\n`);
      total += read.table.rows.length;
    }
    await client.query('commit');
    return {
      tables, files,
      source: {
        kind: 'postgresql', description: `${parts.safeUrl}, schema ${schema.name}`, host: parts.host, port: parts.port,
        database: parts.database, user: parts.user, schema: schema.name, rows: total, sha256: whole.digest('hex'),
      },
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    if (error instanceof SourceError) throw error;
    throw new SourceError(queryMessage(error, parts));
  } finally {
    client.release();
    await pool.end().catch(() => undefined);
  }
}

/** The schema to read, and its SSD tables with the columns Caseweight knows (in the SSD's order). */
async function findSchema(client: pg.PoolClient, wanted: string | undefined, parts: UrlParts) {
  const candidates = wanted ? [wanted] : DEFAULT_SCHEMAS;
  // pg_catalog, not information_schema: the latter hides tables the user may not read, and
  // "permission denied on ssd_person" is a far better message than "no ssd_ tables".
  const found = await client.query<FoundColumn>({
    text: `select n.nspname as schema, c.relname as table, a.attname as column, has_table_privilege(c.oid, 'SELECT') as readable
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = any($1::text[]) and c.relkind in ('r', 'v', 'm', 'p', 'f')
      order by n.nspname, c.relname, a.attnum`,
    values: [candidates],
  });
  const name = candidates.find((s) => found.rows.some((r) => r.schema === s && r.table.toLowerCase().startsWith('ssd_') && SSD_TABLES.has(r.table.toLowerCase())));
  if (!name) {
    if (wanted) {
      const exists = await client.query('select 1 from pg_namespace where nspname = $1', [wanted]);
      if (exists.rowCount === 0) throw new SourceError(`There is no schema "${wanted}" in database ${parts.database}. Check --schema: it is the schema that holds the ssd_ tables.`);
    }
    throw new SourceError(`No ssd_ tables were found in schema ${candidates.join(' or ')} of database ${parts.database}. ${wanted ? 'Check --schema names the schema that holds them.' : 'Give the schema that holds them with --schema.'}`);
  }
  const tables = new Map<string, { column: string; name: string }[]>();
  const denied = new Set<string>();
  const actual = new Map<string, string>();
  for (const r of found.rows) {
    const table = r.table.toLowerCase();
    const spec = SSD_TABLES.get(table);
    if (r.schema !== name || !spec) continue; // tables the importer does not use are never read
    if (!r.readable) {
      denied.add(r.table);
      continue;
    }
    const column = r.column.toLowerCase();
    if (!spec.columns.includes(column)) continue;
    actual.set(table, r.table);
    tables.set(table, [...(tables.get(table) ?? []), { column, name: r.column }]);
  }
  if (denied.size > 0) {
    const list = [...denied].sort().map((t) => `${name}.${t}`).join(', ');
    throw new SourceError(`Permission denied on table${denied.size > 1 ? 's' : ''} ${list}. Ask the database administrator to grant SELECT on ${denied.size > 1 ? 'them' : 'it'} to ${parts.user}.`);
  }
  const ordered = new Map([...tables].sort(([a], [b]) => a.localeCompare(b)).map(([t, cols]) => [t, { actual: actual.get(t)!, cols }]));
  return { name, tables: ordered };
}

async function readTable(client: pg.PoolClient, schema: string, table: string, found: { actual: string; cols: { column: string; name: string }[] }, pageSize: number, parts: UrlParts) {
  const spec = SSD_TABLES.get(table)!;
  const header = found.cols.map((c) => c.column);
  const ident = (s: string) => client.escapeIdentifier(s);
  const key = found.cols.find((c) => c.column === spec.key);
  // Key order makes the hash (and the row numbers in the report) the same each time the table is read.
  const order = key ? ` order by ${ident(key.name)}` : '';
  const cursor = `caseweight_${table}`;
  try {
    await client.query(`declare ${ident(cursor)} no scroll cursor for select ${found.cols.map((c) => ident(c.name)).join(', ')} from ${ident(schema)}.${ident(found.actual)}${order}`);
    const rows: string[][] = [];
    const hash = createHash('sha256').update(`${header.join('\t')}\n`);
    let bytes = 0;
    for (;;) {
      const page = await client.query({ text: `fetch forward ${pageSize} from ${ident(cursor)}`, rowMode: 'array', types: RAW_TEXT });
      const convert = page.fields.map((f) => textFor(f.dataTypeID));
      for (const raw of page.rows as (string | null)[][]) {
        const row = raw.map((v, i) => (v === null ? '' : convert[i]!(v)));
        const line = `${JSON.stringify(row)}\n`;
        hash.update(line);
        bytes += Buffer.byteLength(line);
        rows.push(row);
      }
      if (page.rows.length < pageSize) break;
    }
    await client.query(`close ${ident(cursor)}`);
    return { table: { source: `${schema}.${table}`, table, header, rows, lines: rows.map((_, i) => i + 1) }, sha256: hash.digest('hex'), bytes };
  } catch (error) {
    throw new SourceError(queryMessage(error, parts, `${schema}.${found.actual}`));
  }
}

/** PostgreSQL's text form → the CSV reader's: Y/N flags, dates without a time, numbers without padding zeros. */
function textFor(type: number): (v: string) => string {
  switch (type) {
    case BOOL: return (v) => (v === 't' ? 'Y' : 'N');
    case DATE: return (v) => v;
    case TIMESTAMP: case TIMESTAMPTZ: return (v) => v.slice(0, 10);
    case NUMERIC: return (v) => (v.includes('.') ? v.replace(/\.?0+$/, '') : v);
    default: return (v) => v;
  }
}
