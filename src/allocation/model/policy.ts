/**
 * The council's allocation rules: who may hold which status, a newly qualified (ASYE) worker's
 * limits, and how far ahead leaving and absence count. Defaults follow DOMAIN.md §6 and §5; a
 * council changes them in its allocation settings (versioned). Pure.
 */
import { z } from 'zod';
import { CASE_STATUSES, type CaseStatus } from '../../workload/model/catalogue.ts';

/** Roles of the register (workforce ROLE_NAMES) that are registered social workers. */
export const QUALIFIED_ROLES = ['social_worker', 'senior_practitioner', 'team_manager'] as const;

export interface AllocationPolicy {
  /** The register roles that may lead a case with each status; a case needs a role allowed for every status it has. */
  mayHold: Record<CaseStatus, string[]>;
  asye: {
    /** Most cases an ASYE worker holds (one council's scheme: about 90 % of an experienced worker's). */
    maxCases: number;
    /** Highest workload (central hours ÷ casework hours) after taking a case. */
    maxRatio: number;
    /** No child protection lead (a plan or a section 47 enquiry) in the first months, unless the manager overrides with a reason. */
    noChildProtectionLeadMonths: number;
  };
  /** Someone leaving, or starting an absence of at least `absenceMinDays` days, within this many days is not offered new work. */
  lookAheadDays: number;
  absenceMinDays: number;
  /** A holder absent for at least this many days in a row (today included) leaves the case needing a new worker. */
  longTermAbsenceDays: number;
  /** The window for "cases allocated to them recently". */
  recentDays: number;
}

const qualified = [...QUALIFIED_ROLES];

export const DEFAULT_POLICY: AllocationPolicy = {
  mayHold: {
    // Child protection, care proceedings and looked-after children: a registered social worker.
    referral: qualified,
    s47: qualified,
    cp_plan: qualified,
    court_proceedings: qualified,
    looked_after: qualified,
    // Children in need: a social worker today; the family help reforms let councils add other practitioners.
    cin_plan: qualified,
    family_help: [...qualified, 'family_help_practitioner'],
    // Leaving care personal advisers need not be social workers.
    care_leaver: [...qualified, 'family_help_practitioner'],
  },
  asye: { maxCases: 12, maxRatio: 0.85, noChildProtectionLeadMonths: 6 },
  lookAheadDays: 28,
  absenceMinDays: 10,
  longTermAbsenceDays: 28,
  recentDays: 7,
};

/** Statuses that make a case a child protection lead, for the ASYE rule. */
export const CHILD_PROTECTION_STATUSES: readonly CaseStatus[] = ['s47', 'cp_plan'];

const roles = z.array(z.string().min(1)).max(20);
export const allocationPolicySchema = z.object({
  mayHold: z.object(Object.fromEntries(CASE_STATUSES.map((s) => [s, roles])) as Record<CaseStatus, typeof roles>),
  asye: z.object({
    maxCases: z.number().int().min(0).max(100),
    maxRatio: z.number().min(0).max(2),
    noChildProtectionLeadMonths: z.number().int().min(0).max(24),
  }),
  lookAheadDays: z.number().int().min(0).max(365),
  absenceMinDays: z.number().int().min(1).max(365),
  longTermAbsenceDays: z.number().int().min(1).max(365),
  recentDays: z.number().int().min(1).max(90),
});

/** A stored policy, checked; a field the council has not set keeps its default. */
export function parseAllocationPolicy(value: unknown): { ok: true; policy: AllocationPolicy } | { ok: false; problems: string[] } {
  const merged = typeof value === 'object' && value !== null ? { ...DEFAULT_POLICY, ...value } : value;
  const parsed = allocationPolicySchema.safeParse(merged);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`) };
}
