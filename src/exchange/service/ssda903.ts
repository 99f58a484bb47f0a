import type { Db } from '../../platform/database.ts';
import type { InputFile } from '../../standards/files.ts';
import { write903Files } from '../../standards/ssda903/write.ts';
import { ReportBuilder } from '../../standards/report.ts';
import { loadRegisterState } from '../store.ts';
import { registerTo903 } from '../model/ssda903/export.ts';
import { requireCouncil } from './exports.ts';
import { read903Files } from '../../standards/ssda903/read.ts';
import { registerReader } from './readers.ts';
import { map903 } from '../model/ssda903/map.ts';
import { returnNotes } from '../model/return-notes.ts';
import { noProgress, stepper, type Progress } from '../../kernel/progress.ts';

/**
 * `import 903`: the SSDA903 tables are read against the current specification, then mapped
 * onto the register as it stands (the 903 joins children and workers the SSD brought).
 * Importing this module adds the reader to the import service.
 */
registerReader('903', (files, ctx, report) => {
  const read = read903Files(files, report, { asOf: ctx.extractDate });
  if (report.hasErrors) return { snapshot: undefined, files: read.files };
  const register = ctx.register ?? { teams: [], practitioners: [], absences: [], posts: [], children: [], episodes: [], factors: [], allocations: [], recorded: [] };
  const snapshot = map903(read.tables, { councilId: ctx.councilId, register, rejectedChildren: read.rejectedChildren }, report);
  returnNotes('903', register, snapshot, snapshot.coverage ?? [], report);
  return { snapshot: report.hasErrors ? undefined : snapshot, files: read.files };
}, { needsRegister: true });

/**
 * The council's 903 tables, checked against the specification as they are written and read
 * back with the importer's own reader, so what Caseweight offers is a set it can import.
 */
export async function export903(db: Db, councilId: string, options: { withDistance?: boolean } = {}, progress: Progress = noProgress): Promise<{ files: InputFile[]; notes: string[] }> {
  const steps = stepper(progress, 3);
  await requireCouncil(db, councilId);
  steps.next('Reading the register');
  const state = await loadRegisterState(db, councilId, '903');
  steps.next('Writing the 903 tables');
  const { tables, notes } = registerTo903(state, options);
  const files = write903Files(tables, options);
  steps.next(`Checking the ${files.length} tables against the specification`);
  const check = new ReportBuilder();
  read903Files(files, check);
  const problem = check.problems.find((p) => p.severity === 'error');
  if (problem) throw new Error(`The 903 export failed its own check: ${problem.file} line ${problem.line ?? '?'}: ${problem.message}`);
  // DfE content rules the register's own data breaks (overlapping episodes, say) are the council's to fix, not a reason to refuse.
  const rules = check.problems.filter((p) => p.severity === 'rule' || p.severity === 'rejected');
  if (rules.length > 0) notes.push(`${rules.length} rows break a DfE 903 rule (${[...new Set(rules.map((p) => p.code ?? 'no code'))].join(', ')}); import the files to see each one.`);
  steps.finish('Written and checked');
  return { files, notes };
}
