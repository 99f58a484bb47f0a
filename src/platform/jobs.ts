import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';

/**
 * Background jobs on PostgreSQL (pg-boss 10), through the application's one pool on PGlite and
 * on a PostgreSQL server alike: pg-boss never opens a connection of its own (a second pg.Pool
 * over PGlite crosses results), it only calls `pool.query`.
 *
 * An area declares its jobs once (`defineJob`), the composition root starts the queue
 * (`startJobs`) and registers each definition, and the area sends work with the definition, so
 * the data's type follows the job. Every job's data names its council (`councilId`, or null for
 * deployment-wide work such as the daily fan-out that then sends one job per council): pg-boss's
 * own tables (schema `pgboss`) are not tenant tables and carry no council_id themselves.
 */

/** What every job's data carries: the council it is for, or null for work across every council. */
export interface JobData {
  councilId: string | null;
}

export interface JobContext {
  id: string;
  name: string;
  /** 0 on the first attempt, 1 on the first retry, and so on. */
  retryCount: number;
  retryLimit: number;
}

export type JobHandler<T extends JobData> = (data: T, job: JobContext) => Promise<void>;

export interface JobOptions {
  /** Retries after the first attempt before the job is failed with its error recorded. Default 2. */
  retryLimit?: number;
  /** Seconds before a retry. Default 60. */
  retryDelaySeconds?: number;
  /** Double the delay on each retry (pg-boss's exponential backoff). Default false. */
  retryBackoff?: boolean;
  /** How many of this job may run at once in this process (one polling worker each). Default 1. */
  concurrency?: number;
  /** A run that takes longer fails (and is retried). Default 15 minutes; at most just under 24 hours. */
  expireInSeconds?: number;
}

export interface JobDefinition<T extends JobData> {
  readonly name: string;
  readonly handler: JobHandler<T>;
  readonly options: JobOptions;
}

/** A job by its definition or its name (for status and unscheduling, where the data's type does not matter). */
export type JobRef = { readonly name: string } | string;

export interface SendOptions {
  /**
   * At most one job with this key per `singletonSeconds` window (pg-boss's throttle: a unique index
   * on queue, window start and key). A second send in the same window returns null and queues nothing.
   */
  singletonKey?: string;
  /** The window for `singletonKey`, aligned to the Unix epoch (86 400 = a UTC day). Default one day when a key is given. */
  singletonSeconds?: number;
  /** Not before this time (or this many seconds from now). */
  startAfter?: Date | number;
}

export interface ScheduleOptions {
  /** IANA zone the cron expression is read in. Default Europe/London. */
  tz?: string;
  singletonKey?: string;
}

export interface JobStatus {
  id: string;
  name: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  retryCount: number;
  /** The error a failed run recorded ({ message, stack, … }), or what a completed run returned. */
  output: unknown;
  data: unknown;
}

