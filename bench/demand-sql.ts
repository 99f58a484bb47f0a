import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../src/platform/tables.ts';
import type { Activity, Interval, ModelContext, Range, WorkingCalendar, WorkloadConfig } from '../src/workload/model/index.ts';

/**
 * The demand formula of the workload model (model/demand.ts: caseDemand + caseloadDemand),
 * written a second time as one plain SQL statement. It is an independent check on the model
 * (demand-sql.test.ts compares the two per practitioner) and a benchmark of how fast the
 * database alone can do it. The statement is generated from the council's WorkloadConfig
 * (activities as a jsonb parameter), so it stays the same formula when the configuration
 * changes. Days are whole days since 1970-01-01, as in the model.
 *
 * One known difference, on data the register should not hold: with two open episodes of one
 * kind starting on the same day, the model keeps the first it loaded and SQL the lower
 * episode id; the totals differ only if the two differ in distance, outcome or placement.
 * Sums run in another order, so figures agree to float rounding (about 1e-13 hours), not bits.
 */
export interface SqlPractitionerDemand {
  practitionerId: string;
  /** Cases held on the date that have an open status (the model's caseCount). */
  cases: number;
  demand: Range;
}

type Db = Kysely<Database>;

export async function practitionerDemandsSql(db: Db, councilId: string, date: string, ctx: ModelContext): Promise<SqlPractitionerDemand[]> {
  const result = await db.transaction().execute(async (trx) => {
    // Every join here is an equi-join of whole sets, so hash joins are right whatever the
    // statistics say. A freshly loaded council has none (PGlite runs no autovacuum), and the
    // planner's one-row guesses then choose nested loops that make the statement quadratic.
    await sql`set local enable_nestloop = off`.execute(trx);
    // The disabled loops' nominal cost would switch on JIT (PostgreSQL): seconds compiling
    // these long expressions for milliseconds of work.
    await sql`set local jit = off`.execute(trx);
    return demandStatement(councilId, date, ctx).execute(trx);
  });
  return result.rows.map((r) => ({
    practitionerId: r.practitioner_id,
    cases: Number(r.cases),
    demand: { low: Number(r.low), central: Number(r.central), high: Number(r.high) },
  }));
}

interface DemandRow {
  practitioner_id: string;
  cases: number;
  low: number;
  central: number;
  high: number;
}

