import type { ReportBuilder } from '../report.ts';
import type { Row903, Tables903 } from './read.ts';
import { RULES_903, type Rule903 } from './rules.ts';

/**
 * DfE 903 rules across rows: date order within and between episodes, missing periods, and
 * episodes before birth. Each failure is reported with its code and kept on the row, which is
 * still read (the mapping decides whether the register can hold it).
 */
export function checkContentRules(tables: Tables903, report: ReportBuilder): void {
  const key = (row: Row903, date: string) => `CHILD ${row.values.CHILD}, ${date} ${row.values[date]}`;
  const flag = (row: Row903, code: Rule903, field: string, detail: string, rowKey: string) => {
    const message = `${RULES_903[code]} ${detail}`;
    row.issues.push({ code, field, message });
    report.rule(row.file, code, message, { line: row.line, field, key: rowKey });
  };
  // The register cannot hold a period that ends before it starts: the mapping leaves the row out.
  const reject = (row: Row903, code: Rule903, field: string, detail: string, rowKey: string) =>
    report.reject(row.file, `${RULES_903[code]} ${detail} The row was not imported.`, { line: row.line, field, code, key: rowKey });
  const byChild = (rows: readonly Row903[], date: string) => {
    const map = new Map<string, Row903[]>();
    for (const r of rows) map.set(r.values.CHILD!, [...(map.get(r.values.CHILD!) ?? []), r]);
    for (const list of map.values()) list.sort((a, b) => (a.values[date] ?? '').localeCompare(b.values[date] ?? ''));
    return map;
  };

  const dob = new Map((tables.get('header') ?? []).map((r) => [r.values.CHILD!, r.values.DOB]));
  for (const [child, eps] of byChild(tables.get('episodes') ?? [], 'DECOM')) {
    const born = dob.get(child);
    const first = eps[0]!;
    if (born && first.values.DECOM! < born) flag(first, '302', 'DECOM', `The first episode starts ${first.values.DECOM}, before the date of birth ${born}.`, key(first, 'DECOM'));
    for (let i = 0; i < eps.length; i++) {
      const e = eps[i]!;
      const end = e.values.DEC;
      if (end && end < e.values.DECOM!) reject(e, '356', 'DEC', `It ceased ${end} but started ${e.values.DECOM}.`, key(e, 'DECOM'));
      const previous = eps[i - 1];
      if (previous && (previous.values.DEC === null || previous.values.DEC! > e.values.DECOM!)) {
        flag(e, '501', 'DECOM', `It starts ${e.values.DECOM}, but the episode from ${previous.values.DECOM} ${previous.values.DEC ? `ends ${previous.values.DEC}` : 'has not ended'}.`, key(e, 'DECOM'));
      }
    }
  }

  for (const periods of byChild(tables.get('missing') ?? [], 'MIS_START').values()) {
    for (let i = 0; i < periods.length; i++) {
      const m = periods[i]!;
      if (m.values.MIS_END && m.values.MIS_END < m.values.MIS_START!) reject(m, '567', 'MIS_END', `It ended ${m.values.MIS_END} but started ${m.values.MIS_START}.`, key(m, 'MIS_START'));
      const previous = periods[i - 1];
      if (previous && (previous.values.MIS_END === null || previous.values.MIS_END! > m.values.MIS_START!)) {
        flag(m, '574', 'MIS_START', `It starts ${m.values.MIS_START}, while the period from ${previous.values.MIS_START} ${previous.values.MIS_END ? `runs to ${previous.values.MIS_END}` : 'is still open'}.`, key(m, 'MIS_START'));
      }
    }
  }
}
