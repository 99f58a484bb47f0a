import type { Db } from '../../platform/database.ts';
import { InvalidInputError } from '../../kernel/errors.ts';
import { readCswwFiles } from '../../standards/csww/read.ts';
import { writeCsww } from '../../standards/csww/write.ts';
import { DEFAULT_CONFIG } from '../../workload/model/index.ts';
import { requireCouncil } from './exports.ts';
import { registerReader } from './readers.ts';
import { loadRegisterState } from '../store.ts';
import { registerToCsww } from '../model/csww/export.ts';
import { mapCsww } from '../model/csww/map.ts';
import { noProgress, stepper, type Progress } from '../../kernel/progress.ts';

/**
 * `import csww`: one workforce census XML file, validated against the XSD, mapped onto the
 * practitioners the register holds (by Social Work England number). Importing this module adds
 * the reader to the import service.
 */
registerReader('csww', async (files, ctx, report) => {
  const read = await readCswwFiles(files, report);
  if (!read.census || report.hasErrors) return { snapshot: undefined, files: read.files };
  const register = ctx.register ?? { teams: [], practitioners: [], absences: [], posts: [], children: [], episodes: [], factors: [], allocations: [], recorded: [] };
  const snapshot = mapCsww(read.census, files[0]!.name, {
    councilId: ctx.councilId, censusDate: read.census.referenceDate ?? ctx.extractDate, fullTimeWeeklyHours: DEFAULT_CONFIG.capacity.fullTimeWeeklyHours, register,
  }, report);
  return { snapshot, files: read.files };
}, { needsRegister: true });

/** The workforce census for the year to `censusDate` (30 September), as XML that passes the XSD. */
export async function exportCsww(db: Db, councilId: string, censusDate: string, progress: Progress = noProgress): Promise<{ xml: string; workers: number }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(censusDate) || Number.isNaN(Date.parse(`${censusDate}T00:00:00Z`))) {
    throw new InvalidInputError(`"${censusDate}" is not a census date. Give it as YYYY-MM-DD, like 2025-09-30.`);
  }
  const steps = stepper(progress, 3);
  const council = await requireCouncil(db, councilId);
  steps.next('Reading the register');
  const state = await loadRegisterState(db, councilId, 'csww');
  steps.next('Building the census');
  const census = registerToCsww(state, censusDate, council.la_code);
  if (census.workers.length === 0) throw new InvalidInputError(`No social workers with a Social Work England number were in post in the year to ${censusDate}, and the census needs at least one. Check the date.`);
  steps.next(`Writing ${census.workers.length} workers and checking the schema`);
  const written = await writeCsww(census);
  if (!written.ok) {
    throw new InvalidInputError(`The workforce census was not written: it fails the schema.\n${written.problems.slice(0, 10).map((p) => `  line ${p.line ?? '?'}: ${p.message}`).join('\n')}\nCorrect these records and export again.`);
  }
  steps.finish('Written and checked');
  return { xml: written.xml, workers: census.workers.length };
}
