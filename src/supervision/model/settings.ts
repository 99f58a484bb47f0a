/**
 * The council's supervision policy: the schedule, with its source, and who besides the
 * supervisee and the supervisor may read a session's reflective part. The principal social
 * worker owns the policy (LGA standard 5); a head of service saves it here. Pure.
 */
import { z } from 'zod';
import { DEFAULT_SCHEDULE, type SchedulePolicy } from './schedule.ts';

/** Roles the council's policy may add as readers of the reflective part (nobody else can be added). */
export const REFLECTIVE_ROLES = ['service_manager', 'auditor'] as const;
export type ReflectiveRole = (typeof REFLECTIVE_ROLES)[number];

export interface ReflectivePolicy {
  /** Roles who may read every reflective part, beyond the two people (none by default: auditors only if named). */
  roles: ReflectiveRole[];
  /** Named accounts (the principal social worker, say) who may read every reflective part. */
  userIds: string[];
}

export interface SupervisionSettings {
  schedule: SchedulePolicy;
  reflective: ReflectivePolicy;
}

export const DFE_SUMMARY =
  'DfE, support for social workers (summary): newly qualified social workers supervised fortnightly in their first year, others monthly, for 90 minutes.';

/** The two published schedules a council can start from. */
export const SCHEDULE_PRESETS: Record<'lga' | 'dfe', SchedulePolicy> = {
  lga: DEFAULT_SCHEDULE,
  dfe: { ...DEFAULT_SCHEDULE, newlyQualified: [{ interval: { every: 2, unit: 'week' }, until: { every: 12, unit: 'month' } }], source: DFE_SUMMARY },
};

export const DEFAULT_SETTINGS: SupervisionSettings = { schedule: DEFAULT_SCHEDULE, reflective: { roles: [], userIds: [] } };

const interval = z.object({ every: z.number().int().min(1, 'Enter a whole number of weeks or months, 1 or more').max(12, 'Supervision at least every 12 weeks or months'), unit: z.enum(['week', 'month']) });
const settingsSchema = z.object({
  schedule: z.object({
    newlyQualified: z.array(z.object({ interval, until: interval })).max(6),
    standard: interval,
    minimumMinutes: z.number().int().min(0, 'Enter the shortest session that counts, in minutes (0 or more)').max(240, 'The shortest session that counts must be 240 minutes or less'),
    dueSoonDays: z.number().int().min(0).max(31),
    source: z.string().trim().min(1, 'Say where the schedule comes from').max(1000),
  }),
  reflective: z.object({ roles: z.array(z.enum(REFLECTIVE_ROLES)).max(2), userIds: z.array(z.string().min(1).max(64)).max(20) }),
});

/** Checks stored or submitted settings; every problem at once, in plain English. */
export function parseSettings(raw: unknown): { ok: true; settings: SupervisionSettings } | { ok: false; problems: { field: string; message: string }[] } {
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'settings', message: i.message })) };
}
