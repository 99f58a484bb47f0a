import type { DataTable } from '../../standards/downloads.ts';
import { ukWallClock } from '../../kernel/time.ts';
import type { AuditNames } from '../model/audit-words.ts';
import type { StoredAuditEvent } from '../service.ts';
import { toAuditRows } from './audit.ts';

/**
 * An audit search result as a download: the page's own rows (toAuditRows), in the page's order,
 * with the time as a real date and time in UK local time (as the page shows it: a spreadsheet has
 * no time zones, so the cell holds the UK wall clock). Pure.
 */
export function auditDataTable(title: string, events: readonly StoredAuditEvent[], names: AuditNames, about: readonly { label: string; value: string | number }[] = []): DataTable {
  const rows = toAuditRows(events, names);
  return {
    title,
    sheetName: 'Audit',
    columns: [
      { header: 'When (UK time)', kind: 'datetime' }, { header: 'Who', kind: 'text' }, { header: 'What happened', kind: 'text' },
      { header: 'Record', kind: 'text' }, { header: 'From', kind: 'text' }, { header: 'Reason', kind: 'text' },
    ],
    // Seconds dropped, as on the page, so the file and the page show the same minute.
    rows: rows.map((r, i) => [ukWallClock(new Date(Math.floor(events[i]!.occurredAt.getTime() / 60_000) * 60_000)), r.who, r.action, r.what, r.from, r.reason]),
    about: [{ label: 'What this is', value: title }, ...about, { label: 'Rows', value: rows.length }],
  };
}