/** The statement itself, for running and for reading (`.compile(db).sql`). */
export function demandStatement(councilId: string, date: string, ctx: ModelContext): RawBuilder<DemandRow> {
  const { config, calendar } = ctx;
  const { interpreter, disability, exploitationOrMissing } = config.factors;
  const c = councilId;
  const day = sql`(${date}::date - date '1970-01-01')`;
  const horizon = sql`${config.horizonDays}::float8`;
  // Length of [day, day + horizon) ∩ [from, to): the model's overlap(); `to` null means open-ended.
  const overlap = (from: string, to: string | null) => {
    const end = sql`(${day} + ${horizon})`;
    return sql`greatest(0, ${to === null ? end : sql`least(${end}, ${sql.raw(to)})`} - greatest(${day}, ${sql.raw(from)}))`;
  };
  const add = (dayExpr: string, slot: number) => sql.raw(addInterval(dayExpr, `x.n${slot}`, `x.u${slot}`, calendar));
  const nominal = (slot: number) => sql.raw(nominalDays(`x.n${slot}`, `x.u${slot}`));
  const isActive = (start: string, end: string) => sql`${sql.raw(start)} <= ${date}::date and (${sql.raw(end)} is null or ${sql.raw(end)} > ${date}::date)`;

  return sql<DemandRow>`
with recursive
-- The calendar's working days in order (weekdays less bank holidays), as one array.
calendar as (select ${workingDays(calendar)}::int[] as wd),
-- Only the lead allocations open on the date count.
held as (
  select practitioner_id, child_id from allocations
  where council_id = ${c} and role = 'lead' and ${isActive('start_date', 'end_date')}
),
held_children as (select distinct child_id from held),
episodes as materialized (
  select ep.child_id, ep.kind, ep.episode_id, ep.start_date - date '1970-01-01' as s, ep.end_date - date '1970-01-01' as e,
    ep.placement_distance_miles::float8 as miles, ep.placement_long_term as long_term, ep.s47_outcome as outcome
  from case_episodes ep join held_children using (child_id)
  where ep.council_id = ${c}
),
-- One open episode per kind: the latest start (model: activeEpisodes).
active as materialized (
  select distinct on (child_id, kind) child_id, kind, s, miles, long_term, outcome
  from episodes
  where s <= ${day} and (e is null or e > ${day})
  order by child_id, kind, s desc, episode_id collate "C"
),
-- The period start walks back through same-kind episodes that end where the current start is
-- (or the day before), each step to the earliest such episode, as periodStartOf does.
steps as (
  select y.child_id, y.kind, y.s as from_s, min(x.s) as to_s
  from (select distinct child_id, kind, s from episodes) y
  join episodes x on x.child_id = y.child_id and x.kind = y.kind
    and x.e is not null and x.s < y.s and x.e >= y.s - 1 and x.e <= y.s
  group by y.child_id, y.kind, y.s
),
walk as (
  select child_id, kind, s as ps from active
  union all
  select w.child_id, w.kind, st.to_s from walk w join steps st on st.child_id = w.child_id and st.kind = w.kind and st.from_s = w.ps
),
periods as (select child_id, kind, min(ps) as ps from walk group by child_id, kind),
superseded as (
  select distinct a.child_id, x.status
  from active a join jsonb_to_recordset(${JSON.stringify(supersedeRows(config))}::jsonb) as x(by_status text, status text) on x.by_status = a.kind
),
factors as (
  select f.child_id,
    bool_or(f.factor = 'interpreter' and ${isActive('f.start_date', 'f.end_date')}) as interpreter,
    bool_or(f.factor = 'disability' and ${isActive('f.start_date', 'f.end_date')}) as disability,
    -- exploitation or missing: begun by the date and not ended before the lookback began
    bool_or(f.factor in ('exploitation', 'missing') and f.start_date <= ${date}::date
      and (f.end_date is null or f.end_date > (${date}::date - make_interval(months => ${exploitationOrMissing.lookbackMonths}::int))::date)) as exploitation
  from complexity_factors f join held_children using (child_id)
  where f.council_id = ${c}
  group by f.child_id
),
activities as (
  select * from jsonb_to_recordset(${JSON.stringify(config.activities.map(activityRow))}::jsonb) as x(
    code text, status text, category text, rule_kind text, anchor text,
    n1 int, u1 text, n2 int, u2 text, n3 int, u3 text, n4 int, u4 text, n5 int, u5 text, later_long_term_only boolean,
    per_month float8, only_if boolean, pending_probability float8,
    low float8, central float8, high float8, travel_beyond float8, travel_low float8, travel_central float8, travel_high float8)
),
-- A case's status activities (open, not superseded) and its open-case activities.
applicable as (
  select a.child_id, x.*, a.s, p.ps, a.miles, a.long_term, a.outcome
  from active a join periods p using (child_id, kind) join activities x on x.status = a.kind
  where not exists (select 1 from superseded z where z.child_id = a.child_id and z.status = a.kind)
  union all
  select o.child_id, x.*, null, null, null, null, null
  from (select distinct child_id from active) o join activities x on x.status = 'open_case'
),
-- The days each rule turns on: p1 (due, or first occurrence), p2 (second), after_day (later rhythm).
dated as materialized (
  select x.*, ${add('x.a', 1)} as p1, ${add('x.a', 4)} as after_day
  from (select y.*, case y.anchor when 'period_start' then y.ps else y.s end as a from applicable y) x
),
dated2 as materialized (
  select x.*, ${add('x.p1', 2)} as p2 from dated x
),
dated3 as (
  select x.*, coalesce(x.p2, x.p1) as steady,
    case when x.n4 is not null and (not x.later_long_term_only or x.long_term is true) then greatest(coalesce(x.p2, x.p1), x.after_day) end as switch_at
  from dated2 x
),
occurrences as materialized (
  select x.child_id, x.category, x.low, x.central, x.high, x.travel_low, x.travel_central, x.travel_high,
    x.travel_beyond is not null and x.miles is not null and x.miles > x.travel_beyond as travel,
    case
      when x.rule_kind = 'monthly' then x.per_month * ${horizon} / 30.4375
      when x.status = 'open_case' then 0
      when x.rule_kind = 'once' then
        (case when not x.only_if or x.outcome = 'conference' then 1 when x.outcome = 'no_further_action' then 0 else x.pending_probability end)
        * ${overlap('x.a', 'greatest(x.p1, x.a + 1)')} / (greatest(x.p1, x.a + 1) - x.a)
      else
        ${overlap('x.a', 'x.p1')} / greatest(x.p1 - x.a, 1)
        + case when x.p2 is null then 0 else ${overlap('x.p1', 'x.p2')} / greatest(x.p2 - x.p1, 1) end
        + case when x.switch_at is null then ${overlap('x.steady', null)} / ${nominal(3)}
          else ${overlap('x.steady', 'x.switch_at')} / ${nominal(3)} + ${overlap('x.switch_at', null)} / ${nominal(5)} end
    end as occurrences
  from dated3 x
),
hours as (
  select x.child_id, x.category = any(${config.siblings.categories}::text[]) as shared,
    x.occurrences * (case when coalesce(f.interpreter, false) and x.category = any(${interpreter.categories}::text[]) then ${interpreter.multiplier}::float8 else 1 end)
      * (case when coalesce(f.disability, false) and x.category = any(${disability.categories}::text[]) then ${disability.multiplier}::float8 else 1 end)
      * (case when coalesce(f.exploitation, false) and x.category = any(${exploitationOrMissing.categories}::text[]) then ${exploitationOrMissing.multiplier}::float8 else 1 end)
      as weight,
    x.low + case when x.travel then x.travel_low else 0 end as low,
    x.central + case when x.travel then x.travel_central else 0 end as central,
    x.high + case when x.travel then x.travel_high else 0 end as high
  from occurrences x left join factors f using (child_id)
  where x.occurrences > 0
),
cases as (
  select o.child_id,
    coalesce(sum(x.low * x.weight), 0) as low, coalesce(sum(x.central * x.weight), 0) as central, coalesce(sum(x.high * x.weight), 0) as high,
    coalesce(sum(x.low * x.weight) filter (where x.shared), 0) as shared_low,
    coalesce(sum(x.central * x.weight) filter (where x.shared), 0) as shared_central,
    coalesce(sum(x.high * x.weight) filter (where x.shared), 0) as shared_high
  from (select distinct child_id from active) o left join hours x using (child_id)
  group by o.child_id
),
-- Siblings on one allocation: per component, the child with most shared hours counts in full
-- (ties to the lower child id), the others' shared hours at the sibling share.
caseload as (
  select k.practitioner_id, x.*,
    ch.family_id is not null and row_number() over (partition by k.practitioner_id, ch.family_id order by x.shared_low desc, x.child_id collate "C") > 1 as later_low,
    ch.family_id is not null and row_number() over (partition by k.practitioner_id, ch.family_id order by x.shared_central desc, x.child_id collate "C") > 1 as later_central,
    ch.family_id is not null and row_number() over (partition by k.practitioner_id, ch.family_id order by x.shared_high desc, x.child_id collate "C") > 1 as later_high
  from held k join cases x using (child_id)
  join children ch on ch.council_id = ${c} and ch.child_id = k.child_id
)
select p.practitioner_id, count(k.child_id)::int as cases,
  coalesce(sum(k.low - case when k.later_low then k.shared_low * (1 - ${config.siblings.share}::float8) else 0 end), 0) as low,
  coalesce(sum(k.central - case when k.later_central then k.shared_central * (1 - ${config.siblings.share}::float8) else 0 end), 0) as central,
  coalesce(sum(k.high - case when k.later_high then k.shared_high * (1 - ${config.siblings.share}::float8) else 0 end), 0) as high
from practitioners p left join caseload k using (practitioner_id)
where p.council_id = ${c} and ${isActive('p.started_on', 'p.left_on')}
group by p.practitioner_id
order by p.practitioner_id`;
}

