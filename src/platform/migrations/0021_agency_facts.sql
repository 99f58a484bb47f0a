-- Agency engagements (issue 17 item 6): the facts the DfE's agency rules ask about that the
-- register had no place for (statutory guidance "Child and family social workers: agency rules",
-- DOMAIN.md §7). One row per assignment of an agency practitioner; null is "not recorded".
create table agency_engagements (
  council_id text not null references councils (council_id),
  practitioner_id text not null,
  engaged_on date not null,
  ended_on date,
  agency_name text,
  -- Years of post-qualified experience in direct employment with an English council in child
  -- and family social work, as the agency or the council checked it (the rule's own words).
  pqe_direct_years numeric(4, 1) check (pqe_direct_years is null or pqe_direct_years >= 0),
  references_requested_on date,
  references_received_on date,
  -- A permanent social work post left before the assignment: when, and where (the cool-off).
  previous_permanent_left_on date,
  previous_permanent_employer text check (previous_permanent_employer is null or previous_permanent_employer in ('this_council', 'same_region')),
  cool_off_exemption text,
  hourly_charge numeric(7, 2),
  price_cap numeric(7, 2),
  cap_signed_off boolean not null default false,
  project_team boolean not null default false,
  primary key (council_id, practitioner_id, engaged_on),
  foreign key (council_id, practitioner_id) references practitioners (council_id, practitioner_id),
  check (ended_on is null or ended_on >= engaged_on),
  check ((previous_permanent_left_on is null) = (previous_permanent_employer is null))
);
