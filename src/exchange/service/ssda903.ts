import { read903Files } from '../../standards/ssda903/read.ts';
import { registerReader } from './index.ts';
import { map903 } from '../model/ssda903/map.ts';

/**
 * `import 903`: the SSDA903 tables are read against the current specification, then mapped
 * onto the register as it stands (the 903 joins children and workers the SSD brought).
 * Importing this module adds the reader to the import service.
 */
registerReader('903', (files, ctx, report) => {
  const read = read903Files(files, report);
  if (report.hasErrors) return { snapshot: undefined, files: read.files };
  const register = ctx.register ?? { teams: [], practitioners: [], absences: [], posts: [], children: [], episodes: [], factors: [], allocations: [], recorded: [] };
  const snapshot = map903(read.tables, { councilId: ctx.councilId, register }, report);
  return { snapshot: report.hasErrors ? undefined : snapshot, files: read.files };
}, { needsRegister: true });
