/**
 * One owner per PGlite data directory.
 *
 * PGlite is PostgreSQL run inside one process, without PostgreSQL's own postmaster.pid
 * protection: a second process that opens the same directory (a CLI import while the server
 * runs) writes over the first one's files. So the process that opens a directory first takes
 * `<dataDir>/caseweight.lock`, a small JSON file naming it, and keeps it until it closes the
 * database or exits; everyone else reads that file and refuses with a sentence naming the
 * holder, before PGlite is touched.
 *
 * Why a hand-written lock file rather than a library: the maintained npm lockers
 * (proper-lockfile and friends) decide staleness by a heartbeat on the file's mtime, and
 * PGlite runs its WASM on the main thread, so a long import can stall the heartbeat past the
 * stale limit and let a second process in — the very corruption this exists to prevent.
 * Node has no flock(). A pid check has no timer and no stall problem.
 *
 * - Taking it is atomic: the record is written to a private temporary file which is then
 *   hard-linked to the lock's name; link() fails with EEXIST if the name exists, and a reader
 *   never sees a half-written record.
 * - Stale: a holder that was SIGKILLed (or lost power) leaves the file behind. A lock whose
 *   pid no longer exists on this host (process.kill(pid, 0) → ESRCH) is stale and is taken
 *   over. A lock from another host name (the folder on a network share, or another container
 *   on the same volume) cannot be checked from here, so it is never taken over automatically.
 * - PID reuse: after a crash the pid may be given to an unrelated process, which would make
 *   the lock look alive. On Linux we also record the process's start time (field 22 of
 *   /proc/<pid>/stat, with the boot id) and treat a live pid that started at another time as
 *   reused; elsewhere a reused pid makes us refuse (never corrupt), and the person can delete
 *   the lock file after checking that pid. A lock naming our own pid but not taken by this
 *   process is a previous run (containers restart with the same small pids) and is stale.
 * - Racing takers: two processes can both see the same stale lock. Breaking it happens only
 *   while holding a second, short-lived guard file (`caseweight.lock.takeover`, taken the
 *   same atomic way), and only if the lock still holds exactly the stale record that was
 *   judged dead; then everyone goes back to the atomic link(). So at most one wins, and a
 *   fresh lock is never removed by a late breaker. (Renaming a fresh file over the stale one
 *   and re-reading it is not enough: both racers can re-read their own file before the other
 *   renames.) The guard is held for a few system calls; if its holder dies inside them, the
 *   guard is itself judged by its pid and moved aside.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseInUseError, type LockHolder } from '../kernel/errors.ts';

export const LOCK_FILE = 'caseweight.lock';

/** The owner the server records; other processes are told to stop it rather than wait for it. */
export const SERVER_OWNER = 'the server';

/** What a lock file holds. `processStart` is null where /proc is not available. */
interface LockRecord extends LockHolder {
  processStart: string | null;
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/** Lock paths this process (this module instance) holds, so a second open in-process refuses too. */
const heldHere = new Set<string>();

/** Takes the data directory's lock or throws DatabaseInUseError naming the holder. */
export async function lockDataDir(dataDir: string, owner: string): Promise<DataDirLock> {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, LOCK_FILE);
  const record: LockRecord = {
    pid: process.pid,
    owner,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    processStart: processStartOf(process.pid),
  };
  const text = `${JSON.stringify(record)}\n`;

  for (let attempt = 0; attempt < 50; attempt++) {
    if (createExclusive(lockPath, text)) return holdLock(lockPath, text);
    const current = await readRecord(lockPath);
    if (current === undefined) continue; // released between our link() and read: try again
    if (current.record && holderState(current.record, lockPath) !== 'gone') {
      const otherHost = current.record.hostname !== os.hostname();
      throw new DatabaseInUseError(displayPath(dir), lockPath, current.record, otherHost, advice(current.record, owner, otherHost, lockPath));
    }
    // Stale (or unreadable junk): break it under the guard, then race for it like everyone else.
    await breakStale(lockPath, current.text, text);
  }
  throw new Error(`Could not take the lock ${lockPath}: it kept changing. Try again.`);
}

/** What the refused person can do: stop the server (or use its page), wait, or clear another host's lock. */
function advice(holder: LockRecord, opener: string, otherHost: boolean, lockPath: string): string {
  if (otherHost) return `If it is no longer running there, delete ${lockPath} and try again.`;
  if (holder.owner !== SERVER_OWNER) return 'Wait for it to finish, then try again.';
  if (opener.startsWith('caseweight import')) return 'Stop it, or use the Imports page.';
  return 'Stop it first, then try again.';
}

