// The real server and the real CLI as child processes on one PGlite data directory: while the
// server holds it, every command that opens the database refuses (naming the server's pid)
// without opening it, and nothing the server acknowledged is lost.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail } from '../src/demo/users.ts';
import { verifyAuditChain } from '../src/platform/audit.ts';
import { LOCK_FILE } from '../src/platform/data-dir-lock.ts';
import { openDatabase } from '../src/platform/database.ts';

const repo = path.resolve(import.meta.dirname, '..');
const root = mkdtempSync(path.join(os.tmpdir(), 'caseweight-lock-server-'));
const dataDir = path.join(root, 'data');
const tripwire = path.join(root, 'pglite-opened.txt');
const lockPath = path.join(dataDir, LOCK_FILE);

const childEnv = (extra: Record<string, string> = {}) => ({
  ...process.env,
  CASEWEIGHT_DATA: dataDir,
  DATABASE_URL: '',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  CASEWEIGHT_SEED_DEMO: 'true',
  PGLITE_TRIPWIRE: tripwire,
  ...extra,
});

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  return port;
}

interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
}

const servers: ChildProcess[] = [];
afterAll(() => {
  for (const child of servers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** `node bin/caseweight.mjs serve` on dataDir; resolves once /health answers. */
async function startServer(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/caseweight.mjs', 'serve'], { cwd: repo, env: childEnv({ PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(child);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c));
  child.stderr!.on('data', (c: Buffer) => (output += c));
  const url = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); Date.now() - started < 90_000;) {
    if (child.exitCode !== null) throw new Error(`The server stopped (${child.exitCode}):\n${output}`);
    const health = await fetch(`${url}/health`).catch(() => undefined);
    if (health?.ok) return { child, url, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer /health within 90 s:\n${output}`);
}

/** Signs in through the API (README's curl sequence); returns the session id the server stored. */
async function signIn(url: string, role: string): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const tokenResponse = await fetch(`${url}/api/csrf-token`);
  remember(tokenResponse);
  const { token } = (await tokenResponse.json()) as { token: string };
  const response = await fetch(`${url}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': token, cookie: cookie() },
    body: JSON.stringify({ email: demoEmail(role), password: DEMO_PASSWORD }),
  });
  remember(response);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ signedIn: true });
  const session = jar.get('caseweight.sid');
  expect(session).toBeDefined();
  return decodeURIComponent(session!).split('.')[0]!;
}

/** `node bin/caseweight.mjs ...args`, with the PGlite tripwire loaded. */
async function cli(args: string[]): Promise<{ args: string[]; status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', './test/support/pglite-tripwire.mjs', 'bin/caseweight.mjs', ...args], { cwd: repo, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c));
  child.stderr!.on('data', (c: Buffer) => (stderr += c));
  const [status] = await once(child, 'exit');
  return { args, status, stdout, stderr };
}

