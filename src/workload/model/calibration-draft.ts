import type { ActivityCalibration } from './calibration.ts';
import type { CaseworkTimeCalibration } from './calibration-share.ts';
import { checkWorkloadConfig, type WorkloadConfig } from './catalogue.ts';

/**
 * A draft model version from a calibration: every activity with a proposal takes the proposed
 * hours, and its source says so; everything else is left exactly as it was. The draft is only a
 * draft: an administrator previews it with the settings' "what changes" list and saves or rejects it.
 * The share of time casework gets (`capacity.caseworkTime`) takes its proposal too, when there is
 * one. With nothing proposed the configuration itself comes back, so the preview shows no change.
 */
export function draftCalibratedConfig(config: WorkloadConfig, calibrations: readonly ActivityCalibration[], caseworkTime?: CaseworkTimeCalibration): WorkloadConfig {
  const byCode = new Map(calibrations.flatMap((c) => (c.proposal && c.recorded ? [[c.activityCode, c] as const] : [])));
  const time = caseworkTime?.proposal && caseworkTime.recorded ? { proposal: caseworkTime.proposal, recorded: caseworkTime.recorded, samples: caseworkTime.samples - caseworkTime.rejected } : null;
  if (!time && ![...byCode.keys()].some((code) => config.activities.some((a) => a.code === code))) return config;

  const old = config.capacity.caseworkTime;
  const draft: WorkloadConfig = {
    ...config,
    name: `${config.name}, calibrated from recorded time`,
    capacity: time
      ? {
          ...config.capacity,
          caseworkTime: {
            ...time.proposal,
            source: `Calibrated from ${time.samples} person-months of recorded time: median ${pct(time.recorded.median)} of available time on cases (90% interval ${pct(time.recorded.interval.low)}–${pct(time.recorded.interval.high)}), each month over its role's casework share. `
              + `Previously ${pct(old.low)} / ${pct(old.central)} / ${pct(old.high)}: ${old.source}`,
          },
        }
      : config.capacity,
    activities: config.activities.map((a) => {
      const c = byCode.get(a.code);
      if (!c?.proposal || !c.recorded) return a;
      const r = c.recorded;
      const p = c.proposal;
      const note = `Calibrated from ${r.n} recorded occurrences (${c.rejected} rejected, ${c.outliers} set aside as outliers): median ${r.median.toFixed(2)} h, `
        + `mean ${r.central.toFixed(2)} h (90% interval ${r.centralInterval.low.toFixed(2)}–${r.centralInterval.high.toFixed(2)} h); `
        + `proposed ${p.hours.central} h, the records weighing ${Math.round(p.weight * 100)}% against the previous ${a.hours.central} h.`;
      return { ...a, hours: p.hours, hoursSource: `${note} Previously: ${a.hoursSource}` };
    }),
  };
  // A proposal is built ordered and non-negative; this guards the promise that a draft always saves.
  const checked = checkWorkloadConfig(draft);
  if (!checked.ok) throw new Error(`A calibrated draft failed the configuration's checks: ${checked.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  return draft;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
