import { REGISTER, registerColumnNames, type ChildRow } from '../../kernel/register.ts';
import { emptyCounts, type TableCounts } from '../../standards/report.ts';
import { adoptHeld, NATURAL_KEY } from './adopt.ts';
import { REGISTER_ENTITIES, type RecordFlag, type RegisterEntity, type RegisterRows, type Snapshot } from './snapshot.ts';

/** The register as it stands for one council, plus which rows earlier imports of this source wrote. */
export interface RegisterState extends RegisterRows {
  /** entity → register id → the source's key, for rows this source has written before. */
  sourced: Partial<Record<RegisterEntity, Map<string, string>>>;
}

type Row = Record<string, unknown>;

export interface SyncPlan {
  inserts: Record<RegisterEntity, Row[]>;
  updates: Record<RegisterEntity, Row[]>;
  /** Open rows the source no longer lists: ended on the extract date, never deleted. */
  closes: Record<RegisterEntity, { id: string; end_date: string }[]>;
  counts: Record<RegisterEntity, TableCounts>;
  /** Rows this import vouches for that the source's record does not yet hold: recorded so a later extract can close what it drops. */
  sourced: { entity: RegisterEntity; registerId: string; externalId: string }[];
  /** `entity|source id` → the held row's id, for rows matched to a row the register already held under another id. */
  renamed: Map<string, string>;
  /** The import's rule flags, on the register ids the rows were matched to. */
  flags: RecordFlag[];
}

export const ID_COLUMN = Object.fromEntries(REGISTER_ENTITIES.map((e) => [e, REGISTER[e].id])) as Record<RegisterEntity, string>;

/** Register columns of each entity, in table order (the extra fields of incoming rows are not columns). */
export const COLUMNS = Object.fromEntries(REGISTER_ENTITIES.map((e) => [e, registerColumnNames(e)])) as Record<RegisterEntity, string[]>;

const pick = (entity: RegisterEntity, row: Row): Row => Object.fromEntries(COLUMNS[entity].map((c) => [c, norm(row[c])]));
const norm = (v: unknown): unknown => (v === undefined ? null : typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v);
const same = (entity: RegisterEntity, a: Row, b: Row) => COLUMNS[entity].every((c) => norm(a[c]) === norm(b[c]));

/**
 * Works out what an import changes (pure): matches practitioners to those already held (Social
 * Work England number, then staff id, then the id an earlier import gave), keeps what the
 * source leaves empty, adds what is new, updates what changed and closes what ended.
 */