/** Something to run SQL on: the application's pg.Pool or a pg client (pool.connect()). */
export interface SqlRunner {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's own result rows are untyped
  query(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/** A Kysely instance or transaction (`db.transaction().execute(async (trx) => …)`). */
export interface KyselyRunner {
  executeQuery(query: CompiledQuery<unknown>): Promise<{ rows: unknown[] }>;
}

export interface JobLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface Jobs {
  /** Creates (or updates) the job's queue and starts this process's workers for it. */
  register<T extends JobData>(job: JobDefinition<T>): Promise<void>;
  /** `register(defineJob(name, handler, options))`, returning the definition for `send`. */
  define<T extends JobData>(name: string, handler: JobHandler<T>, options?: JobOptions): Promise<JobDefinition<T>>;
  /** Queues a job; the id, or null when a singleton key already has a job in its window. */
  send<T extends JobData>(job: JobDefinition<T> | string, data: T, options?: SendOptions): Promise<string | null>;
  /**
   * Queues a job inside the caller's transaction: it exists only if that transaction commits.
   * Pass the transaction (Kysely) or the pg client holding it. Never call `send` inside a
   * transaction on PGlite: its one connection is held by the transaction, so `send` waits for
   * the transaction that waits for `send`.
   */
  sendWithin<T extends JobData>(tx: SqlRunner | KyselyRunner, job: JobDefinition<T> | string, data: T, options?: SendOptions): Promise<string | null>;
  /**
   * Runs the job on a cron expression (five fields, minute first) in `tz`. One schedule per job
   * name; calling again replaces it. Across processes sharing one database it is sent once per
   * firing (see `startJobs`).
   */
  schedule<T extends JobData>(job: JobDefinition<T> | string, cron: string, data: T, options?: ScheduleOptions): Promise<void>;
  unschedule(job: JobRef): Promise<void>;
  schedules(): Promise<Array<{ name: string; cron: string; timezone: string; data: unknown }>>;
  status(job: JobRef, id: string): Promise<JobStatus | null>;
  /** Stops polling, waits up to `timeoutMs` for running jobs and pg-boss's in-flight queries, then resolves. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface StartJobsOptions {
  /** The application's one pool (PGlite's node-postgres adapter or a server pool). */
  pool: SqlRunner;
  log: JobLog;
  /** Which database the pool reaches (DatabaseHandle.kind); sets the default polling. Default 'postgresql'. */
  kind?: 'pglite' | 'postgresql';
  /** pg-boss's schema; default `pgboss`. Tests use their own. */
  schema?: string;
  /** Seconds between polls of each job's queue when idle. Default 2 on a server, 5 on PGlite (see below). Minimum 0.5. */
  pollingIntervalSeconds?: number;
  /** Seconds between checks of the cron schedules (pg-boss default 30; 1 to 45). */
  cronMonitorIntervalSeconds?: number;
  /** Seconds between polls of pg-boss's internal queue that turns a schedule's firing into a job (pg-boss default 5; 1 to 45). */
  cronWorkerIntervalSeconds?: number;
  /** Does this process check schedules? Default true; a CLI command that only sends jobs passes false. */
  schedule?: boolean;
  /** Does this process work jobs? Default true. With false, `register` only creates queues. */
  work?: boolean;
}

const NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_-]*)*$/;
const DAY_SECONDS = 86_400;

/** Declares a job once, in its area; the composition root registers it. No I/O. */
export function defineJob<T extends JobData>(name: string, handler: JobHandler<T>, options: JobOptions = {}): JobDefinition<T> {
  if (!NAME.test(name)) throw new Error(`A job name is lower-case words joined by dots, like "statistics.snapshot" (not "${name}").`);
  const { retryLimit, retryDelaySeconds, concurrency, expireInSeconds } = options;
  if (retryLimit !== undefined && !(Number.isInteger(retryLimit) && retryLimit >= 0)) throw new Error('retryLimit must be a whole number, 0 or more.');
  if (retryDelaySeconds !== undefined && !(Number.isInteger(retryDelaySeconds) && retryDelaySeconds >= 0)) throw new Error('retryDelaySeconds must be a whole number of seconds, 0 or more.');
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 20)) throw new Error('concurrency must be a whole number from 1 to 20.');
  if (expireInSeconds !== undefined && !(Number.isInteger(expireInSeconds) && expireInSeconds >= 1 && expireInSeconds < DAY_SECONDS)) throw new Error('expireInSeconds must be a whole number from 1 to 86399.');
  return { name, handler, options };
}

const nameOf = (job: JobRef): string => (typeof job === 'string' ? job : job.name);

function toBossSend(options: SendOptions = {}): PgBoss.SendOptions {
  const out: PgBoss.SendOptions = {};
  if (options.singletonKey !== undefined) {
    out.singletonKey = options.singletonKey;
    out.singletonSeconds = options.singletonSeconds ?? DAY_SECONDS;
  } else if (options.singletonSeconds !== undefined) {
    out.singletonSeconds = options.singletonSeconds;
  }
  if (options.startAfter !== undefined) out.startAfter = options.startAfter;
  return out;
}

