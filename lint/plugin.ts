/**
 * The `caseweight` ESLint plugin: the layout rules of DESIGN.md.
 *
 * - `caseweight/layers`: every import checked against LAYER_RULES (lint/architecture.ts).
 * - `caseweight/area-parts`: a file of an area sits in one of its five parts.
 * - `caseweight/store-tables`: a store names only its own area's tables (lint/table-owners.ts),
 *   read from Kysely calls, table-taking helpers and `sql` templates.
 * - `caseweight/table-owners-complete`: every table the migrations create has an owner.
 *
 * Paths are classified from the file name alone (no file-system look-ups), so the rules are
 * fast and test/lint-rules.test.ts can lint snippets under made-up paths.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ESLint, Rule } from 'eslint';
import {
  AREA_LAYOUT,
  LAYER_RULES,
  NOT_AREAS,
  type Exception,
  type Part,
  type Place,
  type Target,
} from './architecture.ts';
import { GENERIC_TABLE_HELPERS, TABLE_ARGUMENT_FUNCTIONS, TABLE_EXCEPTIONS, TABLE_OWNERS, type TableMode } from './table-owners.ts';

// ---------------------------------------------------------------------------------------------
// Places and targets

const TEST_FILE = /\.test(-support)?\.[cm]?[jt]s$/;

export function classify(file: string): Place {
  const p = file.split(path.sep).join('/');
  const test = TEST_FILE.test(p) || p.startsWith('test/');
  const place = (part: Part, area?: string): Place => (area === undefined ? { path: p, part, test } : { path: p, part, area, test });
  if (p.startsWith('bench/')) return place('bench');
  if (p.startsWith('test/')) return place('test');
  if (!p.startsWith('src/')) return place('outside');
  const rest = p.slice('src/'.length).split('/');
  if (rest.length === 1) return place(rest[0] === 'main.ts' ? 'main' : 'src-other');
  const top = rest[0]!;
  if ((NOT_AREAS as readonly string[]).includes(top)) return place(top as Part);
  const first = rest[1]!;
  const nested = rest.length > 2;
  const part: Part =
    first === 'model.ts' || (first === 'model' && nested) ? 'model'
    : first === 'store.ts' || (first === 'store' && nested) ? 'store'
    : first === 'service.ts' || (first === 'service' && nested) ? 'service'
    : (first === 'routes.ts' && !nested) || (first === 'routes' && nested) ? 'routes'
    : first === 'pages' && nested ? 'pages'
    : 'area-other';
  return place(part, top);
}

function packageName(spec: string): string {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function resolveTarget(from: Place, spec: string, typeOnly: boolean): Target {
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from.path), spec));
    return { kind: 'file', place: classify(joined), typeOnly };
  }
  // Subpaths are kept (`pg-boss`, `kysely/helpers/postgres`); rules match a package and its subpaths.
  return { kind: 'package', name: spec, typeOnly };
}

// ---------------------------------------------------------------------------------------------
// Exceptions

const globCache = new Map<string, RegExp>();
function glob(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern
      .split(/(\*\*\/?|\*)/)
      .map((piece) =>
        piece === '**/' ? '(?:.*/)?' : piece === '**' ? '.*' : piece === '*' ? '[^/]*' : piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    re = new RegExp(`^${body}$`);
    globCache.set(pattern, re);
  }
  return re;
}

function targetName(t: Target): string {
  return t.kind === 'file' ? t.place.path : t.name;
}

function excepted(exceptions: readonly Exception[], file: Place, target: Target): Exception | undefined {
  return exceptions.find(
    (e) =>
      glob(e.from).test(file.path) &&
      (e.to === undefined || glob(e.to).test(targetName(target)) || (target.kind === 'package' && glob(e.to).test(packageName(target.name)))),
  );
}

for (const rule of LAYER_RULES) {
  for (const e of rule.exceptions) {
    if (!e.reason.trim()) throw new Error(`lint/architecture.ts: an exception to ${rule.id} for ${e.from} has no reason`);
  }
}
for (const e of [...TABLE_EXCEPTIONS, ...GENERIC_TABLE_HELPERS]) {
  if (!e.reason.trim()) throw new Error(`lint/table-owners.ts: an exception has no reason: ${JSON.stringify(e)}`);
}

// ---------------------------------------------------------------------------------------------
// caseweight/layers

function placeOf(context: Rule.RuleContext): Place {
  return classify(path.relative(context.cwd, context.filename));
}

