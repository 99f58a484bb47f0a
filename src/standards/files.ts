import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';

/** One uploaded or local file, as bytes. Readers never touch the file system themselves. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

/** Limits on what an upload or a zip may hold: enough for a large council's extract, no more. */
export interface FileLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed size of one zip entry; text compresses about 10:1, bombs 1000:1. */
  maxRatio: number;
}

export const DEFAULT_LIMITS: FileLimits = {
  maxFiles: 200,
  maxFileBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
};

/** A file set that cannot be read at all: the message says what to do. */
export class FileSetError extends Error {}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A folder's files (not its subfolders), a zip's entries, or one file. */
export async function readInputPath(target: string, limits: FileLimits = DEFAULT_LIMITS, onFile: (name: string, index: number, count: number) => void = () => undefined): Promise<InputFile[]> {
  let info;
  try {
    info = await stat(target);
  } catch {
    throw new FileSetError(`There is no file or folder at ${target}. Check the path.`);
  }
  if (info.isDirectory()) {
    const names = (await readdir(target, { withFileTypes: true })).filter((d) => d.isFile() && !d.name.startsWith('.')).map((d) => d.name).sort();
    if (names.length > limits.maxFiles) throw new FileSetError(`The folder holds ${names.length} files; the most an import takes is ${limits.maxFiles}.`);
    const files: InputFile[] = [];
    let total = 0;
    for (const [i, name] of names.entries()) {
      onFile(name, i, names.length);
      const bytes = new Uint8Array(await readFile(path.join(target, name)));
      total += bytes.length;
      checkSizes(name, bytes.length, total, limits);
      files.push({ name, bytes });
    }
    return files;
  }
  onFile(path.basename(target), 0, 1);
  const bytes = new Uint8Array(await readFile(target));
  checkSizes(path.basename(target), bytes.length, bytes.length, limits);
  return expandZips([{ name: path.basename(target), bytes }], limits);
}

function checkSizes(name: string, bytes: number, total: number, limits: FileLimits): void {
  if (bytes > limits.maxFileBytes) throw new FileSetError(`${name} is ${mib(bytes)}; the largest file an import takes is ${mib(limits.maxFileBytes)}. Split the extract.`);
  if (total > limits.maxTotalBytes) throw new FileSetError(`The files come to more than ${mib(limits.maxTotalBytes)}; import them in parts.`);
}

const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

const isZip = (f: InputFile) => f.bytes.length >= 4 && f.bytes[0] === 0x50 && f.bytes[1] === 0x4b && (f.bytes[2] === 3 || f.bytes[2] === 5);

/** Replaces each .zip among the files with its entries, checked against zip bombs and path tricks. */
export async function expandZips(files: readonly InputFile[], limits: FileLimits = DEFAULT_LIMITS): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const f of files) {
    if (isZip(f)) out.push(...(await unzip(f, limits)));
    else out.push(f);
  }
  if (out.length > limits.maxFiles) throw new FileSetError(`The upload holds ${out.length} files; the most an import takes is ${limits.maxFiles}.`);
  return out;
}

export async function unzip(file: InputFile, limits: FileLimits = DEFAULT_LIMITS): Promise<InputFile[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true });
  } catch (error) {
    throw new FileSetError(`${file.name} is not a readable zip file (${(error as Error).message}). Make the zip again and retry.`);
  }
  if (zip.entryCount > limits.maxFiles) {
    zip.close();
    throw new FileSetError(`${file.name} holds ${zip.entryCount} entries; the most an import takes is ${limits.maxFiles}.`);
  }
  const out: InputFile[] = [];
  let total = 0;
  try {
    // eachEntry() is in yauzl 3 but not yet in its type definitions.
    for await (const entry of (zip as unknown as { eachEntry(): AsyncIterable<yauzl.Entry> }).eachEntry()) {
      const name = entry.fileName;
      if (name.endsWith('/')) continue; // a folder
      // Absolute paths and '..' would write outside the import if anyone ever extracted to disk.
      if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes('..')) {
        throw new FileSetError(`${file.name} contains "${name}", a path that points outside the zip. Make the zip from the folder itself.`);
      }
      const size = entry.uncompressedSize;
      total += size;
      checkSizes(name, size, total, limits);
      if (entry.compressedSize > 0 && size / entry.compressedSize > limits.maxRatio && size > 1024 * 1024) {
        throw new FileSetError(`${name} in ${file.name} expands ${Math.round(size / entry.compressedSize)} times; that looks like a zip bomb, so it was not opened.`);
      }
      if (entry.isEncrypted()) throw new FileSetError(`${name} in ${file.name} is encrypted. Zip the files without a password.`);
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      let read = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        read += chunk.length;
        // validateEntrySizes also checks this, but only after the whole entry has been read.
        if (read > size) throw new FileSetError(`${name} in ${file.name} is larger than the zip says. Make the zip again.`);
        chunks.push(chunk);
      }
      const base = name.split(/[\\/]/).pop()!;
      if (base.startsWith('.') || name.startsWith('__MACOSX/')) continue;
      out.push({ name: base, bytes: new Uint8Array(Buffer.concat(chunks)) });
    }
  } catch (error) {
    if (error instanceof FileSetError) throw error;
    throw new FileSetError(`${file.name} could not be read as a zip (${(error as Error).message}). Make the zip again and retry.`);
  } finally {
    zip.close();
  }
  return out;
}

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252';
}

/**
 * Text from bytes: UTF-8 with or without a byte-order mark, UTF-16 with its mark (Excel's
 * "Unicode text"), otherwise Windows-1252 (what Excel on Windows saves as "CSV"). Returns
 * undefined for bytes that are not text at all (NUL bytes outside UTF-16).
 */
export function decodeText(bytes: Uint8Array): DecodedText | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (body.includes(0)) return undefined;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    const text = iconv.decode(Buffer.from(body), 'windows1252');
    // Control characters other than tab and line ends mean binary, not a Windows-1252 text file.
    // eslint-disable-next-line no-control-regex -- looking for exactly these characters
    if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return undefined;
    return { text, encoding: 'windows-1252' };
  }
}
