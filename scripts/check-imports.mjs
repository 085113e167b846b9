#!/usr/bin/env node
// `node scripts/check-imports.mjs`: Harbor's import rules, checked over the TypeScript sources.
//
//   a. Direction: @harbor/policy imports nothing from server or web; web imports nothing from
//      server; server imports nothing from web (by package name or by a relative path that crosses
//      package folders). Type-only imports count too.
//   b. Capability boundaries in the server: a file in packages/server/src/<A>/ may import from
//      another folder packages/server/src/<B>/ only <B>/index.ts, unless <B> is shared
//      infrastructure (INFRASTRUCTURE below). Composers (COMPOSERS below) may also import a
//      capability's routes.ts and service.ts. Test files may import every file of TEST_SUPPORT.
//   d. The data layer (issue 11): the raw database handle (packages/server/src/db/client.ts) is
//      imported only by the data layer (data/), the database folder itself, the composers, the
//      audit chain's own tools and tests. Services reach the database through a repository bound
//      to their caller (data/ `forUser`, `forSystem`). Type-only imports count too. Likewise
//      `dataLayer` (data/index.ts), which wraps the raw database in a data layer: a module that may
//      not hold the handle may not make a data layer of one either (a stand-in over a handle it
//      was given); it is given the repository it works through. Nor may it open a connection of
//      its own: the database drivers (pg, PGlite, drizzle's drivers) are imported where the handle
//      may be.
//   c. No import cycles among value imports (type-only imports are left out): Tarjan's strongly
//      connected components; every component of more than one file, or a file importing itself,
//      is reported with the imports that form it.
//
// Prints every violation as file:line and exits 1, or prints one OK line and exits 0.
// Plain Node ESM, Node built-ins only. Imports are found with regular expressions after comments
// are blanked out, which is enough for the way this codebase writes them.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------
// Rules (edit here)

/** Server folders (and top-level files) of packages/server/src that every file may import every file of. */
const INFRASTRUCTURE = new Set(['db', 'http', 'config.ts']);

/**
 * Composers wire capabilities together and may import a capability's routes.ts, service.ts and
 * index.ts: top-level files of packages/server/src, and every file of a folder of it. `bench` is
 * packages/server/bench (outside src), which is held to the same rule.
 */
const COMPOSER_FILES = new Set(['app.ts', 'server.ts', 'runtime.ts']);
const COMPOSER_DIRS = new Set(['cli', 'seed', 'test', 'bench']);
/** What a composer may import from a capability folder (directly in that folder). */
const COMPOSER_MAY_IMPORT = new Set(['routes.ts', 'service.ts', 'index.ts']);

/** The raw database handle, and who may import it (rule d). */
const RAW_DB = 'db/client.ts';
const RAW_DB_IMPORTERS = [
  /^data\//,
  /^db\//,
  /^(app|runtime)\.ts$/,
  /^(cli|seed|test|bench)\//,
  // The audit chain's own writer, verifier and checkpoints, and the key tools: they work on the
  // whole table as the system, below every caller's scope.
  /^audit\/(writer|verify|checkpoint)\.ts$/,
  /^crypto\/(data-key|sealed-sql)\.ts$/,
  /^keys\/rotate\.ts$/,
];
/** The data layer's constructor over the raw database (rule d): imported only where the handle may be, and by server.ts, which opens the database. */
const DATA_LAYER_MAKERS = { files: ['data/index.ts', 'data/unit.ts'], names: ['dataLayer'], importers: [...RAW_DB_IMPORTERS, /^server\.ts$/] };
/** The database drivers (a connection of one's own is a raw handle too): imported only by RAW_DB_IMPORTERS and tests. */
const DB_DRIVERS = /^(pg|pg-[\w-]+|postgres|@electric-sql\/pglite|drizzle-orm\/(pglite|node-postgres|postgres-js|pg-proxy))(\/.*)?$/;
/** Test-support folder of packages/server/src whose every file test files (*.test.ts) may import. */
const TEST_SUPPORT = 'test';