interface SourceNode {
  type: string;
  source?: { type: string; value?: unknown } | null;
  importKind?: string;
  exportKind?: string;
  specifiers?: { importKind?: string; exportKind?: string }[];
  argument?: { type: string; value?: unknown; literal?: { type: string; value?: unknown } };
}

function importOf(raw: Rule.Node): { spec: string; typeOnly: boolean } | undefined {
  const node = raw as unknown as SourceNode;
  if (node.type === 'TSImportType') {
    // `import('x').T` in a type position (typescript-eslint's AST).
    const arg = node.argument;
    const lit = arg?.type === 'TSLiteralType' ? arg.literal : arg;
    return typeof lit?.value === 'string' ? { spec: lit.value, typeOnly: true } : undefined;
  }
  const src = node.source;
  if (!src || src.type !== 'Literal' || typeof src.value !== 'string') return undefined;
  const specs = node.specifiers ?? [];
  const typeOnly =
    node.importKind === 'type' ||
    node.exportKind === 'type' ||
    (specs.length > 0 && specs.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
  return { spec: src.value, typeOnly: node.type !== 'ImportExpression' && typeOnly };
}

const layers: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports follow the layout rules in lint/architecture.ts' },
    schema: [],
  },
  create(context) {
    const file = placeOf(context);
    if (!file.path.startsWith('src/')) return {};
    const rules = LAYER_RULES.filter((r) => r.from(file) && (!file.test || r.tests));
    if (rules.length === 0) return {};
    const check = (node: Rule.Node) => {
      const imp = importOf(node);
      if (!imp) return;
      const target = resolveTarget(file, imp.spec, imp.typeOnly);
      for (const rule of rules) {
        if (!rule.forbidden(target, file) || excepted(rule.exceptions, file, target)) continue;
        context.report({ node, message: `[${rule.id}] ${rule.message} (imports '${imp.spec}')` });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
      TSImportType: check,
    } as Rule.RuleListener;
  },
};

// ---------------------------------------------------------------------------------------------
// caseweight/area-parts

