import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { safeFileName, UploadGoneError, UploadLimitError, UploadStore } from './uploads.ts';

const store = async (ttl = 60_000) => new UploadStore(await mkdtemp(path.join(os.tmpdir(), 'cw-uploads-test-')), ttl);
const stream = (text: string) => Readable.from([Buffer.from(text)]);

describe('staged uploads', () => {
  it('never uses the client’s file name as a path', () => {
    expect(safeFileName('../../etc/passwd', 0)).toBe('passwd');
    expect(safeFileName('C:\\exports\\ssd_person.csv', 0)).toBe('ssd_person.csv');
    expect(safeFileName('..', 2)).toBe('upload-3');
    expect(safeFileName('.hidden.csv', 0)).toBe('hidden.csv');
    expect(safeFileName('a\u0000b<script>.csv', 0)).toBe('a_b_script_.csv');
    expect(safeFileName(undefined, 0)).toBe('upload-1');
  });

  it('keeps an upload for its owner only, lets one confirm claim it, and forgets it after the time limit', async () => {
    const uploads = await store(1000);
    const u = await uploads.begin('C1', 'alice', 'ssd', 0);
    const f = await uploads.addFile(u, '../x.csv', stream('a,b\n1,2\n'), 1000);
    expect(f).toMatchObject({ name: 'x.csv', stored: 'file-0', bytes: 8 });
    await uploads.save(u);
    expect((await uploads.files(await uploads.open(u.uploadId, 'C1', 'alice', 10)))[0]!.name).toBe('x.csv');
    await expect(uploads.open(u.uploadId, 'C1', 'bob', 10)).rejects.toBeInstanceOf(UploadGoneError);
    await expect(uploads.open(u.uploadId, 'C2', 'alice', 10)).rejects.toBeInstanceOf(UploadGoneError);
    await expect(uploads.open('../../etc', 'C1', 'alice', 10)).rejects.toBeInstanceOf(UploadGoneError);
    await uploads.claim(u.uploadId, 'C1', 'alice', 10);
    await expect(uploads.claim(u.uploadId, 'C1', 'alice', 10)).rejects.toBeInstanceOf(UploadGoneError);

    const old = await uploads.begin('C1', 'alice', 'ssd', 0);
    await uploads.save(old);
    await expect(uploads.open(old.uploadId, 'C1', 'alice', 5000)).rejects.toThrow(/expired/);
    expect(await readdir(uploads.root)).not.toContain(old.uploadId);
    await uploads.begin('C1', 'alice', 'ssd');
    expect(await uploads.sweep(Date.now() + 5000)).toBeGreaterThanOrEqual(1);
  });

  it('stops a file that goes over the limit', async () => {
    const uploads = await store();
    const u = await uploads.begin('C1', 'alice', 'ssd');
    await expect(uploads.addFile(u, 'big.csv', stream('x'.repeat(100)), 50)).rejects.toBeInstanceOf(UploadLimitError);
  });
});
