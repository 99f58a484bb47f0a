import type { RequestContext } from '../kernel/context.ts';
import { operatorActor } from '../kernel/roles.ts';
import type { Services } from '../main.ts';
import type { Config } from '../platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../platform/database.ts';
import { migrate } from '../platform/migrations.ts';

export interface OperatorOptions {
  council: string;
  /** Who is running the command: an account's email, or a name for the audit log. */
  as?: string | undefined;
}

/**
 * Every command that touches the register runs through the same services as the pages, as a
 * named operator: the database is opened (and locked) once, migrated, and closed afterwards.
 */
export async function withServices<T>(config: Config, options: OperatorOptions, run: (services: Services, ctx: RequestContext, database: DatabaseHandle) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    await migrate(database.pool);
    const { buildServices } = await import('../main.ts');
    const services = buildServices(database);
    const operator = await services.identity.commandLineOperator(options.council, options.as ?? config.operator);
    const ctx: RequestContext = { actor: operatorActor(options.council, operator), origin: { ip: 'command line' }, now: new Date() };
    return await run(services, ctx, database);
  } finally {
    await database.close();
  }
}
