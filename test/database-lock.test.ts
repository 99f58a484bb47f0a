import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE, lockDataDir } from '../src/platform/data-dir-lock.ts';
import { openDatabase, ownerFromArgv, SERVER_OWNER, type DatabaseHandle } from '../src/platform/database.ts';
import { DatabaseInUseError } from '../src/kernel/errors.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'caseweight-lock-'));
const repo = path.resolve(import.meta.dirname, '..');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

const folder = (name: string) => path.join(root, name);
const lockOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'));
const writeLock = (dir: string, record: object) => writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(record));

/** A pid that existed a moment ago and does not now. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  return pid!;
}

/** A real, live process that is not this one. */
async function liveChild(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await once(child, 'spawn');
  return child;
}

async function refusal(promise: Promise<unknown>): Promise<DatabaseInUseError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DatabaseInUseError);
  return error as DatabaseInUseError;
}

describe('one owner per PGlite data directory', () => {
  const dir = folder('data');
  let first: DatabaseHandle | undefined;
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => first?.close());

  it('a second open refuses, naming the holder, before PGlite is opened', async () => {
    first = await openDatabase({ dataDir: dir, owner: SERVER_OWNER });
    await first.pool.query('create table acknowledged (n int); insert into acknowledged values (1)');
    expect(lockOf(dir)).toMatchObject({ pid: process.pid, owner: 'the server', hostname: os.hostname() });

    const create = vi.spyOn(PGlite, 'create');
    const error = await refusal(openDatabase({ dataDir: dir, owner: 'caseweight import ssd' }));
    expect(error.message).toBe(`The server (pid ${process.pid}) is using ${dir}. Stop it, or use the Imports page.`);
    expect(error.holder).toMatchObject({ pid: process.pid, owner: 'the server' });
    const other = await refusal(openDatabase({ dataDir: dir, owner: 'caseweight export ssd' }));
    expect(other.message).toBe(`The server (pid ${process.pid}) is using ${dir}. Stop it first, then try again.`);
    expect(create).not.toHaveBeenCalled();
  });

  it('close() releases the lock, so the folder opens again with its data', async () => {
    await first!.close();
    first = undefined;
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = await openDatabase({ dataDir: dir, owner: 'caseweight migrate' });
    try {
      expect((await again.pool.query('select n from acknowledged')).rows).toEqual([{ n: 1 }]);
      expect(lockOf(dir)).toMatchObject({ pid: process.pid, owner: 'caseweight migrate' });
    } finally {
      await again.close();
    }
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('a stale lock left by a dead process is taken over and the folder opens', async () => {
    const pid = deadPid();
    writeLock(dir, { pid, owner: 'the server', hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', processStart: null });
    const database = await openDatabase({ dataDir: dir, owner: 'caseweight workload' });
    try {
      expect(lockOf(dir)).toMatchObject({ pid: process.pid, owner: 'caseweight workload' });
      expect((await database.pool.query('select n from acknowledged')).rows).toEqual([{ n: 1 }]);
    } finally {
      await database.close();
    }
  });
});

describe('the lock file on its own', () => {
  it('a live holder that is another command is named, and the opener is told to wait', async () => {
    const dir = folder('busy');
    const holder = await liveChild();
    await lockDataDir(dir, 'placeholder').then((l) => l.release()); // makes the folder
    writeLock(dir, { pid: holder.pid, owner: 'caseweight import ssd', hostname: os.hostname(), startedAt: new Date().toISOString(), processStart: null });
    const error = await refusal(lockDataDir(dir, 'caseweight migrate'));
    expect(error.message).toBe(`caseweight import ssd (pid ${holder.pid}) is using ${dir}. Wait for it to finish, then try again.`);
    expect(lockOf(dir).pid).toBe(holder.pid); // untouched
  });

  it('a lock from another host is never taken over', async () => {
    const dir = folder('share');
    await lockDataDir(dir, 'placeholder').then((l) => l.release());
    writeLock(dir, { pid: deadPid(), owner: 'the server', hostname: 'not-this-host', startedAt: new Date().toISOString(), processStart: null });
    const error = await refusal(lockDataDir(dir, 'caseweight seed'));
    expect(error.message).toMatch(/^The server \(pid \d+ on not-this-host\) is using .*share\. If it is no longer running there, delete .*caseweight\.lock and try again\.$/);
  });

  it('a damaged lock file is treated as stale', async () => {
    const dir = folder('junk');
    await lockDataDir(dir, 'placeholder').then((l) => l.release());
    writeFileSync(path.join(dir, LOCK_FILE), '');
    const lock = await lockDataDir(dir, 'caseweight migrate');
    expect(lockOf(dir).pid).toBe(process.pid);
    lock.release();
  });

  it.runIf(process.platform === 'linux')('a reused pid (same number, another start time) is stale, including our own pid from a previous run', async () => {
    const dir = folder('reused');
    const stranger = await liveChild();
    for (const pid of [stranger.pid!, process.pid]) {
      await lockDataDir(dir, 'placeholder').then((l) => l.release());
      writeLock(dir, { pid, owner: 'the server', hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', processStart: 'an-earlier-boot:12345' });
      const lock = await lockDataDir(dir, 'caseweight migrate');
      expect(lockOf(dir)).toMatchObject({ pid: process.pid, owner: 'caseweight migrate' });
      lock.release();
    }
  });

  it('processes racing to take over one stale lock: exactly one wins', async () => {
    const dir = folder('race');
    await lockDataDir(dir, 'placeholder').then((l) => l.release());
    writeLock(dir, { pid: deadPid(), owner: 'the server', hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', processStart: null });
    const go = path.join(root, 'go');
    const takers = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/lock-taker.ts', dir, go, '1500'], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
      const ready = new Promise<void>((resolve) => child.stdout!.on('data', () => out.includes('ready') && resolve()));
      const done = once(child, 'exit').then(([status]) => ({ status, out }));
      return { ready, done };
    });
    await Promise.all(takers.map((t) => t.ready));
    writeFileSync(go, '');
    const results = await Promise.all(takers.map((t) => t.done));
    expect(results.map((r) => r.status)).toEqual([0, 0, 0, 0]);
    const outcomes = results.map((r) => r.out.replace('ready', '').trim()).sort();
    expect(outcomes).toEqual(['refused', 'refused', 'refused', 'won']);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false); // the winner released it
  });
});

describe('who the lock names', () => {
  it('derives the owner from the command line', () => {
    const bin = '/srv/caseweight/bin/caseweight.mjs';
    expect(ownerFromArgv(['node', bin, 'serve'])).toBe('the server');
    expect(ownerFromArgv(['node', bin, 'import', 'ssd', './extract.zip', '--council', 'demo'])).toBe('caseweight import ssd');
    expect(ownerFromArgv(['node', bin, 'workload', '--team', 'SF1'])).toBe('caseweight workload');
    expect(ownerFromArgv(['node', bin, 'audit', 'verify'])).toBe('caseweight audit verify');
    expect(ownerFromArgv(['node', '/usr/lib/node_modules/.bin/caseweight', 'migrate'])).toBe('caseweight migrate');
  });
});
