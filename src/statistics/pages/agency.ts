import { downloadLinks } from '../../platform/web/downloads.ts';
import { formatDate } from '../../platform/web/nunjucks.ts';
import type { DataTable } from '../../standards/downloads.ts';
import { AGENCY_RULES, type AgencyRuleCode } from '../model/agency.ts';
import type { AgencyCheck } from '../service/measures.ts';

const STATUS = { breach: 'Not followed', unknown: 'Cannot be checked' } as const;

/** The agency rules check for the head of service: each rule cited, the workers it finds, the quarterly return's figures. Pure. */
export function toAgencyView(check: AgencyCheck) {
  const codes = Object.keys(AGENCY_RULES) as AgencyRuleCode[];
  const q = check.quarterly;
  return {
    title: 'Agency rules check',
    date: check.date,
    dateText: formatDate(check.date),
    engagements: check.engagements,
    rules: codes.map((code) => {
      const rows = check.findings.filter((f) => f.code === code);
      return {
        code, title: AGENCY_RULES[code].title, rule: AGENCY_RULES[code].rule,
        breaches: rows.filter((r) => r.status === 'breach').length,
        rows: rows.map((r) => ({ name: r.name, team: r.teamName, engagedOn: formatDate(r.engagedOn), status: STATUS[r.status], breach: r.status === 'breach', detail: r.detail })),
      };
    }),
    quarterly: {
      label: q.quarter.label,
      onDateText: formatDate(q.onDate),
      rows: [
        { key: 'Agency social workers (headcount)', value: String(q.headcount) },
        { key: 'Agency social workers (FTE)', value: q.fte.toFixed(1) },
        { key: 'Assignments started in the quarter', value: String(q.startedInQuarter) },
        { key: 'Assignments ended in the quarter', value: String(q.endedInQuarter) },
        { key: 'Covering a vacant post', value: String(q.coveringVacancies) },
        { key: 'In project teams or packaged models', value: String(q.inProjectTeams) },
        ...codes.map((c) => ({ key: `${AGENCY_RULES[c].title} (people)`, value: String(q.breaches[c]) })),
        { key: 'People for whom a rule cannot be checked', value: String(q.unknown) },
      ],
    },
    downloads: downloadLinks('/service/agency', `?date=${check.date}`, ['csv', 'xlsx']),
  };
}
type AgencyView = ReturnType<typeof toAgencyView>;

/** The findings as a file, rule by rule, each row citing its rule; the quarterly figures on the About sheet. */
export function agencyDataTable(view: AgencyView): DataTable {
  return {
    title: `${view.title} on ${view.dateText}`,
    sheetName: 'Agency rules',
    columns: [
      { header: 'Rule', kind: 'text' }, { header: 'Worker', kind: 'text' }, { header: 'Team', kind: 'text' }, { header: 'Engaged on', kind: 'text' },
      { header: 'Finding', kind: 'text' }, { header: 'Detail', kind: 'text' }, { header: 'The rule (DfE agency rules)', kind: 'text' },
    ],
    rows: view.rules.flatMap((r) => r.rows.map((row) => [r.title, row.name, row.team, row.engagedOn, row.status, row.detail, r.rule])),
    about: [{ label: 'Checked on', value: view.dateText }, ...view.quarterly.rows.map((r) => ({ label: `${view.quarterly.label}: ${r.key}`, value: r.value }))],
  };
}
