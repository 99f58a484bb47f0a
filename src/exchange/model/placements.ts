/**
 * Placement types (SSDA903 PLACE, also the SSD's clap_cla_placement_type) that say whether a
 * foster placement is intended to be long term, which is what reg. 28's longer visiting
 * interval turns on: U1 and U4 are "long-term fostering", U2, U3, U5 and U6 are foster
 * placements that are not (fostering for adoption, or short term). Other placement types say
 * nothing about it, so the register keeps what it held.
 */
export const LONG_TERM_PLACEMENTS: Readonly<Record<string, boolean>> = { U1: true, U4: true, U2: false, U3: false, U5: false, U6: false };

/** Whether a placement type says the placement is long term: undefined when it says nothing. */
export function longTermFromPlacementType(code: string | null): boolean | undefined {
  if (code === null) return undefined;
  const t = code.trim().toUpperCase();
  return Object.hasOwn(LONG_TERM_PLACEMENTS, t) ? LONG_TERM_PLACEMENTS[t] : undefined;
}