export function planSync(incoming: Snapshot, state: RegisterState, extractDate: string): SyncPlan {
  const plan: SyncPlan = {
    inserts: blank(() => []), updates: blank(() => []), closes: blank(() => []), counts: blank(emptyCounts), sourced: [], renamed: new Map(), flags: [],
  };
  for (const [e, n] of Object.entries(incoming.rejected)) plan.counts[e as RegisterEntity].rejected += n;

  // Practitioners: find who each incoming worker already is.
  const bySwe = new Map(state.practitioners.filter((p) => p.swe_number).map((p) => [p.swe_number!, p]));
  const byStaff = new Map(state.practitioners.filter((p) => p.staff_id).map((p) => [p.staff_id!, p]));
  const byId = new Map(state.practitioners.map((p) => [p.practitioner_id, p]));
  const bySourceKey = new Map([...(state.sourced.practitioners ?? new Map<string, string>())].map(([reg, ext]) => [ext, reg]));
  const idFor = new Map<string, string>();
  const taken = new Set<string>();
  const merged: Row[] = [];
  for (const p of incoming.practitioners) {
    let match = (p.swe_number ? bySwe.get(p.swe_number) : undefined) ?? (p.staff_id ? byStaff.get(p.staff_id) : undefined);
    if (!match && bySourceKey.has(p.sourceKey)) match = byId.get(bySourceKey.get(p.sourceKey)!);
    if (!match) {
      const sameId = byId.get(p.sourceKey);
      if (sameId && !(sameId.swe_number && p.swe_number && sameId.swe_number !== p.swe_number)) match = sameId;
    }
    let id = match?.practitioner_id ?? p.sourceKey;
    if (!match && byId.has(id)) id = `SSD-${p.sourceKey}`;
    if (taken.has(id)) continue; // two source rows for one worker: the first wins
    taken.add(id);
    idFor.set(p.sourceKey, id);
    const row: Row = { ...p, practitioner_id: id };
    if (match) for (const f of p.unknown) row[f] = match[f];
    merged.push(row);
    vouch(plan, state, 'practitioners', id, p.sourceKey);
  }
  const pid = (x: string | null) => (x === null ? null : idFor.get(x) ?? x);

  const rowsOf: Record<RegisterEntity, Row[]> = {
    teams: incoming.teams as unknown as Row[],
    practitioners: merged,
    absences: incoming.absences.map((a) => ({ ...a, practitioner_id: pid(a.practitioner_id) })),
    posts: incoming.posts.map((p) => ({ ...p, held_by: pid(p.held_by), covered_by: pid(p.covered_by) })),
    children: incoming.children as unknown as Row[],
    episodes: incoming.episodes as unknown as Row[],
    factors: incoming.factors as unknown as Row[],
    allocations: incoming.allocations.map((a) => ({ ...a, practitioner_id: pid(a.practitioner_id) })),
    recorded: incoming.recorded.map((r) => ({ ...r, practitioner_id: pid(r.practitioner_id) })),
  };
  const existingChildren = new Map(state.children.map((c) => [c.child_id, c]));
  for (const c of rowsOf.children) {
    const held = existingChildren.get(c.child_id as string);
    if (held) for (const f of (c.unknown as string[]) ?? []) c[f] = held[f as keyof ChildRow];
  }

  for (const entity of REGISTER_ENTITIES) {
    const idCol = ID_COLUMN[entity];
    const heldRows = state[entity] as unknown as Row[];
    const existing = new Map(heldRows.map((r) => [r[idCol] as string, r]));
    const naturalKey = NATURAL_KEY[entity];
    const adopted = naturalKey ? adoptHeld(rowsOf[entity], heldRows, idCol, naturalKey, state.sourced[entity]) : { rows: rowsOf[entity], external: new Map<string, string>() };
    for (const [registerId, externalId] of adopted.external) plan.renamed.set(`${entity}|${externalId}`, registerId);
    const seen = new Set<string>();
    for (const incomingRow of adopted.rows) {
      let row = incomingRow;
      const id = row[idCol] as string;
      if (seen.has(id)) continue;
      seen.add(id);
      if (entity !== 'practitioners') vouch(plan, state, entity, id, adopted.external.get(id) ?? id);
      const held = existing.get(id);
      // No source Caseweight reads names who made a visit: the import only guesses (whoever held
      // the child that day), so a worker already credited, by the council or earlier, stays.
      if (held && entity === 'recorded' && held.practitioner_id !== null) row = { ...row, practitioner_id: held.practitioner_id };
      if (!held) {
        plan.inserts[entity].push(pick(entity, row));
        plan.counts[entity].added++;
      } else if (!same(entity, held, row)) {
        plan.updates[entity].push(pick(entity, row));
        plan.counts[entity].changed++;
      } else plan.counts[entity].unchanged++;
    }
    if (!incoming.closes.includes(entity)) continue;
    const mine = state.sourced[entity];
    if (!mine) continue;
    const keepOpen = new Set(incoming.keepOpen);
    for (const [id, held] of existing) {
      if (seen.has(id) || !mine.has(id) || held.end_date !== null) continue;
      if (keepOpen.has(held.child_id as string)) continue;
      const start = (held.start_date as string) ?? extractDate;
      plan.closes[entity].push({ id, end_date: start > extractDate ? start : extractDate });
      plan.counts[entity].closed++;
    }
  }
  plan.flags = incoming.flags.map((f) => ({ ...f, recordId: plan.renamed.get(`${f.entity}|${f.recordId}`) ?? f.recordId }));
  return plan;
}

/**
 * Notes that this import vouches for a row, unless an earlier import of the source already
 * recorded it with the same key: a nightly extract repeats almost every row, and rewriting
 * those would change nothing (the first import that wrote a row keeps it).
 */
function vouch(plan: SyncPlan, state: RegisterState, entity: RegisterEntity, registerId: string, externalId: string): void {
  if (state.sourced[entity]?.get(registerId) === externalId) return;
  plan.sourced.push({ entity, registerId, externalId });
}

function blank<T>(make: () => T): Record<RegisterEntity, T> {
  return Object.fromEntries(REGISTER_ENTITIES.map((e) => [e, make()])) as Record<RegisterEntity, T>;
}

/** Only the tables an import touches, for the report. */
export function touchedCounts(plan: SyncPlan): Record<string, TableCounts> {
  return Object.fromEntries(Object.entries(plan.counts).filter(([, c]) => c.added + c.changed + c.closed + c.unchanged + c.rejected > 0));
}
