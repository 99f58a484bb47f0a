import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The SSDA903 (children looked after) column specification: the 2017 base with each yearly
 * diff applied in year order (standards/README.md). The raw form is liia-tools' YAML as JSON;
 * `compileSpec` turns it into what the reader and writer check against.
 */
export interface RawColumn {
  string?: string;
  date?: string;
  category?: { code: string; name?: string | string[] }[];
  numeric?: { type?: string; min_value?: number; max_value?: number };
  canbeblank?: string | boolean;
}
export interface RawSpec {
  column_map: Record<string, Record<string, RawColumn>>;
}
export interface RawDiffEntry {
  type: 'add' | 'modify' | 'remove';
  description?: string;
  value?: unknown;
}
export type RawDiff = Record<string, RawDiffEntry>;

export type ColumnKind = 'string' | 'date' | 'category' | 'numeric';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  canBeBlank: boolean;
  /** Category codes, as the spec lists them. */
  codes?: string[];
  /** Other spellings the spec accepts for a code (upper case → code), from its names. */
  aliases?: Map<string, string>;
  min?: number;
  max?: number;
  integer?: boolean;
}

export interface TableSpec {
  name: string;
  columns: ColumnSpec[];
}

export interface Ssda903Spec {
  /** The last diff year applied (the base's year when none). */
  year: number;
  tables: Map<string, TableSpec>;
}

/**
 * One diff applied to a copy of the spec. Keys are dotted paths (`column_map.episodes.REC.category`);
 * `add` and `modify` set the value there, `remove` deletes it. A path through a missing table
 * or column is an error in the diff files, not something to skip quietly.
 */
export function applyDiff(spec: RawSpec, diff: RawDiff, label = 'diff'): RawSpec {
  const out = structuredClone(spec) as unknown as Record<string, unknown>;
  for (const [key, change] of Object.entries(diff)) {
    const parts = key.split('.');
    const last = parts.pop()!;
    let node = out;
    for (const p of parts) {
      const next = node[p];
      if (next === undefined || next === null || typeof next !== 'object') throw new Error(`${label}: ${key} points at ${p}, which the specification does not have.`);
      node = next as Record<string, unknown>;
    }
    if (change.type === 'remove') {
      if (!(last in node)) throw new Error(`${label}: ${key} removes something the specification does not have.`);
      delete node[last];
    } else if (change.type === 'add' || change.type === 'modify') {
      node[last] = structuredClone(change.value);
    } else {
      throw new Error(`${label}: ${key} has change type "${(change as { type: string }).type}"; only add, modify and remove are known.`);
    }
  }
  return out as unknown as RawSpec;
}

/** The base with every diff applied, oldest year first, whatever order they are given in. */
export function buildSpec(base: RawSpec, diffs: readonly { year: number; diff: RawDiff }[]): RawSpec {
  return [...diffs].sort((a, b) => a.year - b.year).reduce((spec, d) => applyDiff(spec, d.diff, `SSDA903 ${d.year} diff`), base);
}

const blankOk = (v: string | boolean | undefined) => v === true || (typeof v === 'string' && v.toLowerCase() === 'yes');

export function compileSpec(raw: RawSpec, year: number): Ssda903Spec {
  const tables = new Map<string, TableSpec>();
  for (const [name, cols] of Object.entries(raw.column_map)) {
    const columns: ColumnSpec[] = Object.entries(cols).map(([col, c]) => {
      const base = { name: col, canBeBlank: blankOk(c.canbeblank) };
      if (c.category) {
        const aliases = new Map<string, string>();
        for (const entry of c.category) {
          // A list of names (2025's UASC SEX: ["Male", "1"]) means the old codes are still accepted.
          const names = Array.isArray(entry.name) ? entry.name : [];
          for (const n of names) aliases.set(String(n).toUpperCase(), entry.code);
        }
        return { ...base, kind: 'category' as const, codes: c.category.map((e) => e.code), aliases };
      }
      if (c.date) return { ...base, kind: 'date' as const };
      if (c.numeric) {
        return {
          ...base, kind: 'numeric' as const, integer: c.numeric.type === 'integer',
          ...(c.numeric.min_value !== undefined ? { min: c.numeric.min_value } : {}),
          ...(c.numeric.max_value !== undefined ? { max: c.numeric.max_value } : {}),
        };
      }
      return { ...base, kind: 'string' as const };
    });
    tables.set(name, { name, columns });
  }
  return { year, tables };
}

const here = path.dirname(fileURLToPath(import.meta.url));
let current: Ssda903Spec | undefined;

/** The current specification, from the copies in spec/ (read once). */
export function currentSpec(): Ssda903Spec {
  if (current) return current;
  const dir = path.join(here, 'spec');
  const files = readdirSync(dir);
  const baseFile = files.find((f) => /^SSDA903_schema_\d{4}\.json$/.test(f));
  if (!baseFile) throw new Error('The SSDA903 base specification is missing from src/standards/ssda903/spec.');
  const read = (f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown;
  const diffs = files.filter((f) => /\.diff\.json$/.test(f)).map((f) => ({ year: Number(/(\d{4})/.exec(f)![1]), diff: read(f) as RawDiff }));
  const baseYear = Number(/(\d{4})/.exec(baseFile)![1]);
  const year = Math.max(baseYear, ...diffs.map((d) => d.year));
  current = compileSpec(buildSpec(read(baseFile) as RawSpec, diffs), year);
  return current;
}

/**
 * Columns the DfE's own 903 tool derives from the postcodes (PL_DISTANCE in miles, PL_LA,
 * PL_LOCATION). Councils' extracts often carry them, so the reader accepts them on episodes.
 */
export const DERIVED_EPISODE_COLUMNS: ColumnSpec[] = [
  { name: 'PL_DISTANCE', kind: 'numeric', canBeBlank: true, min: 0, max: 1000 },
  { name: 'PL_LA', kind: 'string', canBeBlank: true },
  { name: 'PL_LOCATION', kind: 'category', canBeBlank: true, codes: ['IN', 'OUT'], aliases: new Map() },
];

/** A table's columns as the reader accepts them: the spec's, plus the derived ones on episodes. */
export function acceptedColumns(spec: Ssda903Spec, table: string): ColumnSpec[] {
  const t = spec.tables.get(table);
  if (!t) return [];
  return table === 'episodes' ? [...t.columns, ...DERIVED_EPISODE_COLUMNS] : t.columns;
}
