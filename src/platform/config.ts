import path from 'node:path';

/** Everything Caseweight reads from the environment, read once, checked once. */
export interface Config {
  port: number;
  host: string;
  /** A postgres:// URL for a real server; undefined means the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps nothing. */
  dataDir: string;
  /** Seed the demo council on first start when the database holds no council. */
  seedDemoOnStart: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Caseweight cannot start:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and checks the environment; lists every problem at once rather than the first. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, like 3000 (it is "${portText}").`);
  }

  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://, like postgres://localhost:5432/caseweight.');
  }

  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (it is "${env.LOG_LEVEL}").`);
  }

  const seedText = (env.CASEWEIGHT_SEED_DEMO ?? 'true').toLowerCase();
  if (!['true', 'false', '1', '0', 'yes', 'no'].includes(seedText)) {
    problems.push(`CASEWEIGHT_SEED_DEMO must be true or false (it is "${env.CASEWEIGHT_SEED_DEMO}").`);
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const dataDirText = env.CASEWEIGHT_DATA?.trim() || './data';
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    dataDir: dataDirText.startsWith('memory://') ? dataDirText : path.resolve(dataDirText),
    seedDemoOnStart: ['true', '1', 'yes'].includes(seedText),
    logLevel,
  };
}
