/**
 * DfE SSDA903 validation rule codes Caseweight checks, with the DfE's wording. Codes are from
 * the DfE's published 903 validation rules as implemented in the open-source 903 validator
 * (data-to-insight quality-lac-data-beta / lac_validator); only codes checked there are used.
 */
export const RULES_903 = {
  '101': 'Sex code is not valid.',
  '102': 'Date of birth is not a valid date.',
  '103': 'The ethnicity code is either not valid or has not been entered.',
  '143': 'The reason for new episode code is not a valid code.',
  '144': 'The legal status code is not a valid code.',
  '145': 'Category of need code is not a valid code.',
  '146': 'Placement type code is not a valid code.',
  '149': 'Reason episode ceased code is not valid.',
  '178': 'Placement provider code is not a valid code.',
  '1009': 'Reason for placement change is not a valid code.',
  '301': 'Date of birth falls after the year ended.',
  '302': 'First episode starts before child was born.',
  '354': 'Date episode started must be on or before the end of the current collection year.',
  '385': 'Date episode ceased must be on or before the end of the current collection year.',
  '356': 'The date the episode ceased is before the date the same episode started.',
  '501': 'A new episode has started before the end date of the previous episode.',
  '567': 'The date that the missing episode or episode that the child was away from placement without authorisation ended is before the date that it started.',
  '570': 'The date that the child started to be missing or away from placement without authorisation is after the end of the collection year.',
  '571': 'The date that the child ceased to be missing or away from placement without authorisation is after the end of the collection year.',
  '574': 'A new missing/away from placement without authorisation period cannot start when the previous one is still open, and periods should not overlap.',
  SW06STG2: 'Social worker episode data should be within the social worker data reporting year.',
} as const;

export type Rule903 = keyof typeof RULES_903;

/** Which rule a bad value in a column breaks (table.COLUMN), where the DfE has one. */
export const FIELD_RULES: Record<string, Rule903> = {
  'header.SEX': '101',
  'header.DOB': '102',
  'header.ETHNIC': '103',
  'episodes.RNE': '143',
  'episodes.LS': '144',
  'episodes.CIN': '145',
  'episodes.PLACE': '146',
  'episodes.REC': '149',
  'episodes.PLACE_PROVIDER': '178',
  'episodes.REASON_PLACE_CHANGE': '1009',
};
