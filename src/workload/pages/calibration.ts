/**
 * The calibration page: each activity's recorded hours against the model's, the verdict, and the
 * proposed hours; for the system administrator, a preview of what the proposals change and a
 * save with a reason. Pure.
 */
import { formatNumber } from '../../platform/web/nunjucks.ts';
import type { ActivityCalibration, Verdict } from '../model/index.ts';
import { CASEWORK_TIME_KEY, type CalibrationData } from '../service/calibration.ts';
import type { comparePreview } from './settings.ts';

const VERDICT: Record<Verdict, { text: string; tag: string }> = {
  model_high: { text: 'Model too high', tag: 'govuk-tag--orange' },
  model_low: { text: 'Model too low', tag: 'govuk-tag--red' },
  within_range: { text: 'Within range', tag: 'govuk-tag--green' },
  not_enough_records: { text: 'Not enough records', tag: 'govuk-tag--grey' },
};

const h = (x: number) => formatNumber(Math.round(x * 100) / 100);
const pc = (x: number) => `${Math.round(x * 100)}%`;

/**
 * Asked about first (DOMAIN.md §5): court work (20 hours a month, the least supported default)
 * and looked-after care planning and placement changes, probably under-counted.
 */
const CHECK_FIRST: Record<string, string> = {
  court_work: 'Check first: the least supported default (20 hours a month in care proceedings).',
  lac_visit: 'Check first: looked-after care planning and placement changes are probably under-counted.',
  lac_review: 'Check first: looked-after care planning and placement changes are probably under-counted.',
};
const row = (a: ActivityCalibration) => ({
  name: a.name,
  checkFirst: CHECK_FIRST[a.activityCode] ?? null,
  records: a.records,
  set: a.rejected + a.outliers > 0 ? `${a.outliers} set aside as outliers, ${a.rejected} unusable` : '',
  recorded: a.recorded ? `${h(a.recorded.central)} h` : '–',
  recordedRange: a.recorded ? `${h(a.recorded.centralInterval.low)}–${h(a.recorded.centralInterval.high)}` : '',
  median: a.recorded ? `${h(a.recorded.median)} h` : '–',
  model: `${h(a.model.central)} h`,
  modelRange: `${h(a.model.low)}–${h(a.model.high)}`,
  verdict: VERDICT[a.verdict].text, tag: VERDICT[a.verdict].tag,
  proposal: a.proposal ? `${h(a.proposal.hours.central)} h` : '–',
  proposalRange: a.proposal ? `${h(a.proposal.hours.low)}–${h(a.proposal.hours.high)}` : '',
});

/** One checkbox per proposal: what it changes, from and to. */
function choices(data: CalibrationData) {
  const included = new Set(data.included);
  return data.proposalKeys.map((key) => {
    if (key === CASEWORK_TIME_KEY) {
      const t = data.caseworkTime;
      return {
        value: key, checked: included.has(key),
        text: `Share of time for casework: ${pc(t.model.central)} (${pc(t.model.low)}–${pc(t.model.high)}) to ${pc(t.proposal!.central)} (${pc(t.proposal!.low)}–${pc(t.proposal!.high)})`,
        hint: { text: 'Changes everyone’s capacity. Include it only if your workers record all their casework in Caseweight: time not recorded here pulls the share down.' },
      };
    }
    const a = data.report.council.find((c) => c.activityCode === key)!;
    return { value: key, checked: included.has(key), text: `${a.name}: ${h(a.model.central)} h to ${h(a.proposal!.hours.central)} h (${h(a.proposal!.hours.low)}–${h(a.proposal!.hours.high)})` };
  });
}

export function toCalibrationView(data: CalibrationData, options: { preview?: ReturnType<typeof comparePreview>; note?: string; noteError?: string; includeError?: string } = {}) {
  const rows = data.report.council.map(row)
    .sort((a, b) => Number(b.checkFirst !== null) - Number(a.checkFirst !== null) || Number(a.verdict === VERDICT.not_enough_records.text) - Number(b.verdict === VERDICT.not_enough_records.text));
  const time = data.caseworkTime;
  const proposals = data.included.length;
  return {
    title: 'Calibrate the model from recorded time',
    errorSummary: [
      ...(options.includeError ? [{ text: options.includeError, href: '#include' }] : []),
      ...(options.noteError ? [{ text: options.noteError, href: '#note' }] : []),
    ],
    noteError: options.noteError ? { text: options.noteError } : undefined,
    includeError: options.includeError ? { text: options.includeError } : undefined,
    choices: choices(data),
    version: data.version,
    since: data.since,
    rows,
    proposals,
    canPropose: data.canPropose && data.proposalKeys.length > 0,
    preview: options.preview ?? null,
    note: options.note ?? `Calibrated from recorded time since ${data.since}: ${proposals} ${proposals === 1 ? 'proposal' : 'proposals'}.`,
    caseworkTime: {
      samples: time.samples - time.rejected,
      recorded: time.recorded ? `${pc(time.recorded.median)} (${pc(time.recorded.interval.low)}–${pc(time.recorded.interval.high)})` : '–',
      model: `${pc(time.model.central)} (${pc(time.model.low)}–${pc(time.model.high)})`,
      verdict: VERDICT[time.verdict].text, tag: VERDICT[time.verdict].tag,
      proposal: time.proposal ? `${pc(time.proposal.central)} (${pc(time.proposal.low)}–${pc(time.proposal.high)})` : '–',
    },
    shareRows: data.share.map((r) => ({
      role: r.role.replace(/_/g, ' '), samples: r.samples,
      recorded: r.recorded ? `${pc(r.recorded.median)} (${pc(r.recorded.interval.low)}–${pc(r.recorded.interval.high)})` : '–',
      model: pc(r.model), verdict: VERDICT[r.verdict].text, tag: VERDICT[r.verdict].tag,
    })),
    unknown: data.report.unknownActivities.map((u) => `${u.activityCode} (${u.records})`),
  };
}
