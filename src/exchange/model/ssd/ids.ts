/**
 * SSD tables key their rows independently (a CIN plan and a CP plan can both be "1234"), but
 * the register keeps every episode in one table. So an imported row's register id is its
 * table's prefix and its SSD id; `export ssd` strips the prefix again, so a council imported
 * from the SSD exports the same ids it was given.
 */
export const PREFIX = {
  early_help: 'EH-',
  assessment: 'AS-',
  referral: 'REF-',
  s47: 'S47-',
  cin_plan: 'CINP-',
  cp_plan: 'CPP-',
  placement: 'PL-',
  cla_episode: 'CLAE-',
  care_leaver: 'CL-',
  legal_status: 'LS-',
  missing: 'MISS-',
  disability: 'DISA-',
  cin_visit: 'CINV-',
  cp_visit: 'CPPV-',
  cla_visit: 'CLAV-',
  cla_review: 'CLAR-',
  cp_review: 'CPPR-',
  icpc: 'ICPC-',
  pathway_review: 'PPR-',
  care_leaver_contact: 'CLC-',
} as const;

export type PrefixKind = keyof typeof PREFIX;

export const withPrefix = (kind: PrefixKind, ssdId: string): string => `${PREFIX[kind]}${ssdId}`;

/** The SSD id for a register id: without the prefix when it carries this kind's prefix. */
export const withoutPrefix = (kind: PrefixKind, registerId: string): string =>
  registerId.startsWith(PREFIX[kind]) ? registerId.slice(PREFIX[kind].length) : registerId;