/**
 * The model's addInterval as an SQL expression over columns (n, unit). A working-day step
 * counts the working days up to the day (width_bucket: a binary search of the sorted array)
 * and takes the nth after. Outside the calendar's years the model throws, and so does this,
 * by casting a message to int (SQL has no raise outside PL/pgSQL).
 */
function addInterval(dayExpr: string, n: string, unit: string, calendar: WorkingCalendar): string {
  const wd = '(select wd from calendar)';
  return `case ${unit}
    when 'working_days' then coalesce(
      case when ${dayExpr} between ${calendar.firstDay} and ${calendar.lastDay} then ${wd}[width_bucket(${dayExpr}, ${wd}) + ${n}] end,
      ('The working-day calendar does not reach ' || ${n} || ' working days after day ' || ${dayExpr})::int)
    when 'days' then ${dayExpr} + ${n}
    when 'weeks' then ${dayExpr} + 7 * ${n}
    when 'months' then ((date '1970-01-01' + ${dayExpr}) + make_interval(months => ${n}))::date - date '1970-01-01'
  end`;
}

/** The model's nominalDays: an interval's average length in days (253 working days a year). */
function nominalDays(n: string, unit: string): string {
  return `(case ${unit} when 'working_days' then ${n}::float8 * 365.25 / 253 when 'days' then ${n}::float8
    when 'weeks' then 7 * ${n}::float8 when 'months' then ${n}::float8 * 30.4375 end)`;
}

