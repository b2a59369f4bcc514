// `npm run lint`: ESLint on the TypeScript sources, Prettier's check of the formatting, and the text checks that
// ESLint cannot make here: it does not parse .svelte files (no Math.random, no generator/metric/tfjs imports in the
// page, ≤ 400 lines), and its no-cycle rule skips type-only imports, so the import graph of src/ (types and
// components included) is checked for cycles below.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Paths Prettier checks; `npm run format` (this script with --format) writes the same set. */
const FORMATTED = ['src', 'workers', 'build', 'test', 'bench', 'scripts', 'bin', 'eslint.config.js', 'vite.config.ts'];

function run(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: 'inherit' });
    return true;
  } catch {
    return false;
  }
}

function files(dir, out = []) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) files(p, out);
    else out.push(p);
  }
  return out;
}

function svelteChecks(all) {
  const bad = [];
  for (const p of all.filter((f) => f.endsWith('.svelte'))) {
    const s = readFileSync(p, 'utf8');
    if (/Math\.random/.test(s)) bad.push(`${p}: Math.random is banned (use the seeded Rng in a worker)`);
    if (
      p.startsWith('src/app/') &&
      /from\s+['"][^'"]*(\/generators\/|\/metrics\/|\/ml\/|\/engine\/|\/privacy\/|\/timeseries\/|@tensorflow)/.test(s)
    ) {
      bad.push(`${p}: the UI must not import generator, metric, engine or tfjs code`);
    }
    const lines = s.split('\n').length - (s.endsWith('\n') ? 1 : 0);
    if (lines > 400) bad.push(`${p}: ${lines} lines (at most 400 in src/)`);
  }
  return bad;
}

/** Relative imports of a source file, resolved as the bundler does (`./x.js` → `./x.ts`), type-only ones included. */
function importsOf(file) {
  const s = readFileSync(file, 'utf8');
  const out = [];
  const re =
    /(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\s*(?:\(\s*)?['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const m of s.matchAll(re)) {
    const spec = m[1] ?? m[2];
    const base = resolve(dirname(file), spec);
    const candidates = spec.endsWith('.js') ? [base.slice(0, -3) + '.ts', base] : [base, base + '.ts'];
    const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile());
    if (hit) out.push(relative('.', hit));
  }
  return out;
}

/** Strongly connected components of more than one file (Tarjan), each sorted. */
function cycles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const found = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

function cycleChecks(all) {
  const sources = all.filter((f) => f.endsWith('.ts') || f.endsWith('.svelte'));
  const graph = new Map(sources.map((f) => [f, importsOf(f)]));
  return cycles(graph)
    .map((scc) => scc.join(' ⇄ '))
    .map((c) => `import cycle (type-only imports included): ${c}`);
}

if (process.argv.includes('--format'))
  process.exit(run('npx', ['prettier', '--write', '--log-level=warn', ...FORMATTED]) ? 0 : 1);
let ok = run('npx', ['eslint', '--max-warnings=0', 'src', 'workers', 'build', 'test', 'bench', 'scripts']);
ok = run('npx', ['prettier', '--check', '--log-level=warn', ...FORMATTED]) && ok;
const src = files('src');
const bad = [...svelteChecks(src), ...cycleChecks(src)];
if (bad.length) console.error(bad.join('\n'));
if (!ok || bad.length) process.exit(1);
