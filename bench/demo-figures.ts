// The demo council's figures, as the service view and the DfE would give them (issue 12 item 10):
// `npx tsx bench/demo-figures.ts [YYYY-MM-DD] [seed]`. Compare with DOMAIN.md §1–2.
import { DEMO_COUNCIL } from '../src/demo/council.ts';
import { generateCouncil } from '../src/demo/generate.ts';
import { measureDemo } from '../src/demo/measure.ts';
import { DEFAULT_CONFIG, englandCalendar } from '../src/workload/model/index.ts';

const asOf = process.argv[2] ?? new Date().toISOString().slice(0, 10);
const seed = Number(process.argv[3] ?? 1);
const f = measureDemo(generateCouncil({ ...DEMO_COUNCIL, seed, asOf }), asOf, { config: DEFAULT_CONFIG, calendar: englandCalendar() });
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const one = (x: number | null) => (x === null ? '–' : x.toFixed(1));
const lines = [
  `Demo council, seed ${seed}, on ${asOf}`,
  `People in post: ${f.people}; over the safe band: ${f.overSafeBand} (${pct(f.shareOverSafeBand)}); needing cover: ${f.needingCover}`,
  `Teams over the safe band: ${f.teamsOverSafeBand} of ${f.teams}`,
  `DfE caseload measure: council ${one(f.caseload)} (national 2025: 15.2; councils 10.1 to 20.9)`,
  `  per team: min ${one(f.teamCaseload.min)}, median ${one(f.teamCaseload.median)}, max ${one(f.teamCaseload.max)}`,
  `  ${Object.entries(f.teamCaseload.byTeam).map(([team, v]) => `${team} ${one(v)}`).join(', ')}`,
  `Children in care proceedings: ${pct(f.proceedingsShare)} of those social workers hold`,
  `Rates (DfE 2025): vacancy ${pct(f.vacancyRate)} (14.2%), agency ${pct(f.agencyRate)} (13.0%), turnover ${pct(f.turnoverRate)} (11.8%), absence ${pct(f.absenceRate)} (3.5%); ASYE ${pct(f.asyeShare)} (about 11%)`,
  `Trend, weekly from ${f.trend[0]!.date}:`,
  `  caseload measure ${f.trend.map((p) => one(p.caseload)).join(' ')}`,
  `  over the band    ${f.trend.map((p) => pct(p.shareOverSafeBand)).join(' ')}`,
];
console.log(lines.join('\n'));
