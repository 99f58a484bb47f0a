-- How people are doing (issue 16, items 5 and 6): an optional monthly pulse of four questions.
--
-- Anonymous by design: the answer and the fact that someone answered live in two tables that share
-- nothing that could join them.
--   pulse_answers   one row per answer: the team and the month, the four answers, a random id.
--                   No user, no timestamp (the month is the only time), no sequence. The answering
--                   transaction rewrites every row of its team and month in a random order with
--                   new random ids (src/pulse/store), so row order, ids and the inserting
--                   transaction (xmin) are the same for all of them and single nobody out.
--   pulse_responses "this person has answered this month", so each answers once: the user and the
--                   month only; no timestamp, no team, no link to an answer.
-- Nothing else records what anyone answered; the audit log records answering without the person
-- (see src/pulse/service) and records each view of an aggregate.
create table pulse_answers (
  council_id text not null references councils (council_id),
  answer_id uuid not null,
  -- The person's team when they answered (null: not in exactly one team); counted in the service total.
  team_id text,
  month text not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  workload smallint not null check (workload between 1 and 5),
  extra_hours smallint not null check (extra_hours between 1 and 5),
  safe smallint not null check (safe between 1 and 5),
  stay smallint not null check (stay between 1 and 5),
  primary key (council_id, answer_id)
);
create index pulse_answers_month on pulse_answers (council_id, month, team_id);

create table pulse_responses (
  council_id text not null references councils (council_id),
  month text not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  user_id text not null,
  primary key (council_id, month, user_id)
);
