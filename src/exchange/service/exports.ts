import type { Db } from '../../platform/database.ts';
import { NotFoundError } from '../../kernel/errors.ts';
import type { InputFile } from '../../standards/files.ts';
import { readSsdFiles } from '../../standards/ssd/read.ts';
import { writeSsdFiles } from '../../standards/ssd/write.ts';
import { getCouncil } from '../../workforce/store.ts';
import { ReportBuilder } from '../../standards/report.ts';
import { roleMappingFor } from './readers.ts';
import { registerToSsd } from '../model/ssd/export.ts';
import { loadRegisterState } from '../store.ts';
import { noProgress, stepper, type Progress } from '../../kernel/progress.ts';

export async function requireCouncil(db: Db, councilId: string) {
  const council = await getCouncil(db, councilId);
  if (!council) throw new NotFoundError(`There is no council "${councilId}". Check --council, or run "caseweight seed" first.`);
  return council;
}

/**
 * The council's register as an SSD CSV set. The set is read back with the importer's own
 * reader before it is offered, so what Caseweight writes is always something it can import.
 */
export async function exportSsd(db: Db, councilId: string, progress: Progress = noProgress): Promise<InputFile[]> {
  const steps = stepper(progress, 3);
  await requireCouncil(db, councilId);
  steps.next('Reading the register');
  const state = await loadRegisterState(db, councilId, 'ssd');
  steps.next('Writing the SSD tables');
  const files = writeSsdFiles(registerToSsd(state, await roleMappingFor(db, councilId)));
  steps.next(`Reading the ${files.length} tables back`);
  const check = new ReportBuilder();
  readSsdFiles(files, check);
  if (check.hasErrors) throw new Error(`The SSD export failed its own check: ${check.problems.find((p) => p.severity === 'error')!.message}`);
  steps.finish('Written and checked');
  return files;
}
