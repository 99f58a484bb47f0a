/**
 * Ofsted's Annex A (the ILACS children's services data set a council gives inspectors): its
 * numbered lists, in Ofsted's order, each with its column headers in Ofsted's order. The
 * headers are Ofsted's own, as the London Innovation and Improvement Alliance tools read them
 * (liia-tools `annex_a_pipeline/spec/Annex_A_schema.yml`, MIT); the scopes are Ofsted's
 * wording for each list, as the Data to Insight SSD Annex A queries quote it. Pure data.
 */

/** How a column is written: text (through the formula guard), a whole number, or a date cell. */
export type AnnexAKind = 'text' | 'integer' | 'date';

export interface AnnexAList {
  number: number;
  /** The worksheet's name: "List 3 - Referrals" (31 characters at most, Excel's rule). */
  sheet: string;
  /** Who belongs on the list, in Ofsted's words. */
  scope: string;
  columns: readonly { header: string; kind: AnnexAKind }[];
}

const t = (header: string) => ({ header, kind: 'text' as const });
const d = (header: string) => ({ header, kind: 'date' as const });
const n = (header: string) => ({ header, kind: 'integer' as const });

/** The columns every child-level list starts with. */
const CHILD = [t('Child Unique ID'), t('Gender'), t('Ethnicity'), d('Date of Birth'), n('Age of Child (Years)')];
const DISABILITY = t('Does the Child have a Disability');
const ALLOCATED = [t('Allocated Team'), t('Allocated Worker')];

