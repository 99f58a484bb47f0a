import type { Db } from '../../platform/database.ts';
import { InvalidInputError } from '../../kernel/errors.ts';
import { readCinFiles } from '../../standards/cin/read.ts';
import { writeCinCensus } from '../../standards/cin/write.ts';
import { requireCouncil } from './exports.ts';
import { registerReader } from './readers.ts';
import { loadRegisterState } from '../store.ts';
import { CIN_EXPORT_NOTES, registerToCin } from '../model/cin/export.ts';
import { adoptRegisterIds, mapCin } from '../model/cin/map.ts';
import { returnNotes } from '../model/return-notes.ts';
import { noProgress, stepper, type Progress } from '../../kernel/progress.ts';

/**
 * `import cin`: one CIN census XML file, checked against its year's schema, mapped onto the
 * register as it stands (the census links to the children the SSD brought, by LAchildID).
 * Importing this module adds the reader to the import service.
 */
registerReader('cin', async (files, ctx, report) => {
  const read = await readCinFiles(files, report);
  if (!read.census || report.hasErrors) return { snapshot: undefined, files: read.files };
  const { snapshot } = mapCin(read.census, files[0]!.name, ctx.councilId, report);
  if (report.hasErrors) return { snapshot: undefined, files: read.files };
  if (ctx.register) adoptRegisterIds(snapshot, ctx.register);
  returnNotes('cin', ctx.register ?? { practitioners: [], children: [] }, snapshot, snapshot.coverage ?? [], report);
  return { snapshot, files: read.files };
}, { needsRegister: true });

/** A census date as the DfE uses it: a real day, normally 31 March. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The council's CIN census for the year ending on `censusDate`, as XML that passes the current
 * schema. A register that would give an invalid return is refused with the schema's reasons.
 */
export async function exportCin(db: Db, councilId: string, censusDate: string, progress: Progress = noProgress): Promise<{ xml: string; children: number; notes: string[] }> {
  if (!DAY.test(censusDate) || Number.isNaN(Date.parse(`${censusDate}T00:00:00Z`))) {
    throw new InvalidInputError(`"${censusDate}" is not a census date. Give it as YYYY-MM-DD, like 2026-03-31.`);
  }
  const steps = stepper(progress, 3);
  const council = await requireCouncil(db, councilId);
  steps.next('Reading the register');
  const state = await loadRegisterState(db, councilId, 'cin');
  steps.next('Building the census');
  const census = registerToCin(state, censusDate, council.la_code);
  steps.next(`Writing ${census.children.length} children and checking the schema`);
  const written = await writeCinCensus(census);
  if (!written.ok) {
    const reasons = written.problems.slice(0, 10).map((p) => `  line ${p.line ?? '?'}: ${p.message}`).join('\n');
    throw new InvalidInputError(`The CIN census was not written: it fails the ${census.year >= 2026 ? '2025/26' : 'current'} schema.\n${reasons}\nCorrect these records and export again.`);
  }
  const notes = [...CIN_EXPORT_NOTES];
  if (census.lea === null) notes.push('The header has no LEA code: set the council\'s DfE local authority code to include it.');
  steps.finish('Written and checked');
  return { xml: written.xml, children: census.children.length, notes };
}
