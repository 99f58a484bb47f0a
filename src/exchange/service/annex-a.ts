import { InvalidInputError } from '../../kernel/errors.ts';
import type { Db } from '../../platform/database.ts';
import { ANNEX_A_LISTS } from '../../standards/annex-a/lists.ts';
import { writeAnnexA, type AnnexARow } from '../../standards/annex-a/write.ts';
import { ANNEX_A_GAPS, ANNEX_A_SOURCES, annexAList, indexAnnexA } from '../model/annex-a.ts';
import { loadRegisterState } from '../store.ts';
import { requireCouncil } from './exports.ts';

import type { Progress } from '../../kernel/progress.ts';

export interface AnnexAResult {
  bytes: Buffer;
  /** Rows written to each list, by list number. */
  counts: Record<number, number>;
  period: { start: string; date: string };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Ofsted's Annex A workbook for an inspection on `date`, from the register: read the register,
 * build each list, write the workbook. `progress` hears each step as it starts, with how many are done.
 */
export async function exportAnnexA(db: Db, councilId: string, date: string, progress: Progress = () => undefined): Promise<AnnexAResult> {
  if (!DAY.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new InvalidInputError(`"${date}" is not a date. Give it as YYYY-MM-DD, like 2026-11-23.`);
  const total = ANNEX_A_LISTS.length + 2;
  const council = await requireCouncil(db, councilId);
  progress('Reading the register', 0, total);
  const state = await loadRegisterState(db, councilId, 'ssd');
  const ix = indexAnnexA(state, date);
  const rows = new Map<number, AnnexARow[]>();
  ANNEX_A_LISTS.forEach((list, i) => {
    progress(list.sheet, i + 1, total);
    rows.set(list.number, annexAList(ix, list.number, council.name));
  });
  const about = [
    { label: 'Council', value: council.name },
    { label: 'Reference date (the inspection)', value: date },
    { label: 'Period covered from', value: ix.period.start },
    { label: 'Period covered to', value: date },
    { label: 'Written by', value: 'Caseweight, from its register of children’s cases (the council’s SSD extract and DfE returns).' },
    ...ANNEX_A_LISTS.map((l) => ({
      label: l.sheet,
      value: `${rows.get(l.number)!.length} rows. Ofsted asks for: ${l.scope} ${ANNEX_A_SOURCES[l.number] ? `From the register: ${ANNEX_A_SOURCES[l.number]}` : ''}${ANNEX_A_GAPS.emptyLists.find((g) => g.number === l.number)?.why ?? ''}`.trim(),
    })),
    { label: 'Columns left empty', value: ANNEX_A_GAPS.columns },
    { label: 'Disability', value: 'Yes when the register records a disability for the child, otherwise No.' },
  ];
  progress('Writing the workbook', total - 1, total);
  const bytes = await writeAnnexA({ title: `Ofsted Annex A: ${council.name}, ${date}`, rows, about });
  progress('Written', total, total);
  return { bytes, counts: Object.fromEntries([...rows].map(([n, r]) => [n, r.length])), period: ix.period };
}
