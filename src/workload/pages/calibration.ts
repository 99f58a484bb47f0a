/**
 * The calibration page: each activity's recorded hours against the model's, the verdict, and the
 * proposed hours; for the system administrator, a preview of what the proposals change and a
 * save with a reason. Pure.
 */
import { formatNumber } from '../../platform/web/nunjucks.ts';
import type { ActivityCalibration, Verdict } from '../model/index.ts';
import type { CalibrationData } from '../service/calibration.ts';
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
  recorded: a.recorded ? `${h(a.recorded.central)} h (${h(a.recorded.centralInterval.low)}–${h(a.recorded.centralInterval.high)})` : '–',
  median: a.recorded ? `${h(a.recorded.median)} h` : '–',
  model: `${h(a.model.central)} h (${h(a.model.low)}–${h(a.model.high)})`,
  verdict: VERDICT[a.verdict].text, tag: VERDICT[a.verdict].tag,
  proposal: a.proposal ? `${h(a.proposal.hours.central)} h (${h(a.proposal.hours.low)}–${h(a.proposal.hours.high)})` : '–',
});

export function toCalibrationView(data: CalibrationData, options: { preview?: ReturnType<typeof comparePreview>; note?: string; noteError?: string } = {}) {
  const rows = data.report.council.map(row)
    .sort((a, b) => Number(b.checkFirst !== null) - Number(a.checkFirst !== null) || Number(a.verdict === VERDICT.not_enough_records.text) - Number(b.verdict === VERDICT.not_enough_records.text));
  const time = data.caseworkTime;
  const proposals = data.report.council.filter((a) => a.proposal !== null).length + (time.proposal ? 1 : 0);
  return {
    title: 'Calibrate the model from recorded time',
    errorSummary: options.noteError ? [{ text: options.noteError, href: '#note' }] : [],
    noteError: options.noteError ? { text: options.noteError } : undefined,
    version: data.version,
    since: data.since,
    rows,
    proposals,
    canPropose: data.canPropose && data.draft !== null,
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
