// Runs ESLint on TypeScript sources, and a text check that no .svelte file calls Math.random or imports
// generator/metric/tfjs code (ESLint here does not parse .svelte files).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

try {
  execFileSync('npx', ['eslint', '--max-warnings=0', 'src', 'workers', 'build', 'test', 'bench', 'scripts'], { stdio: 'inherit' });
} catch {
  process.exit(1);
}
const bad = [];
function walk(dir) {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.svelte')) {
      const s = readFileSync(p, 'utf8');
      if (/Math\.random/.test(s)) bad.push(`${p}: Math.random is banned (use the seeded Rng in a worker)`);
      if (/from\s+['"][^'"]*(\/generators\/|\/metrics\/|\/ml\/|\/engine\/|@tensorflow)/.test(s)) bad.push(`${p}: the UI must not import generator, metric, engine or tfjs code`);
    }
  }
}
walk('src/app');
if (bad.length) {
  console.error(bad.join('\n'));
  process.exit(1);
}