function holdLock(lockPath: string, text: string): DataDirLock {
  heldHere.add(lockPath);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    heldHere.delete(lockPath);
    process.off('exit', release);
    // Only remove it if it is still ours: nobody else replaces a live holder's lock, but a
    // person may have deleted it by hand and another process taken it since.
    if (readText(lockPath) === text) unlinkQuietly(lockPath);
  };
  // Covers a normal exit and process.exit(); a signal without a handler skips 'exit', and
  // SIGKILL skips everything: those leave a stale lock, which the next opener takes over.
  process.on('exit', release);
  return { path: lockPath, release };
}

/** Writes `text` to a private temporary file and links it to `target`; false if `target` exists. */
function createExclusive(target: string, text: string): boolean {
  const temporary = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, text, { flag: 'wx' });
  try {
    fs.linkSync(temporary, target);
    return true;
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkQuietly(temporary);
  }
}

type HolderState = 'alive' | 'other-host' | 'gone';

function holderState(record: LockRecord, lockPath: string): HolderState {
  if (record.hostname !== os.hostname()) return 'other-host';
  if (record.pid === process.pid) {
    if (heldHere.has(lockPath)) return 'alive';
    // Our own pid, but not taken by this module: another module instance in this process
    // (same start time), or a previous run that happened to have our pid (stale).
    return record.processStart !== null && record.processStart === processStartOf(process.pid) ? 'alive' : 'gone';
  }
  try {
    process.kill(record.pid, 0); // signal 0: checks the pid exists, sends nothing
  } catch (error) {
    if (code(error) === 'ESRCH') return 'gone';
    // EPERM: it exists but belongs to another user; still alive.
  }
  if (record.processStart !== null) {
    const now = processStartOf(record.pid);
    if (now !== null && now !== record.processStart) return 'gone'; // the pid was reused
  }
  return 'alive';
}

/** Removes the lock only if it still holds `staleText`, while holding the takeover guard. */
async function breakStale(lockPath: string, staleText: string, ourText: string): Promise<void> {
  const guard = `${lockPath}.takeover`;
  if (!createExclusive(guard, ourText)) {
    const current = await readRecord(guard);
    if (current && (!current.record || holderState(current.record, guard) === 'gone')) {
      // A taker died inside its few system calls. Move the guard aside and check we moved
      // the dead one; if a live taker replaced it meanwhile, put theirs back.
      const aside = `${guard}.${process.pid}.${randomBytes(6).toString('hex')}.old`;
      try {
        fs.renameSync(guard, aside);
        if (readText(aside) !== current.text) {
          try {
            fs.linkSync(aside, guard);
          } catch {
            // EEXIST: a third taker has a guard now; theirs stands.
          }
        }
      } catch (error) {
        if (code(error) !== 'ENOENT') throw error;
      } finally {
        unlinkQuietly(aside);
      }
    } else {
      await sleep(10 + Math.random() * 40); // a live taker: let it finish
    }
    return;
  }
  try {
    // Under the guard nobody else removes the lock, and nobody can create one while it exists,
    // so "still the stale record" checked here stays true until the unlink.
    if (readText(lockPath) === staleText) unlinkQuietly(lockPath);
  } finally {
    unlinkQuietly(guard);
  }
}

/** The lock's text and parsed record; undefined when there is no file. */
async function readRecord(file: string): Promise<{ text: string; record: LockRecord | null } | undefined> {
  // Records appear whole (link), so junk means a damaged or hand-made file; read it a few
  // times in case a person or another tool is writing it, then treat it as stale.
  for (let i = 0; ; i++) {
    const text = readText(file);
    if (text === undefined) return undefined;
    const record = parseRecord(text);
    if (record || i >= 4) return { text, record };
    await sleep(50);
  }
}

function parseRecord(text: string): LockRecord | null {
  try {
    const value = JSON.parse(text) as Partial<LockRecord>;
    if (!Number.isInteger(value.pid) || typeof value.hostname !== 'string') return null;
    return {
      pid: value.pid!,
      owner: typeof value.owner === 'string' && value.owner ? value.owner : 'another Caseweight process',
      hostname: value.hostname,
      startedAt: typeof value.startedAt === 'string' ? value.startedAt : '',
      processStart: typeof value.processStart === 'string' ? value.processStart : null,
    };
  } catch {
    return null;
  }
}

let bootId: string | null | undefined;

/** "<boot id>:<start time in clock ticks>" from Linux's /proc; null elsewhere or if unreadable. */
function processStartOf(pid: number): string | null {
  try {
    bootId ??= fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) is in parentheses and may hold spaces or ')': split after the last ')'.
    // What follows starts at field 3, so field 22 (starttime) is index 19.
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return bootId && startTicks ? `${bootId}:${startTicks}` : null;
  } catch {
    bootId ??= null;
    return null;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function unlinkQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

/** "./data" for a folder under the working directory, the absolute path otherwise. */
function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? dir : `.${path.sep}${relative}`;
}

const code = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
