import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { fc, test as fcTest } from '@fast-check/vitest';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCouncilId, openTestDatabase, testBackends } from '../../test/support/database.ts';
import type { DatabaseHandle } from './database.ts';
import { describeSize, DiskFileStore, FileTooLargeError, filesOf, markFilesDeleted, purgeFiles, recordFile, sweepFiles } from './files.ts';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every file under a folder, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (entry.isFile()) out.push(path.relative(dir, path.join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

/** A stream of `total` bytes in `size`-byte chunks, counting how many it was asked for. */
function chunks(total: number, size: number): Readable & { produced: () => number } {
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const n = Math.min(size, total - sent);
      sent += n;
      this.push(Buffer.alloc(n, 7));
    },
  }) as Readable & { produced: () => number };
  stream.produced = () => sent;
  return stream;
}

let root: string;
let store: DiskFileStore;
beforeAll(async () => {
  root = path.join(await mkdtemp(path.join(tmpdir(), 'caseweight-files-')), 'files');
  store = new DiskFileStore(root);
});
afterAll(async () => {
  await rm(path.dirname(root), { recursive: true, force: true });
});

describe('disk file store', () => {
  it('round-trips bytes with their size, SHA-256 and metadata', async () => {
    const body = Buffer.from('Visit note: all well.\n');
    const put = await store.put('c1', body, { maxBytes: 1024, contentType: 'text/plain', label: '../../etc/passwd' });
    expect(put).toMatchObject({ bytes: body.length, sha256: sha(body), contentType: 'text/plain', label: '../../etc/passwd' });
    expect(put.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const got = await store.get('c1', put.id);
    expect(got).toMatchObject({ id: put.id, bytes: body.length, sha256: sha(body), contentType: 'text/plain', label: '../../etc/passwd' });
    expect(await text(got!.stream)).toBe(body.toString());
    expect(await store.exists('c1', put.id)).toBe(true);
    // The label is only a label: the file lives under the council's folder by its id.
    expect(await filesUnder(path.join(root, 'c1'))).toContain(path.join(put.id.slice(0, 2), put.id));
  });

  it('streams a large upload in chunks and hashes it as it goes', async () => {
    const put = await store.put('c1', chunks(3 * 1024 * 1024 + 5, 64 * 1024), { maxBytes: 4 * 1024 * 1024 });
    expect(put.bytes).toBe(3 * 1024 * 1024 + 5);
    expect(put.sha256).toBe(sha(Buffer.alloc(3 * 1024 * 1024 + 5, 7)));
  });

  it('stops an upload past its limit, keeps nothing, and says so plainly', async () => {
    const council = newCouncilId();
    const source = chunks(10 * 1024 * 1024, 16 * 1024);
    const error = await store.put(council, source, { maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect((error as Error).message).toBe('The file is larger than 1 MB.');
    expect((error as FileTooLargeError).statusCode).toBe(400);
    // It stopped reading soon after the limit rather than draining the whole upload.
    expect(source.produced()).toBeLessThan(2 * 1024 * 1024);
    expect(await filesUnder(path.join(root, council))).toEqual([]);
    // Exactly the limit is accepted; one byte more is not.
    expect((await store.put(council, Buffer.alloc(1000), { maxBytes: 1000 })).bytes).toBe(1000);
    await expect(store.put(council, Buffer.alloc(1001), { maxBytes: 1000 })).rejects.toThrow('The file is larger than 1000 bytes.');
    expect((await filesUnder(path.join(root, council))).filter((f) => !f.endsWith('.json'))).toHaveLength(1);
  });

  it('describes limits as people read them', () => {
    expect(describeSize(50 * 1024 * 1024)).toBe('50 MB');
    expect(describeSize(1536)).toBe('1.5 KB');
    expect(describeSize(2 * 1024 ** 3)).toBe('2 GB');
    expect(describeSize(1)).toBe('1 byte');
    expect(new FileTooLargeError(50 * 1024 * 1024).message).toBe('The file is larger than 50 MB.');
  });

  it('keeps nothing when the upload itself fails part way', async () => {
    const council = newCouncilId();
    const broken = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put(council, broken, { maxBytes: 1e6 })).rejects.toThrow('client went away');
    expect(await filesUnder(path.join(root, council))).toEqual([]);
  });

  it('refuses ids and councils that are not in the id format (no path traversal)', async () => {
    const put = await store.put('c1', Buffer.from('secret'), { maxBytes: 100 });
    const bad = ['', '..', '../c2/x', `../c1/${put.id.slice(0, 2)}/${put.id}`, `${put.id}/../../x`, put.id.toUpperCase(), `${put.id}.json`, `${put.id}\0`, 'a'.repeat(36), '/etc/passwd', '%2e%2e%2f'];
    for (const id of bad) {
      await expect(store.get('c1', id)).rejects.toThrow('That is not a file reference.');
      await expect(store.delete('c1', id)).rejects.toThrow('That is not a file reference.');
      await expect(store.exists('c1', id)).rejects.toThrow('That is not a file reference.');
    }
    for (const council of ['..', '../c1', 'c1/..', '.tmp', '', 'a/b']) {
      await expect(store.get(council, put.id)).rejects.toThrow('That is not a council reference.');
      await expect(store.put(council, Buffer.from('x'), { maxBytes: 10 })).rejects.toThrow('That is not a council reference.');
    }
    expect(await store.exists('c1', put.id)).toBe(true);
  });

  it("treats another council's id as not found", async () => {
    const put = await store.put('c1', Buffer.from('c1 only'), { maxBytes: 100 });
    expect(await store.get('c2', put.id)).toBeNull();
    expect(await store.exists('c2', put.id)).toBe(false);
    expect(await store.delete('c2', put.id)).toBe(false);
    expect(await store.exists('c1', put.id)).toBe(true);
  });

  it('delete removes the bytes and the metadata', async () => {
    const put = await store.put('c3', Buffer.from('to go'), { maxBytes: 100 });
    expect(await store.delete('c3', put.id)).toBe(true);
    expect(await store.get('c3', put.id)).toBeNull();
    expect(await store.delete('c3', put.id)).toBe(false);
    expect((await filesUnder(path.join(root, 'c3'))).filter((f) => f.includes(put.id))).toEqual([]);
  });

  it('concurrent uploads get their own ids and keep their own bytes', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => Buffer.from(`file ${i} `.repeat(200 + i)));
    const puts = await Promise.all(bodies.map((b) => store.put('c4', Readable.from([b.subarray(0, 100), b.subarray(100)]), { maxBytes: 1e6 })));
    expect(new Set(puts.map((p) => p.id)).size).toBe(40);
    for (const [i, put] of puts.entries()) {
      expect(put.sha256).toBe(sha(bodies[i]!));
      expect((await readAll((await store.get('c4', put.id))!.stream)).equals(bodies[i]!)).toBe(true);
    }
  });

  it('is readable by its owner only: folders 0700, files 0600', async () => {
    const put = await store.put('c5', Buffer.from('private'), { maxBytes: 100 });
    const dirs = [root, path.join(root, 'c5'), path.join(root, 'c5', '.tmp'), path.join(root, 'c5', put.id.slice(0, 2))];
    for (const dir of dirs) expect(((await stat(dir)).mode & 0o777).toString(8)).toBe('700');
    for (const file of await filesUnder(path.join(root, 'c5'))) expect(((await stat(path.join(root, 'c5', file))).mode & 0o777).toString(8)).toBe('600');
  });

  fcTest.prop([fc.uint8Array({ maxLength: 20_000 }), fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 8 })], { numRuns: 60 })(
    'any bytes, in any chunking, round-trip with the right SHA-256',
    async (bytes, cuts) => {
      const parts: Uint8Array[] = [];
      let at = 0;
      for (let i = 0; at < bytes.length; i++) {
        const n = cuts[i % cuts.length]!;
        parts.push(bytes.subarray(at, at + n));
        at += n;
      }
      const put = await store.put('prop', Readable.from(parts), { maxBytes: 20_000 });
      expect(put.bytes).toBe(bytes.length);
      expect(put.sha256).toBe(sha(bytes));
      const back = await readAll((await store.get('prop', put.id))!.stream);
      expect(back.equals(Buffer.from(bytes))).toBe(true);
      expect(sha(back)).toBe(put.sha256);
      await store.delete('prop', put.id);
    },
  );
});

