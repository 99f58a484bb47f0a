import type { RegisterEntity } from './snapshot.ts';

type Row = Record<string, unknown>;

/**
 * How a row is the same thing whatever id it carries: the SSD keys rows by table (so an
 * import's ids are CPP-…, CINV-…), while rows entered in Caseweight or seeded have their own.
 * The CIN and SSDA903 importers match the same way (cin/map.ts `adoptRegisterIds`).
 */
export const NATURAL_KEY: Partial<Record<RegisterEntity, (r: Row) => string>> = {
  episodes: (r) => `${r.child_id}|${r.kind}|${r.start_date}`,
  factors: (r) => `${r.child_id}|${r.factor}|${r.start_date}`,
  recorded: (r) => `${r.child_id}|${r.activity_code}|${r.occurred_on}`,
};

/**
 * Gives each incoming row that has no held row of its own id the id of the held row it
 * describes (pure; returns copies). Tried in turn: the same id; the id an earlier import of this
 * source gave the row's key; the same child, kind and start date. A held row is matched once.
 * Returns the rows under their register ids, and register id → the source's own id for renamed rows.
 */
export function adoptHeld(rows: readonly Row[], held: readonly Row[], idCol: string, naturalKey: (r: Row) => string, sourced: ReadonlyMap<string, string> | undefined) {
  const heldById = new Map(held.map((r) => [r[idCol] as string, r]));
  const claimed = new Set(rows.map((r) => r[idCol] as string).filter((id) => heldById.has(id)));
  const out: Row[] = rows.map((r) => r);
  const external = new Map<string, string>();
  const adopt = (i: number, heldId: string) => {
    claimed.add(heldId);
    external.set(heldId, rows[i]![idCol] as string);
    out[i] = { ...rows[i], [idCol]: heldId };
  };
  const open = rows.map((r, i) => (heldById.has(r[idCol] as string) ? -1 : i)).filter((i) => i >= 0);

  // A key an earlier import of this source mapped: the row keeps its id though its dates were corrected.
  const bySourceKey = new Map<string, string>();
  for (const [registerId, externalId] of sourced ?? []) if (heldById.has(registerId)) bySourceKey.set(externalId, registerId);
  const left: number[] = [];
  for (const i of open) {
    const heldId = bySourceKey.get(rows[i]![idCol] as string);
    if (heldId !== undefined && !claimed.has(heldId)) adopt(i, heldId);
    else left.push(i);
  }

  // Then the natural key; held rows in id order, so the match is the same on every run.
  const pool = new Map<string, string[]>();
  for (const r of [...held].sort((a, b) => (a[idCol] as string).localeCompare(b[idCol] as string))) {
    const id = r[idCol] as string;
    if (claimed.has(id)) continue;
    const k = naturalKey(r);
    pool.set(k, [...(pool.get(k) ?? []), id]);
  }
  // Where several held rows share a key (two placements starting the same day), take the one
  // that agrees with the incoming row on most other columns; ties go by id order.
  const agreement = (incoming: Row, heldId: string) => {
    const h = heldById.get(heldId)!;
    return Object.keys(incoming).filter((k) => k !== idCol && String(incoming[k] ?? '') === String(h[k] ?? '')).length;
  };
  for (const i of left) {
    const free = (pool.get(naturalKey(rows[i]!)) ?? []).filter((id) => !claimed.has(id));
    let heldId: string | undefined;
    for (const id of free) if (heldId === undefined || agreement(rows[i]!, id) > agreement(rows[i]!, heldId)) heldId = id;
    if (heldId !== undefined) adopt(i, heldId);
  }
  return { rows: out, external };
}
