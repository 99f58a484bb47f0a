/**
 * Importing councils' returns into a national tenant: each file read and checked alone (a bad
 * file is rejected with its reasons, the rest go in), then every accepted return written with the
 * import's record and its audit event in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorise } from '../../access/service.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { noProgress, type Progress } from '../../kernel/progress.ts';
import type { CouncilReturn } from '../model/format.ts';
import { readCouncilReturn } from '../model/read.ts';
import * as store from '../store.ts';

export interface ReturnFile {
  name: string;
  bytes: Uint8Array;
}

export interface ReturnImportResult {
  importId: string;
  files: store.ImportReportRow[];
  accepted: number;
  rejected: number;
}

const MAX_FILE_BYTES = 2_000_000;

export async function importReturns(db: Db, ctx: RequestContext, files: readonly ReturnFile[], progress: Progress = noProgress): Promise<ReturnImportResult> {
  const councilId = ctx.actor.councilId;
  await authorise(db, ctx.actor, 'write', { kind: 'national_returns', councilId }, 'import council returns', ctx.origin);
  const total = files.length + 1;
  const held = await store.listHeldKeys(db, councilId);
  const report: store.ImportReportRow[] = [];
  const accepted: CouncilReturn[] = [];
  const seen = new Map<string, string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  files.forEach((file, i) => {
    progress(`Checking ${file.name}`, i, total);
    const reject = (reasons: string[]) => report.push({ file: file.name, outcome: 'rejected', reasons });
    if (file.bytes.length > MAX_FILE_BYTES) return reject([`The file is ${Math.round(file.bytes.length / 1000)} kB; a return is far smaller (at most ${MAX_FILE_BYTES / 1_000_000} MB). Is it the right file?`]);
    let text: string;
    try {
      text = decoder.decode(file.bytes);
    } catch {
      return reject(['The file is not UTF-8 text. Export the return from Caseweight again.']);
    }
    const read = readCouncilReturn(text);
    if (!read.ok) return reject(read.problems);
    const key = `${read.value.council.code}:${read.value.censusYear}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return reject([`${read.value.council.code}'s return for ${read.value.censusYear} is also in ${earlier}: import one of them.`]);
    seen.set(key, file.name);
    accepted.push(read.value);
    report.push({ file: file.name, outcome: held.has(key) ? 'replaced' : 'accepted', council: read.value.council.code, censusYear: read.value.censusYear });
    return undefined;
  });
  progress(`Writing ${accepted.length} returns`, files.length, total);
  const importId = randomUUID();
  await db.transaction().execute(async (trx) => {
    await store.saveReturns(trx, councilId, importId, ctx.actor.name, accepted, report);
    await recordAudit(trx, {
      councilId, actorUserId: ctx.actor.userId, actorRoles: ctx.actor.roles, action: 'write', recordType: 'national_returns', recordId: importId,
      fields: `council returns: ${accepted.length} imported, ${report.length - accepted.length} rejected`, ip: ctx.origin.ip,
    }, ctx.now);
  });
  progress('Imported', total, total);
  return { importId, files: report, accepted: accepted.length, rejected: report.length - accepted.length };
}