async function inParallel<T, R>(limit: number, items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

const pgliteOpens = () => (existsSync(tripwire) ? readFileSync(tripwire, 'utf8').trim().split('\n') : []);

describe('the server owns its data directory', () => {
  let server: Server;
  const sessions: string[] = [];
  const inputs = path.join(root, 'inputs');
  const outputs = path.join(root, 'outputs');

  beforeAll(async () => {
    server = await startServer(); // first start: migrations and the demo council
    mkdirSync(path.join(inputs, 'ssd'), { recursive: true });
    mkdirSync(path.join(inputs, '903'), { recursive: true });
    writeFileSync(path.join(inputs, 'ssd', 'ssd_person.csv'), 'person_id\n1\n');
    writeFileSync(path.join(inputs, '903', 'header.csv'), 'CHILD\n1\n');
    writeFileSync(path.join(inputs, 'cin.xml'), '<Message/>');
    writeFileSync(path.join(inputs, 'csww.xml'), '<Message/>');
  });

  it('holds the lock, naming itself, and acknowledges writes', async () => {
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: server.child.pid, owner: 'the server', hostname: os.hostname() });
    sessions.push(await signIn(server.url, 'service_manager'));
  });

  it('every CLI command that opens the database refuses, naming the server, without opening the folder', async () => {
    const commands = [
      ['migrate'],
      ['seed'],
      ['workload', '--team', 'SF1'],
      ['import', 'ssd', path.join(inputs, 'ssd')],
      ['import', '903', path.join(inputs, '903')],
      ['import', 'cin', path.join(inputs, 'cin.xml')],
      ['import', 'csww', path.join(inputs, 'csww.xml')],
      ['export', 'ssd', path.join(outputs, 'ssd')],
      ['export', 'cin', path.join(outputs, 'cin.xml'), '--census-date', '2026-03-31'],
      ['export', '903', path.join(outputs, '903')],
      ['export', 'csww', path.join(outputs, 'csww.xml'), '--census-date', '2025-09-30'],
      ['audit', 'verify'],
      ['sar', '--child', 'C1', '--out', outputs],
      ['retention'],
    ];
    // They only read the lock file, so running them side by side is safe (and they must all
    // refuse); three at a time, because each spends a few seconds of CPU starting tsx.
    const results = await inParallel(3, commands, cli);
    for (const r of results) {
      const importing = r.args[0] === 'import';
      expect({ args: r.args, status: r.status, stderr: r.stderr.trim() }).toEqual({
        args: r.args,
        status: 1,
        stderr: `The server (pid ${server.child.pid}) is using ${dataDir}. ${importing ? 'Stop it, or use the Imports page.' : 'Stop it first, then try again.'}`,
      });
    }
    expect(pgliteOpens()).toEqual([]); // no refused command called PGlite.create
    expect(existsSync(outputs)).toBe(false);
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(server.child.pid);
    expect((await fetch(`${server.url}/health`)).ok).toBe(true);
  }, 300_000);

  it('a second server refuses too', async () => {
    const second = await cli(['serve']);
    expect(second.status).toBe(1);
    expect(second.stderr.trim()).toBe(`The server (pid ${server.child.pid}) is using ${dataDir}. Stop it first, then try again.`);
  }, 120_000);

  it('after SIGTERM the lock is gone, the folder opens, and every acknowledged write is there', async () => {
    server.child.kill('SIGTERM');
    const [status] = await once(server.child, 'exit');
    expect(status).toBe(0);
    expect(existsSync(lockPath)).toBe(false);
    const database = await openDatabase({ dataDir, owner: 'the test' });
    try {
      expect(await database.db.selectFrom('councils').select('council_id').where('council_id', '=', 'demo').execute()).toHaveLength(1);
      const session = await database.db.selectFrom('sessions').select(['sid', 'user_id']).where('sid', '=', sessions[0]!).executeTakeFirst();
      expect(session?.user_id).toBeTruthy();
      const signIns = await database.db.selectFrom('audit_events').select('actor_user_id').where('council_id', '=', 'demo').where('action', '=', 'sign_in').execute();
      expect(signIns).toEqual([{ actor_user_id: session!.user_id }]);
      expect((await verifyAuditChain(database.db, 'demo')).ok).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('a holder killed with SIGKILL leaves a stale lock that the next start takes over; the data opens', async () => {
    const again = await startServer();
    sessions.push(await signIn(again.url, 'team_manager'));
    again.child.kill('SIGKILL');
    await once(again.child, 'exit');
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(again.child.pid); // left behind

    const next = await cli(['workload', '--team', 'SF1', '--json']);
    expect(next.stderr).not.toContain('is using');
    expect(next.status).toBe(0);
    expect(pgliteOpens()).toHaveLength(1); // this one did open it (and the tripwire works)
    expect(existsSync(lockPath)).toBe(false); // and released it on the way out

    const database = await openDatabase({ dataDir, owner: 'the test' });
    try {
      const found = await database.db.selectFrom('sessions').select('sid').where('sid', 'in', sessions).execute();
      expect(found).toHaveLength(2);
      expect(await database.db.selectFrom('audit_events').select('seq').where('council_id', '=', 'demo').where('action', '=', 'sign_in').execute()).toHaveLength(2);
      expect((await verifyAuditChain(database.db, 'demo')).ok).toBe(true);
    } finally {
      await database.close();
    }
  }, 240_000);
});
