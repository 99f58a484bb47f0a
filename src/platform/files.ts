import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import { InvalidInputError } from '../kernel/errors.ts';
import { defineJob, type JobDefinition, type JobLog } from './jobs.ts';

/**
 * Files people upload or record (a family portal's documents, recorded visits' audio).
 *
 * Two layers:
 * - `FileStore`: the bytes, under the council's own prefix and a random id. `DiskFileStore` keeps
 *   them in a folder given by configuration (never under a folder the web server serves); an
 *   S3-compatible store can implement the same interface later.
 * - the `files` table (migration 0007) and the functions below: which record owns a file, so the
 *   owning area removes its files with its record, inside its transaction, and a sweep removes
 *   the bytes after the commit (or bytes that never got a row).
 */

export interface PutOptions {
  /** The upload stops, and nothing is kept, once it passes this many bytes. */
  maxBytes: number;
  contentType?: string | undefined;
  /** The client's file name or a description: shown to people only, never used as a path. */
  label?: string | undefined;
}

export interface StoredFile {
  id: string;
  bytes: number;
  /** Lower-case hex SHA-256 of the bytes, computed while they streamed in. */
  sha256: string;
  contentType: string | null;
  label: string | null;
  createdAt: Date;
}

export interface OpenedFile extends StoredFile {
  /** The bytes; read it to the end or destroy it. */
  stream: Readable;
}

export type FileSource = Readable | AsyncIterable<Uint8Array> | Buffer | Uint8Array;

export interface FileStore {
  /** Streams the bytes in; the file is visible only once complete (written to a temporary name, then renamed). */
  put(councilId: string, source: FileSource, options: PutOptions): Promise<StoredFile>;
  /** The file, or null when the council has none with this id (another council's id is not found too). */
  get(councilId: string, id: string): Promise<OpenedFile | null>;
  exists(councilId: string, id: string): Promise<boolean>;
  /** True when there was a file to remove. */
  delete(councilId: string, id: string): Promise<boolean>;
  /** The councils with a folder (for the sweep). */
  councils(): AsyncIterable<string>;
  /** A council's files, with when each was stored (for the sweep). */
  list(councilId: string): AsyncIterable<{ id: string; createdAt: Date }>;
  /** Removes what interrupted uploads left behind, older than `olderThan`; the count removed. */
  removeStaleTemporaryFiles(olderThan: Date): Promise<number>;
}

