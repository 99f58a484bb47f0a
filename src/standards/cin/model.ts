/**
 * The CIN census as plain data: what one `<Message>` says, in the census's own terms. The reader
 * fills it from XML that has passed its schema; the writer turns it back into XML. Dates are
 * YYYY-MM-DD; codes are the DfE's own (see the schemas in ./schemas).
 */
export interface CinCensus {
  /** Collection year from the header (`<Year>`): 2026 is the 2025/26 census. */
  year: number;
  /** The census date: `<ReferenceDate>`, or 31 March of the collection year. */
  referenceDate: string;
  /** DfE local authority code (`<LEA>`), when the header has one. */
  lea: string | null;
  children: CinChild[];
}

export interface CinChild {
  /** LAchildID: the council's own child id, the same as the SSD's person id. Empty when missing (rule 8500). */
  id: string;
  /** 1-based line of the `<Child>` element, for the report. */
  line: number;
  upn: string | null;
  birthDate: string | null;
  expectedBirthDate: string | null;
  /** M, F or U. The 2025/26 schema has `Sex`; earlier ones `GenderCurrent` (1, 2, 0, 9), read into the same letters. */
  sex: 'M' | 'F' | 'U';
  deathDate: string | null;
  ethnicity: string;
  /** Disability codes; 'NONE' means none. */
  disabilities: string[];
  episodes: CinEpisode[];
}

/** One `<CINdetails>`: a CIN episode from referral to closure. */
export interface CinEpisode {
  line: number;
  referralDate: string;
  referralSource: string;
  primaryNeed: string | null;
  closureDate: string | null;
  reasonForClosure: string | null;
  initialCpcDate: string | null;
  referralNfa: boolean;
  assessments: CinAssessment[];
  cinPlans: CinPlan[];
  section47s: CinSection47[];
  cpPlans: CinCpPlan[];
}

export interface CinAssessment {
  start: string;
  internalReview: string | null;
  authorised: string | null;
  factors: string[];
}

export interface CinPlan {
  start: string;
  end: string | null;
}

export interface CinSection47 {
  start: string;
  icpcTarget: string | null;
  icpcDate: string | null;
  icpcNotRequired: boolean;
}

export interface CinCpPlan {
  start: string;
  end: string | null;
  initialCategory: string;
  latestCategory: string;
  previousPlans: number;
  reviews: string[];
}

/** The census year: 1 April before the census date to the census date (DfE: 1 April to 31 March). */
export function censusPeriod(referenceDate: string): { start: string; end: string } {
  const y = Number(referenceDate.slice(0, 4));
  const md = referenceDate.slice(5);
  const startYear = md >= '04-01' ? y : y - 1;
  return { start: `${startYear}-04-01`, end: referenceDate };
}

/** The collection year a census date belongs to: 31 March 2026 is in the 2025/26 collection, Year 2026. */
export function collectionYear(referenceDate: string): number {
  const y = Number(referenceDate.slice(0, 4));
  return referenceDate.slice(5) >= '04-01' ? y + 1 : y;
}
