import type { PrintDocument } from '../../standards/downloads.ts';
import type { toServicePageView } from './service.ts';

type ServicePageView = ReturnType<typeof toServicePageView>;

/**
 * The service view as a tagged PDF for a performance meeting: the DfE measure and what it hides
 * (each with its reading), the teams, the DfE indicators with their definitions and the spread
 * of cases per FTE. Every string as the page words it. Pure.
 */
export function servicePrintDocument(view: ServicePageView): PrintDocument {
  const w = view.workforce;
  return {
    title: `${view.title} on ${view.dateText}`,
    intro: [
      `The DfE caseload measure: ${view.dfe.caseload} cases per case-holder FTE (${view.dfe.cases} cases held by ${view.dfe.caseHolders} social workers, ${view.dfe.fte} FTE between them, counted in ${view.basisLabel}).`,
      ...(view.census ? [`From the workforce census of ${view.census.dateText}: ${view.census.caseload} cases per case-holder FTE.`] : []),
      `Workload model version ${view.configVersion}; the safe band ends at ${view.safeBand}.`,
    ],
    summary: w ? w.hidden.map((h) => ({ label: h.label, value: `${h.value}. ${h.reading}` })) : view.measures.map((m) => ({ label: m.key, value: m.value })),
    table: {
      caption: 'Teams compared',
      head: ['Team', 'People', 'FTE', 'Cases', 'DfE caseload', 'Workload', 'Over the safe band', 'Agency', 'Vacant posts'],
      numeric: [false, true, true, true, true, true, true, true, true],
      rows: view.teams.map((t) => [t.name, String(t.people), t.fte, String(t.cases), t.caseload, t.ratioText, `${t.over} (${t.overShare})`, String(t.agency), String(t.vacancies)]),
    },
    more: w ? [
      {
        caption: 'The DfE workforce indicators',
        head: ['Indicator', 'Caseweight’s records', ...(w.censusDateText ? [`Census of ${w.censusDateText}`] : []), 'What it means (DfE definition)'],
        numeric: [false, true, ...(w.censusDateText ? [true] : []), false],
        rows: w.indicators.map((i) => [i.label, i.register, ...(w.censusDateText ? [i.census ?? ''] : []), i.definition]),
      },
      { caption: w.distribution.table.caption, head: w.distribution.table.head, numeric: [false, true], rows: w.distribution.table.rows },
    ] : [],
    footnote: 'FTE, rates and caseload rounded to one decimal place after summing, as the DfE rounds; “z”: nothing to divide by. Vacancies are the posts as the register holds them now.',
  };
}