/** Which packages each package may not import from (by name or by path). */
const FORBIDDEN = {
  policy: ['server', 'web'],
  web: ['server'],
  server: ['web'],
};

/** Folders walked, relative to the repository root (missing ones are skipped). */
const ROOTS = ['packages/*/src', 'packages/web/test', 'packages/server/bench'];

/** Whether dynamic `import('...')` (a value import) takes part in the cycle check. */
const DYNAMIC_IMPORTS_IN_CYCLES = true;

// ---------------------------------------------------------------------------------------------
// Files

// HARBOR_CHECK_ROOT: check another tree laid out like this one (the rule's own test builds one).
const ROOT = process.env.HARBOR_CHECK_ROOT ? path.resolve(process.env.HARBOR_CHECK_ROOT) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGES_DIR = path.join(ROOT, 'packages');
const SERVER_SRC = path.join(PACKAGES_DIR, 'server', 'src');
const SERVER_DIR = path.join(PACKAGES_DIR, 'server');

const rel = (file) => path.relative(ROOT, file).split(path.sep).join('/');

function expandRoots() {
  const dirs = [];
  for (const root of ROOTS) {
    if (root.includes('*')) {
      const [before, after] = root.split('*');
      const parent = path.join(ROOT, before);
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true })) {
        if (entry.isDirectory()) dirs.push(path.join(parent, entry.name, after));
      }
    } else {
      dirs.push(path.join(ROOT, root));
    }
  }
  return [...new Set(dirs)].filter((d) => existsSync(d) && statSync(d).isDirectory());
}

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Workspace packages (@harbor/*), from their package.json `exports`

/** name -> { short, dir, exports } */
const workspaces = new Map();
for (const entry of existsSync(PACKAGES_DIR) ? readdirSync(PACKAGES_DIR, { withFileTypes: true }) : []) {
  const manifest = path.join(PACKAGES_DIR, entry.name, 'package.json');
  if (!entry.isDirectory() || !existsSync(manifest)) continue;
  try {
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    if (typeof pkg.name === 'string') {
      workspaces.set(pkg.name, { short: entry.name, dir: path.join(PACKAGES_DIR, entry.name), pkg });
    }
  } catch {
    // A manifest being rewritten: treat the package as unknown.
  }
}

function exportTarget(value) {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    for (const key of ['types', 'import', 'default']) {
      const t = exportTarget(value[key]);
      if (t) return t;
    }
  }
  return null;
}

/** `@harbor/x[/sub]` -> { short, file|null } or null when not a workspace package. */
function resolveWorkspace(spec) {
  const m = /^(@harbor\/[^/]+)(?:\/(.+))?$/.exec(spec);
  if (!m) return null;
  const ws = workspaces.get(m[1]);
  const short = ws ? ws.short : m[1].slice('@harbor/'.length);
  if (!ws) return { short, file: null };
  const sub = m[2] ? `./${m[2]}` : '.';
  const { exports: exp, main, types } = ws.pkg;
  let target = null;
  if (exp && typeof exp === 'object' && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.'))) {
    target = exportTarget(exp[sub]);
  } else if (sub === '.') {
    target = exportTarget(exp) ?? types ?? main ?? null;
  }
  if (!target && sub === '.') target = types ?? main ?? null;
  const file = target ? resolveFile(path.resolve(ws.dir, target)) : null;
  return { short, file };
}

// ---------------------------------------------------------------------------------------------
// Resolution of relative specifiers

function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** `./x.js` -> x.ts | x.tsx | x/index.ts(x); `./x` -> the same; `./x.ts` -> itself. */
function resolveFile(abs) {
  const candidates = [];
  const ext = path.extname(abs);
  if (['.ts', '.tsx', '.mts', '.cts'].includes(ext)) candidates.push(abs);
  const swaps = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
  if (swaps[ext]) {
    const base = abs.slice(0, -ext.length);
    for (const e of swaps[ext]) candidates.push(base + e);
    candidates.push(path.join(base, 'index.ts'), path.join(base, 'index.tsx'));
    candidates.push(abs);
  }
  candidates.push(abs + '.ts', abs + '.tsx', path.join(abs, 'index.ts'), path.join(abs, 'index.tsx'));
  for (const c of candidates) if (isFile(c)) return c;
  return null;
}