const workingDayLists = new WeakMap<WorkingCalendar, number[]>();

/** The calendar's working days, ascending: the working-day list the model's calendar indexes. */
function workingDays(calendar: WorkingCalendar): number[] {
  let days = workingDayLists.get(calendar);
  if (!days) {
    days = [];
    for (let d = calendar.firstDay; d <= calendar.lastDay; d++) if (calendar.isWorkingDay(d)) days.push(d);
    workingDayLists.set(calendar, days);
  }
  return days;
}

function supersedeRows(config: WorkloadConfig) {
  return Object.entries(config.supersedes).flatMap(([by, list]) => (list ?? []).map((status) => ({ by_status: by, status })));
}

/** One activity as a flat row: the rule's intervals in numbered slots, as the SQL reads them. */
function activityRow(a: Activity) {
  const slot = (k: number, i: Interval | undefined) => ({ [`n${k}`]: i?.n ?? null, [`u${k}`]: i?.unit ?? null });
  const r = a.rule;
  return {
    code: a.code, status: a.status, category: a.category, rule_kind: r.kind, anchor: r.kind === 'monthly' ? null : r.anchor,
    // Work that starts its episode happens on the first day (the model's rule), whatever `within` says.
    ...slot(1, r.kind === 'once' ? (r.startsEpisode ? { n: 1, unit: 'days' } : r.within) : r.kind === 'recurring' ? r.first : undefined),
    ...slot(2, r.kind === 'recurring' ? r.second : undefined),
    ...slot(3, r.kind === 'recurring' ? r.every : undefined),
    ...slot(4, r.kind === 'recurring' ? r.later?.after : undefined),
    ...slot(5, r.kind === 'recurring' ? r.later?.every : undefined),
    later_long_term_only: r.kind === 'recurring' ? (r.later?.onlyIfLongTermPlacement ?? null) : null,
    per_month: r.kind === 'monthly' ? r.perMonth : null,
    only_if: r.kind === 'once' && r.onlyIf !== undefined,
    pending_probability: r.kind === 'once' ? (r.onlyIf?.probabilityWhilePending ?? null) : null,
    low: a.hours.low, central: a.hours.central, high: a.hours.high,
    travel_beyond: a.travel?.beyondMiles ?? null,
    travel_low: a.travel?.extraHours.low ?? null, travel_central: a.travel?.extraHours.central ?? null, travel_high: a.travel?.extraHours.high ?? null,
  };
}