const areaParts: Rule.RuleModule = {
  meta: { type: 'problem', docs: { description: AREA_LAYOUT.message }, schema: [] },
  create(context) {
    const file = placeOf(context);
    if (file.part !== 'area-other' || file.test) return {};
    if (AREA_LAYOUT.exceptions.some((e) => glob(e.from).test(file.path))) return {};
    return {
      Program(node) {
        context.report({ node, loc: { line: 1, column: 0 }, message: `[${AREA_LAYOUT.id}] ${AREA_LAYOUT.message}` });
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// caseweight/store-tables

const OWNER = new Map<string, string>();
for (const [area, tables] of Object.entries(TABLE_OWNERS)) for (const t of tables) OWNER.set(t, area);

const BUILDER_METHODS: Readonly<Record<string, TableMode>> = {
  selectFrom: 'read',
  innerJoin: 'read',
  leftJoin: 'read',
  rightJoin: 'read',
  fullJoin: 'read',
  crossJoin: 'read',
  innerJoinLateral: 'read',
  leftJoinLateral: 'read',
  crossJoinLateral: 'read',
  insertInto: 'write',
  replaceInto: 'write',
  updateTable: 'write',
  deleteFrom: 'write',
  mergeInto: 'write',
  using: 'read',
};

/** `'practitioners as p'` → `practitioners`; `'public.users'` → `users`; `'cte(a, b)'` → `cte`. */
function tableName(text: string): string {
  const name = text.trim().split(/\s+as\s+|\s+|\(/i)[0]!.replace(/"/g, '');
  return name.startsWith('public.') ? name.slice('public.'.length) : name;
}

interface AnyNode {
  type: string;
  [key: string]: unknown;
}

function literalStrings(node: AnyNode | undefined, context: Rule.RuleContext): string[] | 'dynamic' | 'skip' {
  if (!node) return 'skip';
  if (node.type === 'Literal') return typeof node.value === 'string' ? [node.value] : 'skip';
  if (node.type === 'TemplateLiteral') {
    const quasis = node.quasis as { value: { cooked: string } }[];
    return (node.expressions as unknown[]).length === 0 ? [quasis[0]!.value.cooked] : 'dynamic';
  }
  if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression') return literalStrings(node.expression as AnyNode, context);
  if (node.type === 'ArrayExpression') {
    const out: string[] = [];
    for (const el of node.elements as AnyNode[]) {
      const r = literalStrings(el, context);
      if (r === 'dynamic') return 'dynamic';
      if (r !== 'skip') out.push(...r);
    }
    return out;
  }
  if (node.type === 'Identifier') {
    // A `const t = 'x'` in scope is as good as the literal.
    let scope: ReturnType<typeof context.sourceCode.getScope> | null = context.sourceCode.getScope(node as unknown as Rule.Node);
    while (scope) {
      const v = scope.set.get(node.name as string);
      if (v) {
        const def = v.defs[0];
        const decl = def?.node as AnyNode | undefined;
        const parent = def?.parent as AnyNode | undefined | null;
        if (decl?.type === 'VariableDeclarator' && parent?.type === 'VariableDeclaration' && parent.kind === 'const') {
          const r = literalStrings(decl.init as AnyNode | undefined, context);
          return r === 'skip' ? 'dynamic' : r;
        }
        return 'dynamic';
      }
      scope = scope.upper;
    }
    return 'dynamic';
  }
  // A callback or sub-query (`selectFrom((eb) => …)`, `innerJoin(eb.selectFrom(…).as('x'), …)`):
  // its own calls are checked where they appear.
  return 'skip';
}

const SQL_TABLE = /\b(delete\s+from|insert\s+into|update|truncate(?:\s+table)?|from|join)\s+(?:only\s+)?("?[A-Za-z_][A-Za-z0-9_]*"?(?:\."?[A-Za-z_][A-Za-z0-9_]*"?)?)/gi;

function storeOwner(file: Place): string | undefined {
  if (file.test) return undefined;
  if (file.part === 'store') return file.area;
  if (file.part === 'platform') return 'platform';
  return undefined;
}

const storeTables: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'a store touches only its own area\'s tables (lint/table-owners.ts)' },
    schema: [],
  },
  create(context) {
    const file = placeOf(context);
    const owner = storeOwner(file);
    if (!owner) return {};
    const generic = GENERIC_TABLE_HELPERS.some((g) => glob(g.from).test(file.path));
    const ctes = new Set<string>();
    const seen: { node: Rule.Node; table: string; mode: TableMode; raw: boolean }[] = [];
    const dynamic: { node: Rule.Node; what: string }[] = [];

    const note = (node: Rule.Node, arg: AnyNode | undefined, mode: TableMode, what: string) => {
      const names = literalStrings(arg, context);
      if (names === 'skip') return;
      if (names === 'dynamic') dynamic.push({ node, what });
      else for (const n of names) seen.push({ node, table: tableName(n), mode, raw: false });
    };

    return {
      CallExpression(node) {
        const callee = node.callee as unknown as AnyNode;
        const args = node.arguments as unknown as AnyNode[];
        const name =
          callee.type === 'MemberExpression' && (callee.property as AnyNode).type === 'Identifier'
            ? ((callee.property as AnyNode).name as string)
            : callee.type === 'Identifier'
              ? (callee.name as string)
              : undefined;
        if (!name) return;
        if (callee.type === 'MemberExpression' && (name === 'with' || name === 'withRecursive' || name === 'withMaterialized')) {
          const r = literalStrings(args[0], context);
          if (Array.isArray(r)) for (const n of r) ctes.add(tableName(n));
          return;
        }
        if (callee.type === 'MemberExpression' && name === 'table' && (callee.object as AnyNode).type === 'Identifier' && (callee.object as AnyNode).name === 'sql') {
          // sql.table(x): reads or writes, depending on the statement around it: count it as a write.
          note(node, args[0], 'write', 'sql.table(…)');
          return;
        }
        if (callee.type === 'MemberExpression' && Object.hasOwn(BUILDER_METHODS, name)) {
          note(node, args[0], BUILDER_METHODS[name]!, `.${name}(…)`);
          return;
        }
        if (Object.hasOwn(TABLE_ARGUMENT_FUNCTIONS, name)) {
          const helper = TABLE_ARGUMENT_FUNCTIONS[name]!;
          note(node, args[helper.index], helper.mode, `${name}(…)`);
        }
      },
      TaggedTemplateExpression(node) {
        if (node.tag.type !== 'Identifier' || node.tag.name !== 'sql') return;
        const text = node.quasi.quasis.map((q) => q.value.cooked ?? q.value.raw).join(' ? ');
        for (const m of text.matchAll(SQL_TABLE)) {
          const verb = m[1]!.toLowerCase();
          const mode: TableMode = verb === 'from' || verb === 'join' ? 'read' : 'write';
          seen.push({ node, table: tableName(m[2]!), mode, raw: true });
        }
      },
      'Program:exit'() {
        for (const d of generic ? [] : dynamic) {
          context.report({
            node: d.node,
            message: `[store-tables] ${d.what} names a table the check cannot see: use a string literal (or a const) so lint/table-owners.ts can check it`,
          });
        }
        for (const s of seen) {
          if (ctes.has(s.table)) continue;
          const tableOwner = OWNER.get(s.table);
          if (tableOwner === undefined) {
            // Raw SQL also says `from unnest(…)`, `from generate_series(…)`, `extract(… from …)`.
            if (!s.raw) {
              context.report({ node: s.node, message: `[store-tables] table '${s.table}' has no owner in lint/table-owners.ts` });
            }
            continue;
          }
          if (tableOwner === owner) continue;
          const allowed = TABLE_EXCEPTIONS.some(
            (e) => e.area === owner && e.table === s.table && (e.mode === 'write' || s.mode === 'read'),
          );
          if (allowed) continue;
          const how = s.mode === 'read' ? `read it through ${tableOwner}'s store read functions` : `write it through ${tableOwner}'s service`;
          context.report({
            node: s.node,
            message: `[store-tables] ${file.path} (${owner}) ${s.mode === 'read' ? 'reads' : 'writes'} '${s.table}', owned by ${tableOwner}: ${how}`,
          });
        }
      },
    };
  },
};

// ---------------------------------------------------------------------------------------------
// caseweight/table-owners-complete

const CREATE_TABLE = /\bcreate\s+(?:unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?("?[A-Za-z_][A-Za-z0-9_.]*"?)/gi;

export function createdTables(sqlText: string): string[] {
  return [...sqlText.matchAll(CREATE_TABLE)].map((m) => tableName(m[1]!));
}

const tableOwnersComplete: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'every table the migrations create has an owner in lint/table-owners.ts, and no other' },
    schema: [{ type: 'object', properties: { migrationsDir: { type: 'string' } }, additionalProperties: false }],
  },
  create(context) {
    const options = (context.options[0] ?? {}) as { migrationsDir?: string };
    const dir = path.resolve(path.dirname(context.filename), options.migrationsDir ?? 'migrations');
    return {
      Program(node) {
        let files: string[];
        try {
          files = readdirSync(dir).filter((f) => f.endsWith('.sql'));
        } catch {
          context.report({ node, loc: { line: 1, column: 0 }, message: `[table-owners-complete] no migrations folder at ${dir}` });
          return;
        }
        const created = new Set(createdTables(context.sourceCode.text));
        for (const f of files) for (const t of createdTables(readFileSync(path.join(dir, f), 'utf8'))) created.add(t);
        for (const t of created) {
          if (!OWNER.has(t)) {
            context.report({ node, loc: { line: 1, column: 0 }, message: `[table-owners-complete] table '${t}' (created by a migration) has no owner in lint/table-owners.ts` });
          }
        }
        for (const t of OWNER.keys()) {
          if (!created.has(t)) {
            context.report({ node, loc: { line: 1, column: 0 }, message: `[table-owners-complete] lint/table-owners.ts lists '${t}', which no migration creates` });
          }
        }
      },
    };
  },
};

/**
 * ESLint's --cache keys results on the config, which names plugins by `name@version`: the
 * version is a hash of this folder's policy and the migrations, so editing lint/*.ts or adding a
 * migration re-lints everything rather than reusing stale results.
 */
function policyVersion(): string {
  const hash = createHash('sha256');
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const f of readdirSync(here).filter((n) => n.endsWith('.ts')).sort()) hash.update(f).update(readFileSync(path.join(here, f)));
  const migrations = path.join(here, '..', 'src', 'platform', 'migrations');
  try {
    for (const f of readdirSync(migrations).sort()) hash.update(f).update(readFileSync(path.join(migrations, f)));
  } catch {
    // No migrations folder (yet): table-owners-complete says so.
  }
  return '0.0.0-' + hash.digest('hex').slice(0, 16);
}

export const caseweight: ESLint.Plugin = {
  meta: { name: 'caseweight', version: policyVersion() },
  rules: {
    layers,
    'area-parts': areaParts,
    'store-tables': storeTables,
    'table-owners-complete': tableOwnersComplete,
  },
};
