import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { repoRoot } from '../support/data.js';

const bin = resolve(repoRoot, 'bin/localsynth.mjs');

/** The real executable, in a child process (slow: one start of tsx and the engine). */
function spawned(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'privacy-budget', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOCALSYNTH_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterEach(() => vi.restoreAllMocks());

/** The same `main` in this process, its stdout and stderr captured. */
async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}
const cli = (...args: string[]) => run('privacy-budget', ...args);

const forward = ['--noise-multiplier', '1.5', '--sample-rate', '0.04', '--steps', '2250', '--delta', '1e-5'];
const inverse = ['--epsilon', '8', '--delta', '1e-5', '--sample-rate', '0.04', '--epochs', '90'];

describe('localsynth privacy-budget', () => {
  it('σ → ε: prints the reference ε 7.329111 and the best order 3.9', async () => {
    const r = await cli(...forward);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ε = 7\.329111 at δ = 0\.00001 \(best RDP order α = 3\.9\)/);
  });

  it('--json (from the executable) prints one object with exactly the six fields', () => {
    const r = spawned(...forward, '--json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as Record<string, number>;
    expect(Object.keys(o).sort()).toEqual(['delta', 'epsilon', 'noiseMultiplier', 'order', 'sampleRate', 'steps']);
    expect(Math.abs(o['epsilon']! - 7.32911117143)).toBeLessThan(1e-6);
    expect(o).toMatchObject({ delta: 1e-5, noiseMultiplier: 1.5, sampleRate: 0.04, steps: 2250, order: 3.9 });
  });

  it('ε → σ over epochs: σ ≈ 1.416, 2 250 steps, and the ε that σ spends is within 0.01 below the target', async () => {
    const r = await cli(...inverse, '--json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as Record<string, number>;
    expect(Math.abs(o['noiseMultiplier']! - 1.416)).toBeLessThan(5e-5);
    expect(o['steps']).toBe(2250);
    expect(o['epsilon']).toBeLessThanOrEqual(8);
    expect(o['epsilon']).toBeGreaterThan(7.99);
    const text = await cli(...inverse);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^noise multiplier 1\.416\d* keeps 2250 steps at sampling rate 0\.04 within ε 8/);
  });

  it('bad or missing flags exit 2 with a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [['--sample-rate', '0.04', '--steps', '10', '--delta', '1e-5'], /exactly one of --noise-multiplier/],
      [[...forward, '--epsilon', '8'], /exactly one of --noise-multiplier/],
      [['--noise-multiplier', '1', '--steps', '10', '--delta', '1e-5'], /needs --sample-rate/],
      [['--noise-multiplier', '1', '--sample-rate', '0.1', '--steps', '10'], /needs --delta/],
      [['--noise-multiplier', '1', '--sample-rate', '0.1', '--delta', '1e-5'], /exactly one of --steps/],
      [[...forward, '--epochs', '3'], /exactly one of --steps/],
      [
        ['--noise-multiplier', 'abc', '--sample-rate', '0.1', '--steps', '10', '--delta', '1e-5'],
        /--noise-multiplier must be a number > 0, got "abc"/,
      ],
      [
        ['--noise-multiplier', '1', '--sample-rate', '1.5', '--steps', '10', '--delta', '1e-5'],
        /--sample-rate must be in \(0, 1\]/,
      ],
      [
        ['--noise-multiplier', '1', '--sample-rate', '0.1', '--steps', '2.5', '--delta', '1e-5'],
        /--steps must be a whole number/,
      ],
      [
        ['--noise-multiplier', '1', '--sample-rate', '0.1', '--steps', '10', '--delta', '1'],
        /--delta must be in \(0, 1\)/,
      ],
      [
        ['--noise-multiplier', '1', '--sample-rate', '0.1', '--epochs', '0.05', '--delta', '1e-5'],
        /less than one step/,
      ],
      [
        ['--epsilon', '1e-9', '--sample-rate', '1', '--steps', '1000000', '--delta', '1e-5'],
        /no noise multiplier reaches/,
      ],
      [['--sigma', '1'], /Unknown option '--sigma'/],
      [[...forward, 'extra'], /no positional arguments/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('--help prints the usage; the main help lists the command', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--noise-multiplier <σ>/);
    expect((await run('--help')).stdout).toMatch(/localsynth privacy-budget/);
  });
});
