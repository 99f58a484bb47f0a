/**
 * Reading a council return (pure): every problem named by where it is in the file, in plain
 * words, so a rejected file says what to fix. A file either passes whole or is rejected whole.
 */
import {
  MEASURE_KEYS, MIN_PEOPLE, RETURN_FORMAT, RETURN_VERSION, REGION_NAMES, isRegion,
  type Axis, type CouncilReturn, type Figure, type ReturnTable,
} from './format.ts';
import { tableEquations } from './tables.ts';

export type ReadResult = { ok: true; value: CouncilReturn } | { ok: false; problems: string[] };

const SYMBOLS = new Set(['c', 'x', 'z']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFigure = (v: unknown): v is Figure => (typeof v === 'number' && Number.isFinite(v) && v >= 0) || (typeof v === 'string' && SYMBOLS.has(v));
const TABLE_KEYS = ['workforce', 'caseload_distribution', 'movement'] as const;

/** Reads and checks a return's text. Problems name the JSON path: `measures.caseload: …`. */
export function readCouncilReturn(text: string): ReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`The file is not JSON: ${(error as Error).message}.`] };
  }
  const problems: string[] = [];
  if (!isObject(doc)) return { ok: false, problems: ['The file must hold one JSON object (a council return).'] };
  if (doc.format !== RETURN_FORMAT) return { ok: false, problems: [`format: expected "${RETURN_FORMAT}", found ${JSON.stringify(doc.format) ?? 'nothing'}. Is this a council return?`] };
  if (doc.version !== RETURN_VERSION) {
    return { ok: false, problems: [`version: this Caseweight reads version ${RETURN_VERSION} returns; the file is version ${JSON.stringify(doc.version) ?? '(none)'}. Export it again with a matching Caseweight.`] };
  }
  const council = doc.council;
  if (!isObject(council)) problems.push('council: missing; it needs code, name and region.');
  else {
    if (typeof council.code !== 'string' || !/^[A-Za-z0-9_.-]{1,32}$/.test(council.code)) problems.push('council.code: give the council’s code (letters, numbers, dots, dashes; up to 32).');
    if (typeof council.name !== 'string' || council.name.trim() === '' || council.name.length > 200) problems.push('council.name: give the council’s name (up to 200 characters).');
    if (typeof council.region !== 'string' || !isRegion(council.region)) problems.push(`council.region: ${JSON.stringify(council.region) ?? 'missing'} is not an English region. Use one of: ${REGION_NAMES.join(', ')}.`);
  }
  const date = doc.censusDate;
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) problems.push('censusDate: give the census date as YYYY-MM-DD, like 2025-09-30.');
  else if (doc.censusYear !== Number(date.slice(0, 4))) problems.push(`censusYear: must be the year of the census date (${date.slice(0, 4)}).`);
  if (doc.minimumGroup !== MIN_PEOPLE) problems.push(`minimumGroup: must be ${MIN_PEOPLE} (groups of fewer people are suppressed).`);
  if (typeof doc.producedBy !== 'string') problems.push('producedBy: say what produced the return.');

  const measures = doc.measures;
  if (!isObject(measures)) problems.push('measures: missing.');
  else {
    for (const key of MEASURE_KEYS) if (!isFigure(measures[key])) problems.push(`measures.${key}: expected a number of 0 or more, or "c", "x" or "z"; found ${JSON.stringify(measures[key]) ?? 'nothing'}.`);
    for (const key of Object.keys(measures)) if (!(MEASURE_KEYS as readonly string[]).includes(key)) problems.push(`measures.${key}: not a measure of version ${RETURN_VERSION}.`);
  }

  const tables = doc.tables;
  if (!Array.isArray(tables)) problems.push('tables: missing; expected the workforce, caseload_distribution and movement tables.');
  else {
    const keys = tables.map((t) => (isObject(t) ? t.key : undefined));
    for (const key of TABLE_KEYS) if (!keys.includes(key)) problems.push(`tables: the ${key} table is missing.`);
    tables.forEach((t, i) => problems.push(...tableProblems(t, `tables[${i}]`)));
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: doc as unknown as CouncilReturn };
}

