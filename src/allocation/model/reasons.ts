/** Why a case is given to someone: the reason codes a decision carries (probation's allocation service uses the same idea). */
export const REASON_CODES = ['new_case', 'worker_left', 'workload_adjustment', 'change_of_need', 'risk_to_staff', 'transfer_in', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_LABELS: Record<ReasonCode, string> = {
  new_case: 'New case',
  worker_left: 'Worker left or is absent',
  workload_adjustment: 'Workload adjustment',
  change_of_need: 'Change of need',
  risk_to_staff: 'Risk to staff',
  transfer_in: 'Transfer in from another team or council',
  other: 'Other',
};

export const isReasonCode = (value: unknown): value is ReasonCode => typeof value === 'string' && (REASON_CODES as readonly string[]).includes(value);

/** Longest decision note kept; the note is required. */
export const NOTE_MAX = 2000;