/** Specifiers of files that are not modules of ours (styles, images, data). */
const ASSET = /\.(css|scss|sass|less|svg|png|jpe?g|gif|webp|avif|ico|woff2?|ttf|otf|json|txt|md|html|sql|wasm)$/i;

// ---------------------------------------------------------------------------------------------
// Extraction

/** Blank out comments (keeping line breaks and string contents). */
function stripComments(src) {
  let out = '';
  let i = 0;
  const n = src.length;
  let quote = null; // ' " `
  while (i < n) {
    const c = src[i];
    const d = src[i + 1];
    if (quote) {
      out += c;
      if (c === '\\' && i + 1 < n) {
        out += d;
        i += 2;
        continue;
      }
      if (c === quote || (c === '\n' && quote !== '`')) quote = null;
      i += 1;
      continue;
    }
    if (c === '/' && d === '/') {
      while (i < n && src[i] !== '\n') {
        out += ' ';
        i += 1;
      }
      continue;
    }
    if (c === '/' && d === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    out += c;
    i += 1;
  }
  return out;
}

// `import ... from 'x'` / `export ... from 'x'` (clause may span lines; no `import`/`export`
// keyword, quote, `;`, `=` or `(` inside it).
const FROM_RE =
  /(?<=^|[;\n}{])[ \t]*(import|export)\b((?:(?!\b(?:import|export)\b)[\w$\s{},*])*?)\bfrom\s*(['"])([^'"\n]+)\3/g;
// `import 'x'` (side effect only).
const BARE_RE = /(?<=^|[;\n}{])[ \t]*import\s*(['"])([^'"\n]+)\1/g;
// `import('x')`, with what stands before and after it.
const DYNAMIC_RE = /(\btypeof\s+)?\bimport\s*\(\s*(['"`])([^'"`\n]+)\2\s*\)(\s*\.\s*[\w$]+)?/g;

function isTypeOnlyClause(clause) {
  const c = clause.trim();
  if (/^type\s+[\w${*]/.test(c) || /^type\s*\{/.test(c)) return true; // import type / export type
  // `import { type A, type B } from` (every name inline-typed) is meant as a type-only import.
  const m = /^\{([^}]*)\}$/.exec(c);
  if (m) {
    const names = m[1].split(',').map((s) => s.trim()).filter(Boolean);
    return names.length > 0 && names.every((s) => /^type\s+[\w$]/.test(s));
  }
  return false;
}

/** The names an import clause takes from its module (`{ a, type b, c as d }` -> a, b, c; `* as x` -> *). */
function importedNames(clause) {
  const names = [];
  const braces = /\{([^}]*)\}/.exec(clause);
  if (braces) {
    for (const part of braces[1].split(',')) {
      const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0].trim();
      if (name) names.push(name);
    }
  }
  if (/\*/.test(clause)) names.push('*');
  return names;
}

/** [{ spec, line, typeOnly, dynamic, names }] */
function extractImports(src) {
  const text = stripComments(src);
  const found = [];
  // Find line numbers in one pass over sorted offsets.
  const hits = [];
  for (const m of text.matchAll(FROM_RE)) {
    const offset = m.index + m[0].indexOf(m[1]);
    hits.push({ offset, spec: m[4], typeOnly: isTypeOnlyClause(m[2]), dynamic: false, names: importedNames(m[2]) });
  }
  for (const m of text.matchAll(BARE_RE)) {
    hits.push({ offset: m.index + m[0].indexOf('import'), spec: m[2], typeOnly: false, dynamic: false });
  }
  for (const m of text.matchAll(DYNAMIC_RE)) {
    const member = m[4] ? m[4].replace(/[\s.]/g, '') : null;
    // `typeof import('x')` and `import('x').SomeType` are types; `.then/.catch/.finally` are values.
    const typeOnly = Boolean(m[1]) || (member !== null && !['then', 'catch', 'finally'].includes(member));
    hits.push({ offset: m.index + m[0].indexOf('import'), spec: m[3], typeOnly, dynamic: true });
  }
  hits.sort((a, b) => a.offset - b.offset);
  let line = 1;
  let pos = 0;
  for (const h of hits) {
    for (; pos < h.offset; pos += 1) if (text.charCodeAt(pos) === 10) line += 1;
    found.push({ spec: h.spec, line, typeOnly: h.typeOnly, dynamic: h.dynamic, names: h.names ?? [] });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Classification

/** 'policy' | 'server' | 'web' | ... for a path under packages/, else null. */
function packageOf(abs) {
  const r = path.relative(PACKAGES_DIR, abs);
  if (r.startsWith('..') || path.isAbsolute(r)) return null;
  return r.split(path.sep)[0] ?? null;
}

/**
 * Where a server file sits: { kind: 'top', name } for packages/server/src/<name>,
 * { kind: 'dir', dir, rest } for packages/server/src/<dir>/<rest>, { kind: 'bench' } for
 * packages/server/bench, or null.
 */
function serverPlace(abs) {
  const r = path.relative(SERVER_SRC, abs);
  if (!r.startsWith('..') && !path.isAbsolute(r)) {
    const parts = r.split(path.sep);
    if (parts.length === 1) return { kind: 'top', name: parts[0] };
    return { kind: 'dir', dir: parts[0], rest: parts.slice(1).join('/') };
  }
  const b = path.relative(SERVER_DIR, abs).split(path.sep);
  if (b[0] === 'bench') return { kind: 'dir', dir: 'bench', rest: b.slice(1).join('/') };
  return null;
}

const isTestFile = (abs) => /\.test\.(ts|tsx|mts|cts)$/.test(abs);

function isComposer(place) {
  return (place.kind === 'top' && COMPOSER_FILES.has(place.name)) || (place.kind === 'dir' && COMPOSER_DIRS.has(place.dir));
}

/** Why importing `to` from `from` breaks the capability rule, or null. Both are server files. */
function boundaryProblem(from, to) {
  const a = serverPlace(from);
  const b = serverPlace(to);
  if (!a || !b) return null;
  if (b.kind === 'top') return null; // top-level files (config.ts, app.ts, ...) are not capabilities
  if (INFRASTRUCTURE.has(b.dir)) return null;
  if (a.kind === 'dir' && a.dir === b.dir) return null;
  // Tests and benchmarks drive the real app through the test support (harness, factories).
  if (b.dir === TEST_SUPPORT && (isTestFile(from) || (a.kind === 'dir' && a.dir === 'bench'))) return null;
  if (b.rest === 'index.ts') return null;
  if (isComposer(a) && COMPOSER_MAY_IMPORT.has(b.rest)) return null;
  const who = a.kind === 'top' ? `top-level ${a.name}` : `${a.dir}/`;
  const allowed = isComposer(a) ? [...COMPOSER_MAY_IMPORT].map((f) => `${b.dir}/${f}`).join(', ') : `${b.dir}/index.ts`;
  return `${who} imports ${b.dir}/${b.rest}; from ${b.dir}/ it may import only ${allowed}`;
}

// ---------------------------------------------------------------------------------------------
// Main

const started = process.hrtime.bigint();
const files = expandRoots().flatMap((d) => walk(d, [])).sort();
const fileSet = new Set(files);

const violations = []; // { file, line, rule, message }
const warnings = [];
/** file -> [{ to, line }] value edges */
const graph = new Map(files.map((f) => [f, []]));
let importCount = 0;

for (const file of files) {
  let src;
  try {
    src = readFileSync(file, 'utf8');
  } catch {
    continue; // deleted while we were walking
  }
  const fromPkg = packageOf(file);
  for (const imp of extractImports(src)) {
    importCount += 1;
    const spec = imp.spec.replace(/[?#].*$/, '');
    let target = null;
    let targetPkg = null;
    if (spec.startsWith('.') || spec.startsWith('/')) {
      if (ASSET.test(spec)) continue;
      const abs = path.resolve(path.dirname(file), spec);
      target = resolveFile(abs);
      targetPkg = packageOf(target ?? abs);
      if (!target && !(targetPkg && targetPkg !== fromPkg)) {
        warnings.push(`${rel(file)}:${imp.line}: cannot resolve '${imp.spec}'`);
      }
    } else {
      if (fromPkg === 'server' && !isTestFile(file) && DB_DRIVERS.test(spec)) {
        const place = serverPlace(file);
        const inside = place ? (place.kind === 'top' ? place.name : `${place.dir}/${place.rest}`) : '';
        if (!RAW_DB_IMPORTERS.some((re) => re.test(inside))) {
          violations.push({ file, line: imp.line, rule: 'data', message: `imports the database driver '${imp.spec}'; reach the database through a repository (data/index.ts: forUser, forSystem)` });
        }
      }
      const ws = resolveWorkspace(spec);
      if (!ws) continue; // a dependency from node_modules or a built-in
      targetPkg = ws.short;
      target = ws.file;
      if (!target && workspaces.has(spec.split('/').slice(0, 2).join('/')) && fromPkg !== targetPkg) {
        const forbiddenAnyway = (FORBIDDEN[fromPkg] ?? []).includes(targetPkg);
        if (!forbiddenAnyway) {
          violations.push({ file, line: imp.line, rule: 'exports', message: `'${imp.spec}' is not an export of ${spec.split('/').slice(0, 2).join('/')}` });
        }
      }
    }

    // a. Direction
    if (fromPkg && targetPkg && fromPkg !== targetPkg && (FORBIDDEN[fromPkg] ?? []).includes(targetPkg)) {
      violations.push({
        file,
        line: imp.line,
        rule: 'direction',
        message: `${fromPkg} may not import from ${targetPkg}: '${imp.spec}'${imp.typeOnly ? ' (type-only)' : ''}`,
      });
      continue;
    }

    if (!target) continue;

    // b. Capability boundaries in the server
    if (fromPkg === 'server' && targetPkg === 'server') {
      const problem = boundaryProblem(file, target);
      if (problem) violations.push({ file, line: imp.line, rule: 'boundary', message: problem });
    }

    // d. The raw database handle stays in the data layer.
    if (fromPkg === 'server' && targetPkg === 'server' && !isTestFile(file) && rel(target) === `packages/server/src/${RAW_DB}`) {
      const place = serverPlace(file);
      const inside = place ? (place.kind === 'top' ? place.name : `${place.dir}/${place.rest}`) : '';
      if (!RAW_DB_IMPORTERS.some((re) => re.test(inside))) {
        violations.push({ file, line: imp.line, rule: 'data', message: `imports the raw database handle (${RAW_DB}); reach the database through a repository (data/index.ts: forUser, forSystem)` });
      }
    }
    if (fromPkg === 'server' && targetPkg === 'server' && !isTestFile(file) && DATA_LAYER_MAKERS.files.some((f) => rel(target) === `packages/server/src/${f}`)) {
      const place = serverPlace(file);
      const inside = place ? (place.kind === 'top' ? place.name : `${place.dir}/${place.rest}`) : '';
      const made = imp.names.filter((n) => n === '*' || DATA_LAYER_MAKERS.names.includes(n));
      if (made.length > 0 && !inside.startsWith('data/') && !DATA_LAYER_MAKERS.importers.some((re) => re.test(inside))) {
        violations.push({ file, line: imp.line, rule: 'data', message: `imports ${made.join(', ')} from the data layer, which makes a data layer of a raw database handle; take the repository (forUser, forSystem) or the DataLayer you are given` });
      }
    }

    // b'. Web features do not import each other (bulletproof-react): they are composed in src/app/.
    if (fromPkg === 'web' && targetPkg === 'web') {
      const featureOf = (abs) => /packages\/web\/src\/features\/([^/]+)\//.exec(abs.split(path.sep).join('/'))?.[1] ?? null;
      const a = featureOf(file);
      const b = featureOf(target);
      if (a && b && a !== b) {
        violations.push({ file, line: imp.line, rule: 'features', message: `feature ${a} imports feature ${b}; compose features in src/app/ instead` });
      }
    }

    // c. Graph of value imports
    if (!imp.typeOnly && (!imp.dynamic || DYNAMIC_IMPORTS_IN_CYCLES) && fileSet.has(target)) {
      graph.get(file).push({ to: target, line: imp.line });
    }
  }
}

// Tarjan's strongly connected components, iteratively.
function tarjan(nodes, edgesOf) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const sccs = [];
  for (const root of nodes) {
    if (idx.has(root)) continue;
    const work = [{ v: root, i: 0 }];
    idx.set(root, index);
    low.set(root, index);
    index += 1;
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = edgesOf(frame.v);
      if (frame.i < edges.length) {
        const w = edges[frame.i].to;
        frame.i += 1;
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index);
          index += 1;
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.v, Math.min(low.get(frame.v), idx.get(w)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent), low.get(frame.v)));
      }
      if (low.get(frame.v) === idx.get(frame.v)) {
        const scc = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          scc.push(w);
        } while (w !== frame.v);
        sccs.push(scc);
      }
    }
  }
  return sccs;
}

const edgesOf = (v) => graph.get(v) ?? [];
const cycles = tarjan(files, edgesOf).filter((scc) => scc.length > 1 || edgesOf(scc[0]).some((e) => e.to === scc[0]));

// ---------------------------------------------------------------------------------------------
// Report

const byRule = (rule) => violations.filter((v) => v.rule === rule).sort((x, y) => rel(x.file).localeCompare(rel(y.file)) || x.line - y.line);
const sections = [
  ['Direction (policy -> nothing of ours; web -/-> server; server -/-> web)', byRule('direction')],
  ['Server capability boundaries', byRule('boundary')],
  ['Web features importing each other', byRule('features')],
  ['Unknown package exports', byRule('exports')],
  ['Raw database handle outside the data layer', byRule('data')],
];
for (const [title, list] of sections) {
  if (list.length === 0) continue;
  console.log(`\n${title}: ${list.length}`);
  for (const v of list) console.log(`  ${rel(v.file)}:${v.line}: ${v.message}`);
}
if (cycles.length > 0) {
  console.log(`\nImport cycles (value imports): ${cycles.length}`);
  cycles.forEach((scc, n) => {
    const members = new Set(scc);
    const sorted = [...scc].sort();
    console.log(`  cycle ${n + 1} (${scc.length} file${scc.length === 1 ? '' : 's'}):`);
    for (const f of sorted) {
      for (const e of edgesOf(f).filter((e) => members.has(e.to))) {
        console.log(`    ${rel(f)}:${e.line} -> ${rel(e.to)}`);
      }
    }
  });
}
if (warnings.length > 0) {
  console.log(`\nWarnings (not counted): ${warnings.length}`);
  for (const w of warnings.sort()) console.log(`  ${w}`);
}

const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
const total = violations.length + cycles.length;
if (total > 0) {
  console.log(`\ncheck-imports: ${total} violation${total === 1 ? '' : 's'} (${violations.length} import${violations.length === 1 ? '' : 's'}, ${cycles.length} cycle${cycles.length === 1 ? '' : 's'}) in ${files.length} files`);
  process.exit(1);
}
console.log(`check-imports: OK — ${files.length} files, ${importCount} imports, no direction, boundary or cycle violations (${ms} ms)`);