/** The upload passed its limit; its message is for the person uploading. */
export class FileTooLargeError extends InvalidInputError {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${describeSize(maxBytes)}.`, [{ field: 'file', message: `The file must be ${describeSize(maxBytes)} or smaller.` }]);
  }
}

/** 52428800 → "50 MB", 1536 → "1.5 KB", 100 → "100 bytes" (binary multiples, as people's computers show them). */
export function describeSize(bytes: number): string {
  const units: Array<[number, string]> = [[1024 ** 3, 'GB'], [1024 ** 2, 'MB'], [1024, 'KB']];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}

/** A file id: a version 4 UUID in lower case. Anything else is refused before it reaches a path. */
export const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** A council id as a folder name: the register's ids ('demo', 't-1a2b…', a DfE code). */
const COUNCIL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const TEMP = '.tmp';

function checkId(id: string): void {
  if (typeof id !== 'string' || !FILE_ID.test(id)) throw new InvalidInputError('That is not a file reference.');
}

function checkCouncil(councilId: string): void {
  if (typeof councilId !== 'string' || !COUNCIL_ID.test(councilId)) throw new InvalidInputError('That is not a council reference.');
}

function toStream(source: FileSource): Readable {
  if (source instanceof Readable) return source;
  // Readable.from(buffer) would emit one byte at a time; a one-element array emits it whole.
  if (source instanceof Uint8Array) return Readable.from([source]);
  return Readable.from(source);
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT';

/**
 * Files on local disk: `<root>/<council>/<first two hex of id>/<id>` with a `<id>.json` beside it
 * holding the metadata; folders 0700 and files 0600 (owner only); uploads stream into
 * `<root>/<council>/.tmp/` on the same file system and are renamed into place once complete.
 * `root` comes from configuration (for example `<data dir>/files`) and must not be under any
 * folder the web server serves.
 */
export class DiskFileStore implements FileStore {
  readonly root: string;

  constructor(root: string) {
    if (!path.isAbsolute(root)) throw new Error(`The file store's folder must be an absolute path (it is "${root}").`);
    this.root = root;
  }

  private councilDir(councilId: string): string {
    checkCouncil(councilId);
    return path.join(this.root, councilId);
  }

  private paths(councilId: string, id: string): { data: string; meta: string; dir: string } {
    const council = this.councilDir(councilId);
    checkId(id);
    const dir = path.join(council, id.slice(0, 2));
    return { dir, data: path.join(dir, id), meta: path.join(dir, `${id}.json`) };
  }

  private async folder(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
  }

  async put(councilId: string, source: FileSource, options: PutOptions): Promise<StoredFile> {
    const { maxBytes } = options;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new Error('maxBytes must be a whole number of bytes.');
    const council = this.councilDir(councilId);
    const id = randomUUID();
    const { dir, data, meta } = this.paths(councilId, id);
    const temp = path.join(council, TEMP);
    await this.folder(this.root);
    await this.folder(council);
    await this.folder(temp);
    await this.folder(dir);

    const partial = path.join(temp, `${id}.part`);
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > maxBytes) return done(new FileTooLargeError(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(toStream(source), meter, createWriteStream(partial, { flags: 'wx', mode: 0o600, flush: true }));
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    const stored: StoredFile = {
      id,
      bytes,
      sha256: hash.digest('hex'),
      contentType: options.contentType ?? null,
      label: options.label ?? null,
      createdAt: new Date(),
    };
    try {
      // Metadata first, data last: the data file's appearance is the commit point, so a crash
      // leaves at most a metadata file with no data (not found, and swept).
      const metaPartial = path.join(temp, `${id}.json.part`);
      await writeFile(metaPartial, JSON.stringify(stored), { flag: 'wx', mode: 0o600, flush: true });
      await rename(metaPartial, meta);
      await rename(partial, data);
    } catch (error) {
      await Promise.all([rm(partial, { force: true }), rm(path.join(temp, `${id}.json.part`), { force: true }), rm(meta, { force: true })]);
      throw error;
    }
    return stored;
  }

  async get(councilId: string, id: string): Promise<OpenedFile | null> {
    const { data, meta } = this.paths(councilId, id);
    let handle;
    try {
      handle = await open(data, 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      const info = await handle.stat();
      let saved: Partial<StoredFile> & { createdAt?: string | Date } = {};
      try {
        saved = JSON.parse(await readFile(meta, 'utf8'));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
      // The open handle keeps the bytes readable even if the file is deleted meanwhile.
      const stream = handle.createReadStream({ autoClose: true });
      return {
        id,
        bytes: info.size,
        sha256: saved.sha256 ?? '',
        contentType: saved.contentType ?? null,
        label: saved.label ?? null,
        createdAt: saved.createdAt ? new Date(saved.createdAt) : info.mtime,
        stream,
      };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async exists(councilId: string, id: string): Promise<boolean> {
    const { data } = this.paths(councilId, id);
    try {
      return (await stat(data)).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(councilId: string, id: string): Promise<boolean> {
    const { data, meta } = this.paths(councilId, id);
    let removed = true;
    try {
      await unlink(data);
    } catch (error) {
      if (!isMissing(error)) throw error;
      removed = false;
    }
    await rm(meta, { force: true });
    return removed;
  }

  async *councils(): AsyncIterable<string> {
    let entries;
    try {
      entries = await readdir(this.root, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const entry of entries) if (entry.isDirectory() && COUNCIL_ID.test(entry.name)) yield entry.name;
  }

  async *list(councilId: string): AsyncIterable<{ id: string; createdAt: Date }> {
    const council = this.councilDir(councilId);
    let shards;
    try {
      shards = await readdir(council, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const shard of shards) {
      if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
      for (const name of await readdir(path.join(council, shard.name))) {
        const id = name.endsWith('.json') ? name.slice(0, -5) : name;
        if (!FILE_ID.test(id)) continue;
        // A metadata file without its data is listed too, so the sweep removes it.
        if (name.endsWith('.json')) {
          const dataExists = await stat(path.join(council, shard.name, id)).then(() => true, () => false);
          if (dataExists) continue;
        }
        const info = await stat(path.join(council, shard.name, name)).catch(() => null);
        if (info) yield { id, createdAt: info.mtime };
      }
    }
  }

  async removeStaleTemporaryFiles(olderThan: Date): Promise<number> {
    let removed = 0;
    for await (const councilId of this.councils()) {
      const temp = path.join(this.root, councilId, TEMP);
      const names = await readdir(temp).catch(() => [] as string[]);
      for (const name of names) {
        const info = await stat(path.join(temp, name)).catch(() => null);
        if (info && info.mtime < olderThan) {
          await rm(path.join(temp, name), { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

// ---------------------------------------------------------------------------------------------
// The files table: what owns each file, and deleting files with their records.

/** Kysely or a Kysely transaction: the functions below use only the `files` table. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database that has the files table (the app's, or a test's)
type Db = Kysely<any>;

export interface FileOwner {
  area: string;
  type: string;
  id: string;
}

export interface FileRow {
  councilId: string;
  fileId: string;
  sha256: string;
  bytes: number;
  contentType: string | null;
  label: string | null;
  owner: FileOwner;
  createdAt: Date;
}

/**
 * Records a stored file against its owner; call it inside the owner's transaction, after
 * `store.put` (which streams outside any transaction: a 50 MB upload must not hold PGlite's one
 * connection). If that transaction rolls back, the bytes have no row and the sweep removes them.
 */
export async function recordFile(db: Db, councilId: string, file: StoredFile, owner: FileOwner): Promise<void> {
  await sql`insert into files (council_id, file_id, sha256, bytes, content_type, label, owner_area, owner_type, owner_id, created_at)
    values (${councilId}, ${file.id}, ${file.sha256}, ${file.bytes}, ${file.contentType}, ${file.label}, ${owner.area}, ${owner.type}, ${owner.id}, ${file.createdAt})`.execute(db);
}

/** The owner's files not marked deleted (another council's file is never returned). */
export async function filesOf(db: Db, councilId: string, owner: FileOwner): Promise<FileRow[]> {
  const result = await sql<{ council_id: string; file_id: string; sha256: string; bytes: number | string; content_type: string | null; label: string | null; owner_area: string; owner_type: string; owner_id: string; created_at: Date }>`
    select * from files where council_id = ${councilId} and owner_area = ${owner.area} and owner_type = ${owner.type} and owner_id = ${owner.id}
      and deleted_at is null order by created_at, file_id`.execute(db);
  return result.rows.map((r) => ({
    councilId: r.council_id,
    fileId: r.file_id,
    sha256: r.sha256,
    bytes: Number(r.bytes),
    contentType: r.content_type,
    label: r.label,
    owner: { area: r.owner_area, type: r.owner_type, id: r.owner_id },
    createdAt: new Date(r.created_at),
  }));
}

/**
 * Marks the owner's files (or the one named) deleted, inside the transaction that deletes the
 * record: a rollback keeps them. Returns the ids marked; pass them to `purgeFiles` after the commit.
 * From now on `filesOf` leaves them out, whether or not the bytes are gone yet.
 */
export async function markFilesDeleted(db: Db, councilId: string, owner: FileOwner, fileId?: string): Promise<string[]> {
  const result = await sql<{ file_id: string }>`
    update files set deleted_at = now()
    where council_id = ${councilId} and owner_area = ${owner.area} and owner_type = ${owner.type} and owner_id = ${owner.id}
      and deleted_at is null ${fileId === undefined ? sql`` : sql`and file_id = ${fileId}`}
    returning file_id`.execute(db);
  return result.rows.map((r) => r.file_id);
}

/**
 * Removes the bytes of files marked deleted, then their rows. Call it after the commit with the
 * ids `markFilesDeleted` returned; ids not marked deleted are left alone (a caller cannot purge
 * a live file by mistake). Returns the ids removed.
 */
export async function purgeFiles(db: Db, store: FileStore, councilId: string, fileIds: string[]): Promise<string[]> {
  if (fileIds.length === 0) return [];
  const marked = await sql<{ file_id: string }>`
    select file_id from files where council_id = ${councilId} and deleted_at is not null
      and file_id in (${sql.join(fileIds.filter((id) => FILE_ID.test(id)).map((id) => sql`${id}`))})`.execute(db);
  const done: string[] = [];
  for (const { file_id } of marked.rows) {
    await store.delete(councilId, file_id);
    done.push(file_id);
  }
  if (done.length > 0) {
    await sql`delete from files where council_id = ${councilId} and deleted_at is not null and file_id in (${sql.join(done.map((id) => sql`${id}`))})`.execute(db);
  }
  return done;
}

export interface SweepResult {
  purged: number;
  orphans: number;
  temporary: number;
}

/**
 * What the files sweep does, each run: removes the bytes and rows of files marked deleted (a
 * crash between a commit and its purge), bytes with no row that are older than `orphanGraceMs`
 * (an upload whose record never committed; the grace must exceed the longest time between a
 * `put` and its transaction's commit), and interrupted uploads' temporary files.
 */
export async function sweepFiles(db: Db, store: FileStore, options: { now?: Date; orphanGraceMs?: number; batch?: number } = {}): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const grace = options.orphanGraceMs ?? 24 * 3_600_000;
  const batch = options.batch ?? 500;
  let purged = 0;
  for (;;) {
    const marked = await sql<{ council_id: string; file_id: string }>`
      select council_id, file_id from files where deleted_at is not null order by council_id, file_id limit ${batch}`.execute(db);
    if (marked.rows.length === 0) break;
    const byCouncil = new Map<string, string[]>();
    for (const r of marked.rows) byCouncil.set(r.council_id, [...(byCouncil.get(r.council_id) ?? []), r.file_id]);
    for (const [councilId, ids] of byCouncil) purged += (await purgeFiles(db, store, councilId, ids)).length;
    if (marked.rows.length < batch) break;
  }

  let orphans = 0;
  const cutoff = new Date(now.getTime() - grace);
  for await (const councilId of store.councils()) {
    let old: string[] = [];
    const flush = async () => {
      if (old.length === 0) return;
      const known = await sql<{ file_id: string }>`
        select file_id from files where council_id = ${councilId} and file_id in (${sql.join(old.map((id) => sql`${id}`))})`.execute(db);
      const have = new Set(known.rows.map((r) => r.file_id));
      for (const id of old) {
        if (!have.has(id)) {
          await store.delete(councilId, id);
          orphans++;
        }
      }
      old = [];
    };
    for await (const file of store.list(councilId)) {
      if (file.createdAt < cutoff) old.push(file.id);
      if (old.length >= batch) await flush();
    }
    await flush();
  }

  const temporary = await store.removeStaleTemporaryFiles(new Date(now.getTime() - 3_600_000));
  return { purged, orphans, temporary };
}

/** The sweep as a job for the composition root to register and schedule (hourly is plenty). */
export function fileSweepJob(db: Db, store: FileStore, log: JobLog): JobDefinition<{ councilId: null }> {
  return defineJob<{ councilId: null }>(
    'files.sweep',
    async () => {
      const result = await sweepFiles(db, store);
      if (result.purged + result.orphans + result.temporary > 0) log.info({ ...result }, 'swept the file store');
    },
    { retryLimit: 1, retryDelaySeconds: 300 },
  );
}
