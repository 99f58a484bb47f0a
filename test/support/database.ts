import { randomUUID } from 'node:crypto';
import { openDatabase, type DatabaseHandle, type DatabaseKind } from '../../src/platform/database.ts';
import { migrate } from '../../src/platform/migrations.ts';

/**
 * The databases integration tests run against: PGlite always, and the PostgreSQL server too
 * when DATABASE_URL is set (CI sets it to the server on 127.0.0.1:5432, database test).
 */
export function testBackends(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];
}

export async function openTestDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  const database = await openDatabase(kind === 'postgresql' ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: 'memory://' });
  await migrate(database.pool);
  return database;
}

/** Each test makes its own council, so tests never need to clean up or wait for each other. */
export function newCouncilId(): string {
  return `t-${randomUUID().slice(0, 12)}`;
}