function axisProblems(axes: unknown, where: string): string[] {
  if (!Array.isArray(axes) || axes.length === 0) return [`${where}: expected a list of { key, label }.`];
  const out: string[] = [];
  const keys = new Set<string>();
  axes.forEach((a, i) => {
    if (!isObject(a) || typeof a.key !== 'string' || typeof a.label !== 'string') return out.push(`${where}[${i}]: expected { key, label }.`);
    if (keys.has(a.key)) out.push(`${where}[${i}].key: "${a.key}" appears twice.`);
    keys.add(a.key);
    if (a.sumOf !== undefined && (!Array.isArray(a.sumOf) || a.sumOf.some((k) => typeof k !== 'string'))) out.push(`${where}[${i}].sumOf: expected a list of keys.`);
    return undefined;
  });
  for (const [i, a] of axes.entries()) {
    if (isObject(a) && Array.isArray(a.sumOf)) for (const k of a.sumOf) if (!keys.has(k as string)) out.push(`${where}[${i}].sumOf: "${String(k)}" is not a key of this table.`);
  }
  return out;
}

function tableProblems(t: unknown, where: string): string[] {
  if (!isObject(t)) return [`${where}: expected a table.`];
  const out = [...axisProblems(t.rows, `${where}.rows`), ...axisProblems(t.columns, `${where}.columns`)];
  if (typeof t.key !== 'string') out.push(`${where}.key: missing.`);
  if (out.length > 0) return out;
  const rows = t.rows as Axis[];
  const cols = t.columns as Axis[];
  for (const grid of ['headcount', 'fte'] as const) {
    const g = t[grid];
    if (g === undefined && grid === 'fte') continue;
    if (!Array.isArray(g) || g.length !== rows.length || g.some((r) => !Array.isArray(r) || r.length !== cols.length)) {
      out.push(`${where}.${grid}: expected ${rows.length} rows of ${cols.length} figures.`);
      continue;
    }
    g.forEach((r: unknown[], i) => r.forEach((v, j) => {
      if (!isFigure(v)) out.push(`${where}.${grid}[${i}][${j}] (${rows[i]!.label}, ${cols[j]!.label}): expected a number or "c", "x" or "z"; found ${JSON.stringify(v)}.`);
      else if (grid === 'headcount' && typeof v === 'number' && (!Number.isInteger(v) || (v >= 1 && v < MIN_PEOPLE))) {
        out.push(`${where}.headcount[${i}][${j}] (${rows[i]!.label}, ${cols[j]!.label}): ${v} ${Number.isInteger(v) ? `is a group of fewer than ${MIN_PEOPLE} people and must be suppressed ("c")` : 'is not a whole number of people'}.`);
      }
    }));
  }
  if (out.length === 0) out.push(...sumProblems(t as unknown as ReturnTable, where));
  return out;
}

/** Published cells must add up where the table says they do (headcount exactly; FTE within rounding). */
function sumProblems(t: ReturnTable, where: string): string[] {
  const out: string[] = [];
  const at = (grid: Figure[][], id: string) => {
    const [, row, col] = id.split(':');
    return grid[t.rows.findIndex((r) => r.key === row)]![t.columns.findIndex((c) => c.key === col)]!;
  };
  for (const eq of tableEquations(t)) {
    for (const [grid, tolerance] of [[t.headcount, 0], ...(t.fte ? [[t.fte, 0.05 * (eq.parts.length + 1) + 1e-9]] : [])] as [Figure[][], number][]) {
      const total = at(grid, eq.total);
      const parts = eq.parts.map((p) => at(grid, p));
      if (typeof total !== 'number' || parts.some((p) => typeof p !== 'number')) continue;
      const sum = (parts as number[]).reduce((s, p) => s + p, 0);
      if (Math.abs(sum - total) > tolerance) out.push(`${where} (${t.key}): ${eq.total.split(':').slice(1).join(', ')} is ${total} but its parts add up to ${Math.round(sum * 10) / 10}.`);
    }
  }
  return out;
}

