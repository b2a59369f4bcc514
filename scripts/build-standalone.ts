// npm run build:standalone → dist-standalone/index.html: the whole app in one file (see build/standalone.ts).
import { statSync } from 'node:fs';
import { buildStandalone } from '../build/standalone.js';

const out = await buildStandalone(process.argv[2]);
console.log(`${out} (${(statSync(out).size / 1024 / 1024).toFixed(1)} MiB): open it from disk, no server needed.`);