describe.each(testBackends())('files with their records on %s', (kind) => {
  let database: DatabaseHandle;
  let councilId: string;
  let own: DiskFileStore;
  const owner = { area: 'portal', type: 'document', id: 'DOC-1' };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    own = new DiskFileStore(path.join(path.dirname(root), `records-${kind}`));
  });
  afterAll(async () => database?.close());

  async function newCouncil(): Promise<string> {
    const id = newCouncilId();
    await sql`insert into councils (council_id, name) values (${id}, 'Test council')`.execute(database.db);
    return id;
  }

  it('records a file with its owner in a transaction, and removes it with the record after the commit', async () => {
    councilId = await newCouncil();
    const put = await own.put(councilId, Buffer.from('letter'), { maxBytes: 100, contentType: 'application/pdf', label: 'letter.pdf' });
    await database.db.transaction().execute(async (trx) => recordFile(trx, councilId, put, owner));
    expect(await filesOf(database.db, councilId, owner)).toMatchObject([{ fileId: put.id, bytes: 6, sha256: put.sha256, label: 'letter.pdf' }]);
    // Another council's owner with the same reference sees nothing.
    expect(await filesOf(database.db, 'someone-else', owner)).toEqual([]);

    // A delete that rolls back keeps the file.
    await expect(
      database.db.transaction().execute(async (trx) => {
        expect(await markFilesDeleted(trx, councilId, owner)).toEqual([put.id]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await filesOf(database.db, councilId, owner)).toHaveLength(1);
    expect(await own.exists(councilId, put.id)).toBe(true);

    // A delete that commits: gone from lists at once, bytes gone once purged.
    const marked = await database.db.transaction().execute((trx) => markFilesDeleted(trx, councilId, owner));
    expect(await filesOf(database.db, councilId, owner)).toEqual([]);
    expect(await purgeFiles(database.db, own, councilId, marked)).toEqual([put.id]);
    expect(await own.exists(councilId, put.id)).toBe(false);
    expect((await sql<{ n: number }>`select count(*)::int as n from files where council_id = ${councilId}`.execute(database.db)).rows[0]!.n).toBe(0);
  });

  it('purge leaves live files alone', async () => {
    const council = await newCouncil();
    const put = await own.put(council, Buffer.from('keep'), { maxBytes: 100 });
    await recordFile(database.db, council, put, owner);
    expect(await purgeFiles(database.db, own, council, [put.id])).toEqual([]);
    expect(await own.exists(council, put.id)).toBe(true);
  });

  it('the sweep finishes interrupted deletes and removes old bytes that never got a row', async () => {
    const council = await newCouncil();
    const live = await own.put(council, Buffer.from('live'), { maxBytes: 100 });
    await recordFile(database.db, council, live, owner);
    const crashed = await own.put(council, Buffer.from('deleted, then a crash before the purge'), { maxBytes: 100 });
    await recordFile(database.db, council, crashed, { ...owner, id: 'DOC-2' });
    await markFilesDeleted(database.db, council, { ...owner, id: 'DOC-2' });
    const orphan = await own.put(council, Buffer.from('its record rolled back'), { maxBytes: 100 });
    const fresh = await own.put(council, Buffer.from('its record is being written now'), { maxBytes: 100 });
    const old = new Date(Date.now() - 2 * 86_400_000);
    for (const id of [orphan.id, live.id, crashed.id]) {
      const p = path.join(own.root, council, id.slice(0, 2), id);
      await utimes(p, old, old);
    }

    const result = await sweepFiles(database.db, own);
    expect(result.purged).toBeGreaterThanOrEqual(1);
    expect(result.orphans).toBeGreaterThanOrEqual(1);
    expect(await own.exists(council, live.id)).toBe(true);
    expect(await own.exists(council, crashed.id)).toBe(false);
    expect(await own.exists(council, orphan.id)).toBe(false);
    expect(await own.exists(council, fresh.id)).toBe(true); // within the grace period
  });
});
