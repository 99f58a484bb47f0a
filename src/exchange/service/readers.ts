import { readSsdFiles, readSsdTextTables } from '../../standards/ssd/read.ts';
import type { FileInfo, ImportFormat, ReportBuilder } from '../../standards/report.ts';
import type { InputFile } from '../../standards/files.ts';
import { DEFAULT_CONFIG } from '../../workload/model/index.ts';
import type { Snapshot } from '../model/snapshot.ts';
import { mapSsd } from '../model/ssd/map.ts';
import { DEFAULT_ROLE_MAPPING, type RoleMapping } from '../model/ssd/roles.ts';
import type { Db } from '../../platform/database.ts';
import * as store from '../store.ts';
import type { RegisterState } from '../model/sync.ts';
import type { DatabaseRead } from './ssd-postgres.ts';

// The readers, one per format, in their own module so a format's file can add itself
// (registerReader) without an import cycle through the import service.

/** A reader: files → register snapshot, reporting into the builder. Each format adds one. */
export type ReaderOutput = { snapshot: Snapshot | undefined; files: FileInfo[]; unmappedRoles?: Map<string, number> };
/** XML readers validate with a schema in a worker, so a reader may be async. */
export type Reader = (files: readonly InputFile[], ctx: ReaderContext, report: ReportBuilder) => ReaderOutput | Promise<ReaderOutput>;

export interface ReaderContext {
  councilId: string;
  extractDate: string;
  roleMapping: Readonly<RoleMapping>;
  /** The council's register, for readers registered with `needsRegister` (a return that only adds to what the SSD gave). */
  register?: RegisterState;
  /** Tables read from a database, for readers that can take them instead of files. */
  database?: DatabaseRead;
}

export const READERS: Partial<Record<ImportFormat, Reader>> = {
  ssd: (files, ctx, report) => {
    // From a database the rows arrive as text cells and get the same checks as a CSV file's.
    const rejectedPeople = new Set<string>();
    const read = ctx.database ? { tables: readSsdTextTables(ctx.database.tables, report, rejectedPeople), files: ctx.database.files } : readSsdFiles(files, report);
    if (report.hasErrors) return { snapshot: undefined, files: read.files };
    const rejected = 'rejectedPeople' in read ? read.rejectedPeople : rejectedPeople;
    const mapped = mapSsd(read.tables, { ...ctx, fullTimeWeeklyHours: DEFAULT_CONFIG.capacity.fullTimeWeeklyHours, rejectedPeople: rejected }, report);
    return { snapshot: mapped.snapshot, files: read.files, unmappedRoles: mapped.unmappedRoles };
  },
};

/** Lets each format module add its reader without this file importing them all. */
export function registerReader(format: ImportFormat, reader: Reader, options: { needsRegister?: boolean } = {}): void {
  READERS[format] = reader;
  if (options.needsRegister) NEEDS_REGISTER.add(format);
}
export const NEEDS_REGISTER = new Set<ImportFormat>();

/** Whether this format can be imported yet (the upload page offers the others as "not available yet"). */
export function canRead(format: string): format is ImportFormat {
  return Object.hasOwn(READERS, format) && READERS[format as ImportFormat] !== undefined;
}


export async function roleMappingFor(db: Db, councilId: string): Promise<RoleMapping> {
  return ((await store.getRoleMapping(db, councilId)) as RoleMapping | undefined) ?? { ...DEFAULT_ROLE_MAPPING };
}