export const ANNEX_A_LISTS: readonly AnnexAList[] = [
  {
    number: 1, sheet: 'List 1 - Contacts',
    scope: 'All contacts received in the six months before the date of inspection; a contact about several children has a row for each child.',
    columns: [...CHILD, d('Date of Contact'), t('Contact Source')],
  },
  {
    number: 2, sheet: 'List 2 - Early help',
    scope: 'All early help assessments in the six months before the date of inspection, and current early help interventions coordinated through the local authority.',
    columns: [...CHILD, d('Assessment start date'), d('Assessment completion date'), t('Organisation completing assessment')],
  },
  {
    number: 3, sheet: 'List 3 - Referrals',
    scope: 'All referrals received in the six months before the inspection; a child appears once for each referral.',
    columns: [...CHILD, d('Date of referral'), t('Referral Source'), t('Referral NFA?'), n('Number of Referrals in Last 12 Months'), ...ALLOCATED],
  },
  {
    number: 4, sheet: 'List 4 - Assessments',
    scope: 'All assessments in the six months before the inspection: those started, completed or still open in that time.',
    columns: [
      ...CHILD, DISABILITY, d('Continuous Assessment Start Date'), t('Child Seen During Continuous Assessment'), d('Continuous Assessment Date of Authorisation'),
      t("Was the child assessed as requiring LA children's social care support?"), ...ALLOCATED,
    ],
  },
  {
    number: 5, sheet: 'List 5 - Section 47 enquiries',
    scope: 'All section 47 enquiries in the six months before the inspection, with the initial child protection conferences they led to; one row for each enquiry.',
    columns: [
      ...CHILD, DISABILITY, d('Strategy discussion initiating Section 47 Enquiry Start Date'), t('Was an Initial Child Protection Conference deemed unnecessary?'),
      d('Date of Initial Child Protection Conference'), t('Did the Initial Child Protection Conference Result in a Child Protection Plan'),
      n('Number of Section 47 Enquiries in the last 12 months'), n('Number of ICPCs in the last 12 months'), ...ALLOCATED,
    ],
  },
  {
    number: 6, sheet: 'List 6 - Children in need',
    scope: 'All those in receipt of services as a child in need at the point of inspection or in the six months before; not care leavers or children who are only the subject of a referral.',
    columns: [
      ...CHILD, DISABILITY, d('CIN Start Date'), t('Primary Need Code'), d('Date Child Was Last Seen'), d('CIN Closure Date'), t('Reason for Closure'), t('Case Status'), ...ALLOCATED,
    ],
  },
  {
    number: 7, sheet: 'List 7 - Child protection',
    scope: 'All children subject to a child protection plan at the point of inspection, and those whose plan ended in the six months before.',
    columns: [
      ...CHILD, DISABILITY, d('Child Protection Plan Start Date'), t('Initial Category of Abuse'), t('Latest Category of Abuse'), d('Date of the Last Statutory Visit'),
      t('Was the Child Seen Alone?'), d('Date of latest review conference'), d('Child Protection Plan End Date'),
      t('Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)'), n('Number of Previous Child Protection Plans'), ...ALLOCATED,
    ],
  },
  {
    number: 8, sheet: 'List 8 - Children in care',
    scope: 'All children in care at the point of inspection, and those who ceased to be looked after in the six months before.',
    columns: [
      ...CHILD, t('Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)'), DISABILITY, d('Date Started to be Looked After'), t("Child's Category of Need"),
      t('Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)'), d('Start date of current legal status'), t("Child's Legal Status"),
      d('Date of Latest Statutory Review'), d('Date of Last Social Work Visit'), t('What is the permanence plan for this child?'), d('Date of Last IRO Visit / Contact to the Child'),
      d('Date of Last Health Assessment'), d('Date of Last Dental Check'), n('Number of Placements in the Last 12 months'), d('Date Ceased to be Looked After'),
      t('Reason Ceased to be Looked After'), d('Start Date of Most Recent Placement'), t('Placement Type'), t('Placement Provider'), t('Placement postcode'), t('URN of Placement'),
      t('Placement Location'), t('LA of Placement'), n("Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"),
      n("Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months"), t('Was the child offered a Return Interview after their last missing episode (Y/N)?'),
      t('Did the child accept a Return Interview after their last missing episode (Y/N)?'), ...ALLOCATED,
    ],
  },
  {
    number: 9, sheet: 'List 9 - Care leavers',
    scope: 'All those who have reached the threshold for leaving care services at the point of inspection: relevant, former relevant and eligible children and qualifying care leavers.',
    columns: [
      ...CHILD, t('Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)'), DISABILITY, ...ALLOCATED, t('Allocated Personal Advisor'),
      t('Eligibility Category'), d('Latest Pathway Plan Review Date'), t('LA in Touch'), d('Latest Date of Contact'), t('Type of Accommodation'), t('Suitability of Accommodation'), t('Activity Status'),
    ],
  },
  {
    number: 10, sheet: 'List 10 - Adoption',
    scope: 'All children for whom a decision that they should be placed for adoption was made in the 12 months before the inspection.',
    columns: [
      t('Child Unique ID'), t('Family identifier'), t('Gender'), t('Ethnicity'), d('Date of Birth'), n('Age of Child (Years)'), DISABILITY, d('Date the Child Entered Care'),
      d('Date of Decision that Child Should be Placed for Adoption'), d('Date of Placement Order'), d('Date of Matching Child and Prospective Adopters'), d('Date Placed for Adoption'),
      d('Date of Adoption Order'), d('Date of Decision that Child Should No Longer be Placed for Adoption'), t('Reason Why Child No Longer Placed for Adoption'),
      d('Date the child was placed for fostering in FFA or concurrent planning placement'),
    ],
  },
  {
    number: 11, sheet: 'List 11 - Adopters',
    scope: 'All adopters and prospective adopters who made an enquiry or were in the adoption process in the 12 months before the inspection.',
    columns: [
      t('Individual adopter identifier'), t('Family identifier'), t('Gender'), t('Ethnicity'), t('Disability'), t('Is the (prospective) adopter fostering for adoption?'),
      d('Date enquiry received'), d('Date Stage 1 started'), d('Date Stage 1 ended'), d('Date Stage 2 started'), d('Date Stage 2 ended'), d('Date application submitted'),
      d('Date application approved'), d('Date adopter matched with child(ren)'), d('Date child/children placed with adopter(s)'), n('No. of children placed'),
      d('Date of Adoption Order'), d('Date of leaving adoption process'), t('Reason for leaving adoption process'),
    ],
  },
];

/** Ofsted's answer codes as its template's drop-downs give them. */
export const ANSWERS = {
  yes: 'a) Yes', no: 'b) No', unknown: 'c) Unknown',
  male: 'a) Male', female: 'b) Female', notStated: 'c) Not stated/recorded',
  status: { lookedAfter: 'a) Looked after child', cpPlan: 'b) Child Protection plan', cinPlan: 'c) Child in need plan', openAssessment: 'd) Open assessment', closed: 'e) Closed episode' },
} as const;
