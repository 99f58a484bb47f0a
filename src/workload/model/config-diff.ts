/**
 * The differences between two versions of the workload model's settings, as a list of changed
 * values, and applying such a list to the older version to get the newer: what the settings
 * history shows and what a restore is checked against. Pure: plain JSON in, plain JSON out.
 *
 * A list of items that each carry a `code` (the activities, protected time) is compared item by
 * item, found by code, as long as both versions hold the same codes in the same order; otherwise
 * (an activity added, removed or moved) the list is one change, old list → new list.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One step of a path: an object's key, or the code of an item in a list of coded items. */
export type PathStep = { key: string } | { code: string };

export interface ConfigChange {
  path: PathStep[];
  /** Absent when the value was added. */
  before?: Json;
  /** Absent when the value was removed. */
  after?: Json;
}

type JsonObject = { [key: string]: Json };
const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A key's own value: `o[k]` would find `valueOf` or `toString` on every object. */
const own = (o: JsonObject, k: string): Json | undefined => (Object.hasOwn(o, k) ? o[k] : undefined);

/** The codes of a list whose items all carry a distinct string code, or null. */
function codesOf(list: readonly Json[]): string[] | null {
  const codes: string[] = [];
  for (const item of list) {
    if (!isObject(item) || typeof item.code !== 'string') return null;
    codes.push(item.code);
  }
  return new Set(codes).size === codes.length ? codes : null;
}

function sameCodes(a: readonly Json[], b: readonly Json[]): boolean {
  const ca = codesOf(a);
  const cb = codesOf(b);
  return ca !== null && cb !== null && ca.length === cb.length && ca.every((c, i) => c === cb[i]);
}

function equal(a: Json | undefined, b: Json | undefined): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return false;
}

/** Every value that differs from `before` to `after`, leaves first in the newer version's order. */
export function diffConfigs(before: Json, after: Json): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const walk = (a: Json | undefined, b: Json | undefined, path: PathStep[]) => {
    if (equal(a, b)) return;
    if (isObject(a) && isObject(b)) {
      const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !Object.hasOwn(b, k))];
      for (const k of keys) walk(own(a, k), own(b, k), [...path, { key: k }]);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length > 0 && sameCodes(a, b)) {
      b.forEach((item, i) => walk(a[i], item, [...path, { code: (item as JsonObject).code as string }]));
      return;
    }
    const change: ConfigChange = { path };
    if (a !== undefined) change.before = a;
    if (b !== undefined) change.after = b;
    changes.push(change);
  };
  walk(before, after, []);
  return changes;
}

/** `before` with the changes made: applyChanges(a, diffConfigs(a, b)) equals b. Never changes its input. */
export function applyChanges(before: Json, changes: readonly ConfigChange[]): Json {
  let root: Json = structuredClone(before);
  for (const change of changes) {
    if (change.path.length === 0) {
      root = change.after === undefined ? null : structuredClone(change.after);
      continue;
    }
    let node: Json = root;
    for (const step of change.path.slice(0, -1)) node = child(node, step);
    const last = change.path.at(-1)!;
    if ('code' in last) {
      const list = node as Json[];
      const i = list.findIndex((item) => isObject(item) && item.code === last.code);
      if (i < 0) throw new Error(`No item with code "${last.code}" to change.`);
      list[i] = structuredClone(change.after ?? null);
    } else if (isObject(node)) {
      if (change.after === undefined) delete node[last.key];
      // Defined, not assigned: a key spelt "__proto__" stays an ordinary key.
      else Object.defineProperty(node, last.key, { value: structuredClone(change.after), writable: true, enumerable: true, configurable: true });
    } else {
      throw new Error(`Cannot set "${last.key}" on a value that is not an object.`);
    }
  }
  return root;
}

function child(node: Json, step: PathStep): Json {
  if ('code' in step) {
    const found = Array.isArray(node) ? node.find((item) => isObject(item) && item.code === step.code) : undefined;
    if (found === undefined) throw new Error(`No item with code "${step.code}".`);
    return found;
  }
  if (!isObject(node) || !Object.hasOwn(node, step.key)) throw new Error(`No "${step.key}" to change.`);
  return node[step.key]!;
}