function runnerOf(tx: SqlRunner | KyselyRunner): PgBoss.Db {
  if ('executeQuery' in tx) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg-boss reads its own rows
    return { executeSql: async (text, values) => ({ rows: (await tx.executeQuery(CompiledQuery.raw(text, values ?? []))).rows as any[] }) };
  }
  return { executeSql: (text, values) => tx.query(text, values) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts pg-boss on the application's pool (creating or migrating its schema) and returns the
 * typed queue. Pass the database's `kind` so idle polling suits it (see `pollingFor`).
 *
 * One runner across processes: pg-boss's timekeeper in every process checks the schedules every
 * `cronMonitorIntervalSeconds`, but first claims the check with one atomic
 * `UPDATE pgboss.version SET cron_on = now() WHERE now() - cron_on > interval RETURNING true`, so
 * one process a round does it; a firing is queued on an internal queue with singletonKey = the
 * job name and a 60-second window (a unique index), so two processes that both saw the minute
 * still queue it once. Per-council work the fan-out sends carries singletonKey
 * `<council>:<date>` with a one-day window, and the handler itself is idempotent (it skips a
 * council already done), which covers the window's edges.
 */
export async function startJobs(options: StartJobsOptions): Promise<Jobs> {
  const { pool, log } = options;
  const polling = options.pollingIntervalSeconds ?? pollingFor(options.kind ?? 'postgresql');
  let inflight = 0;
  let running = 0;
  let stopping = false;
  const workers = new Map<string, string[]>();

  const db: PgBoss.Db = {
    executeSql: async (text, values) => {
      inflight++;
      try {
        return await pool.query(text, values);
      } finally {
        inflight--;
      }
    },
  };

  const boss = new PgBoss({
    db,
    schema: options.schema ?? 'pgboss',
    schedule: options.schedule ?? true,
    supervise: true,
    migrate: true,
    // Completed jobs stay in the job table (where the singleton index sees them) for two days,
    // so a one-day singleton window always holds; then archived, then deleted after a week.
    archiveCompletedAfterSeconds: 2 * DAY_SECONDS,
    archiveFailedAfterSeconds: 2 * DAY_SECONDS,
    deleteAfterDays: 7,
    pollingIntervalSeconds: polling,
    cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds ?? 30,
    cronWorkerIntervalSeconds: options.cronWorkerIntervalSeconds ?? 5,
  } as PgBoss.ConstructorOptions);
  boss.on('error', (error) => {
    if (stopping) log.debug({ err: error }, 'job queue error while stopping');
    else log.error({ err: error }, 'job queue error');
  });
  await boss.start();

  const register = async <T extends JobData>(job: JobDefinition<T>): Promise<void> => {
    if (stopping) throw new Error('The job queue is stopping; no new jobs can be registered.');
    if (workers.has(job.name)) throw new Error(`The job "${job.name}" is registered twice.`);
    const o = job.options;
    const queue: PgBoss.Queue = {
      name: job.name,
      policy: 'standard',
      retryLimit: o.retryLimit ?? 2,
      retryDelay: o.retryDelaySeconds ?? 60,
      retryBackoff: o.retryBackoff ?? false,
      expireInSeconds: o.expireInSeconds ?? 15 * 60,
    };
    if (await boss.getQueue(job.name)) {
      await boss.updateQueue(job.name, queue);
    } else {
      try {
        await boss.createQueue(job.name, queue);
      } catch (error) {
        // Another process created it between our look and our insert.
        if (!(await boss.getQueue(job.name))) throw error;
        await boss.updateQueue(job.name, queue);
      }
    }
    const ids: string[] = [];
    workers.set(job.name, ids);
    if (options.work === false) return;
    for (let i = 0; i < (o.concurrency ?? 1); i++) {
      const id = await boss.work<T>(job.name, { batchSize: 1, includeMetadata: true }, async ([item]) => {
        if (!item) return;
        running++;
        const started = Date.now();
        try {
          await job.handler(item.data, { id: item.id, name: item.name, retryCount: item.retryCount, retryLimit: item.retryLimit });
          log.debug({ job: item.name, id: item.id, ms: Date.now() - started }, 'job done');
        } catch (error) {
          const last = item.retryCount >= item.retryLimit;
          log[last ? 'error' : 'warn']({ err: error, job: item.name, id: item.id, councilId: item.data?.councilId, attempt: item.retryCount + 1, of: item.retryLimit + 1 }, last ? 'job failed; no retries left' : 'job failed; it will be retried');
          throw error;
        } finally {
          running--;
        }
      });
      ids.push(id);
    }
  };

  /** Wakes this process's idle workers for the job, so a local send runs now rather than at the next poll. */
  const wake = (name: string) => {
    for (const id of workers.get(name) ?? []) boss.notifyWorker(id);
  };

  const check = (name: string, data: JobData) => {
    if (!workers.has(name)) throw new Error(`The job "${name}" is not registered; register it before sending it.`);
    if (data === null || typeof data !== 'object' || !('councilId' in data)) throw new Error(`The job "${name}" needs councilId in its data (null for every council).`);
  };

  const jobs: Jobs = {
    register,
    async define(name, handler, opts) {
      const job = defineJob(name, handler, opts);
      await register(job);
      return job;
    },
    async send(job, data, opts) {
      const name = nameOf(job);
      check(name, data);
      const id = await boss.send(name, data as object, toBossSend(opts));
      if (id && opts?.startAfter === undefined) wake(name);
      return id;
    },
    async sendWithin(tx, job, data, opts) {
      const name = nameOf(job);
      check(name, data);
      // Not woken: the row is invisible to the worker until the caller commits; the next poll finds it.
      return boss.send(name, data as object, { ...toBossSend(opts), db: runnerOf(tx) } as PgBoss.SendOptions);
    },
    async schedule(job, cron, data, opts = {}) {
      const name = nameOf(job);
      check(name, data);
      const scheduleOptions: PgBoss.ScheduleOptions = { tz: opts.tz ?? 'Europe/London' };
      if (opts.singletonKey) scheduleOptions.singletonKey = opts.singletonKey;
      await boss.schedule(name, cron, data as object, scheduleOptions);
    },
    async unschedule(job) {
      await boss.unschedule(nameOf(job));
    },
    async schedules() {
      return (await boss.getSchedules()).map((s) => ({ name: s.name, cron: s.cron, timezone: (s as PgBoss.Schedule & { timezone: string }).timezone, data: s.data }));
    },
    async status(job, id) {
      const row = await boss.getJobById(nameOf(job), id, { includeArchive: true });
      if (!row) return null;
      return { id: row.id, name: row.name, state: row.state, retryCount: row.retryCount, output: row.output, data: row.data };
    },
    async stop(timeoutMs = 10_000) {
      if (stopping) return;
      stopping = true;
      const deadline = Date.now() + timeoutMs;
      await boss.stop({ graceful: true, timeout: timeoutMs, wait: true, close: false });
      // pg-boss resolves once no handler is running, but a worker's last poll, the completion of
      // the last job (pg-boss does not await it) or a cron check may still be in flight on the
      // pool: wait for them, so the caller can close the pool without an error or a hang.
      while ((inflight > 0 || running > 0) && Date.now() < deadline) await sleep(5);
      if (inflight > 0 || running > 0) log.warn({ inflight, running }, 'the job queue stopped with work still in flight');
    },
  };
  return jobs;
}

/**
 * Idle polling per queue. On a server each poll is one short indexed query on one of many
 * connections: pg-boss's 2 s. On PGlite every query shares one connection with every request,
 * and all work comes from this one process, whose sends wake their worker at once; polling only
 * picks up retries, delayed jobs and schedule firings, so 5 s costs nothing that matters.
 */
export function pollingFor(kind: 'pglite' | 'postgresql'): number {
  return kind === 'pglite' ? 5 : 2;
}
