import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { InputFile } from '../../standards/files.ts';
import type { ImportFormat, ImportReport } from '../../standards/report.ts';

/**
 * Uploaded files kept on the server between "check" and "import", so the browser never sends
 * them twice and never names a path. Each upload is a folder named by a random id; the files
 * inside are named by their position, never by the client's file name.
 */
export interface StagedFile {
  /** The client's file name made safe: used as a label and to recognise the table, never as a path. */
  name: string;
  stored: string;
  bytes: number;
  sha256: string;
}

export interface StagedUpload {
  uploadId: string;
  councilId: string;
  userId: string;
  format: ImportFormat;
  createdAt: number;
  files: StagedFile[];
  report?: ImportReport;
}

/** An hour is long enough to read a report and confirm; after that the files are deleted. */
export const UPLOAD_TTL_MS = 60 * 60_000;
export const DEFAULT_UPLOAD_ROOT = path.join(os.tmpdir(), 'caseweight-uploads');

const ID = /^[a-f0-9]{32}$/;
const META = 'meta.json';
/** Renamed from meta.json by the one confirm that wins, so a double click cannot import twice. */
const CLAIMED = 'meta.claimed.json';

/** An upload the person may not use: not theirs, expired, already imported or never existed. */
export class UploadGoneError extends Error {}

/** A file the upload refused while it arrived: too big, too many. The message is for the person. */
export class UploadLimitError extends Error {}

/** The last path segment, with anything but plain characters removed; never empty, never hidden. */
export function safeFileName(clientName: string | undefined, index: number): string {
  const base = (clientName ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^A-Za-z0-9 ._()-]/g, '_').replace(/^[.\s]+/, '').slice(-120).trim();
  return cleaned || `upload-${index + 1}`;
}

export class UploadStore {
  constructor(readonly root: string = DEFAULT_UPLOAD_ROOT, readonly ttlMs: number = UPLOAD_TTL_MS) {}

  private dir(uploadId: string): string {
    if (!ID.test(uploadId)) throw new UploadGoneError('No such upload.');
    return path.join(this.root, uploadId);
  }

  /** A new, empty upload folder. */
  async begin(councilId: string, userId: string, format: ImportFormat, now = Date.now()): Promise<StagedUpload> {
    const uploadId = randomBytes(16).toString('hex');
    await mkdir(this.dir(uploadId), { recursive: true, mode: 0o700 });
    return { uploadId, councilId, userId, format, createdAt: now, files: [] };
  }

  /** Streams one file in, counting and hashing as it goes; stops at `maxBytes`. */
  async addFile(upload: StagedUpload, clientName: string | undefined, stream: Readable, maxBytes: number): Promise<StagedFile> {
    const index = upload.files.length;
    const stored = `file-${index}`;
    const hash = createHash('sha256');
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > maxBytes) return done(new UploadLimitError(`The files come to more than ${Math.round(maxBytes / 1048576)} MB; upload the extract in parts.`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(stream, count, createWriteStream(path.join(this.dir(upload.uploadId), stored), { mode: 0o600 }));
    const file = { name: safeFileName(clientName, index), stored, bytes, sha256: hash.digest('hex') };
    upload.files.push(file);
    return file;
  }

  async save(upload: StagedUpload): Promise<void> {
    await writeFile(path.join(this.dir(upload.uploadId), META), JSON.stringify(upload), { mode: 0o600 });
  }

  /** The upload, if it belongs to this person in this council and has not expired. */
  async open(uploadId: string, councilId: string, userId: string, now = Date.now()): Promise<StagedUpload> {
    const upload = await this.readMeta(uploadId, META);
    if (!upload || upload.councilId !== councilId || upload.userId !== userId) throw new UploadGoneError('No such upload.');
    if (now - upload.createdAt > this.ttlMs) {
      await this.remove(uploadId);
      throw new UploadGoneError('This upload has expired.');
    }
    return upload;
  }

  /** Takes the upload for import: only one caller ever succeeds. */
  async claim(uploadId: string, councilId: string, userId: string, now = Date.now()): Promise<StagedUpload> {
    const upload = await this.open(uploadId, councilId, userId, now);
    try {
      await rename(path.join(this.dir(uploadId), META), path.join(this.dir(uploadId), CLAIMED));
    } catch {
      throw new UploadGoneError('This upload has already been imported.');
    }
    return upload;
  }

  /** The upload's files as the readers take them. */
  async files(upload: StagedUpload): Promise<InputFile[]> {
    const dir = this.dir(upload.uploadId);
    return Promise.all(upload.files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await readFile(path.join(dir, f.stored))) })));
  }

  async remove(uploadId: string): Promise<void> {
    await rm(this.dir(uploadId), { recursive: true, force: true });
  }

  /** Deletes uploads older than the time limit (including ones abandoned half-way). */
  async sweep(now = Date.now()): Promise<number> {
    let removed = 0;
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch {
      return 0;
    }
    for (const name of names) {
      if (!ID.test(name)) continue;
      const info = await stat(path.join(this.root, name)).catch(() => undefined);
      if (info && now - info.mtimeMs > this.ttlMs) {
        await this.remove(name);
        removed++;
      }
    }
    return removed;
  }

  private async readMeta(uploadId: string, file: string): Promise<StagedUpload | undefined> {
    try {
      return JSON.parse(await readFile(path.join(this.dir(uploadId), file), 'utf8')) as StagedUpload;
    } catch {
      return undefined;
    }
  }
}
