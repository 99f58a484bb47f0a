import type { AgencyEngagementRow } from '../workforce/store.ts';
import type { CouncilData } from './generate.ts';

/**
 * The demo council's agency engagements (migration 0021): one per agency practitioner, from the
 * day they started, with the facts the DfE's agency rules ask about. Most follow every rule; a
 * few do not, as in a real council's first check: two with under 3 years' post-qualified council
 * experience, one back as agency six weeks after leaving a permanent post here, two without
 * references (one requested, never received), one above the price cap without sign-off, and a
 * few whose experience was never recorded. Deterministic: picked by position, no randomness.
 * Each assignment began in the last two years (or when the worker started). The price cap (£50 an hour here) is an illustration: regional caps are agreed locally.
 */
export function demoAgencyEngagements(data: CouncilData, asOf: string): AgencyEngagementRow[] {
  const agency = data.practitioners.filter((p) => p.agency && p.left_on === null).sort((a, b) => a.practitioner_id.localeCompare(b.practitioner_id));
  const covering = new Set(data.posts.map((p) => p.covered_by).filter((id): id is string => id !== null));
  const day = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const agencies = ['Northgate Social Care Recruitment', 'Sanctuary Social Work', 'Brightwell Locums'];
  return agency.map((p, i) => {
    // The current assignment: agency workers move on or renew, so it began in the last two years (or when they started).
    const recent = day(asOf, -(20 + (i * 53) % 700));
    const engagedOn = recent > p.started_on ? recent : p.started_on;
    const row: AgencyEngagementRow = {
      council_id: p.council_id, practitioner_id: p.practitioner_id, engaged_on: engagedOn, ended_on: null, agency_name: agencies[i % agencies.length]!,
      pqe_direct_years: 3 + (i * 7) % 9, references_requested_on: day(engagedOn, -28), references_received_on: day(engagedOn, -10),
      previous_permanent_left_on: null, previous_permanent_employer: null, cool_off_exemption: null,
      hourly_charge: 42 + (i * 3) % 8, price_cap: 50, cap_signed_off: false, project_team: i % 11 === 5,
    };
    if (!covering.has(p.practitioner_id)) row.project_team = row.project_team || i % 4 === 1;
    // The few that break a rule, by position.
    if (i === 1 || i === 8) row.pqe_direct_years = i === 1 ? 2 : 1.5;
    if (i === 3) Object.assign(row, { previous_permanent_left_on: day(engagedOn, -42), previous_permanent_employer: 'this_council' });
    if (i === 6) Object.assign(row, { previous_permanent_left_on: day(engagedOn, -30), previous_permanent_employer: 'this_council', cool_off_exemption: 'redundancy' });
    if (i === 4) row.references_received_on = null;
    if (i === 10) Object.assign(row, { references_requested_on: null, references_received_on: null });
    if (i === 2) row.hourly_charge = 56.5;
    if (i === 9) Object.assign(row, { hourly_charge: 58, cap_signed_off: true });
    if (i % 7 === 0 && i > 0) row.pqe_direct_years = null;
    return row;
  });
}
