import type { CswwWorker } from '../../standards/csww/read.ts';
import type { AbsenceRow, AllocationRow, ChildRow, EpisodeRow, FactorRow, PostRow, PractitionerRow, RecordedRow, RegisterEntity, TeamRow } from '../../kernel/register.ts';

import type { Coverage } from './coverage.ts';

export { REGISTER_ENTITIES, type RegisterEntity, type RegisterRows } from '../../kernel/register.ts';

/**
 * What one import says the register should hold: rows in the register's own shape, plus which
 * fields the source left empty (those never overwrite what is already held).
 */
export type PractitionerField = keyof PractitionerRow;

export interface IncomingPractitioner extends PractitionerRow {
  /** The source's own key for the worker (SSD prof_professional_id, or prof_staff_id in Mosaic). */
  sourceKey: string;
  /** Fields the source did not give: kept from the register, or defaulted for a new worker. */
  unknown: PractitionerField[];
}

export interface IncomingChild extends ChildRow {
  unknown: (keyof ChildRow)[];
}

/** A content-rule failure to flag on a register record (the record is still imported). */
export interface RecordFlag {
  entity: RegisterEntity;
  recordId: string;
  code: string | null;
  field: string | null;
  message: string;
}


export interface Snapshot {
  teams: TeamRow[];
  practitioners: IncomingPractitioner[];
  absences: AbsenceRow[];
  posts: PostRow[];
  children: IncomingChild[];
  episodes: EpisodeRow[];
  factors: FactorRow[];
  allocations: AllocationRow[];
  recorded: RecordedRow[];
  flags: RecordFlag[];
  /** Entities this source is authoritative for: open rows it no longer lists are closed. */
  closes: RegisterEntity[];
  /** Rows of the source not imported (unmapped role, team-only involvement, bad dates), by register entity. */
  rejected: Partial<Record<RegisterEntity, number>>;
  /**
   * Children some of whose rows were rejected: their open rows stay open, since the source may
   * still list them in the rows it could not read (a rejected row never closes what it held).
   */
  keepOpen: string[];
  /** Which scheduled activities' completion this source can show (case-data sources only). */
  coverage?: Coverage[];
  /** The workforce census as received, per worker, for the census date (CSWW only). */
  census?: CensusReturn;
}

/** One CSWWWorker as kept per census date: the facts the register has no place for (the reader's own fields). */
export type CensusReturnWorker = Omit<CswwWorker, 'line'> & {
  /** The register's worker it was matched to (by Social Work England number), if any. */
  practitionerId: string | null;
};

export interface CensusReturn {
  censusDate: string;
  vacancies: { fte: number; agencyFte: number; agencyHeadcount: number };
  workers: CensusReturnWorker[];
}

export const emptySnapshot = (): Snapshot => ({
  teams: [], practitioners: [], absences: [], posts: [], children: [], episodes: [], factors: [], allocations: [], recorded: [],
  flags: [], closes: [], rejected: {}, keepOpen: [],
});
