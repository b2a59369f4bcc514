/**
 * What a bench prints, and the same lines in `bench/results/<bench>.md` with the commit, the machine, the command
 * and the date, so a number quoted in docs/ points to a file written by the bench, never copied by hand. The file is
 * written as `<bench>.partial.md` while the bench runs and renamed when it ends, so an interrupted run never
 * replaces a finished one. BENCH_RESULTS_DIR=<dir> writes elsewhere (e.g. for a quick check run).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './datasets.js';

/** CPU model and count, memory and Node version: `2 × AMD EPYC 7B13, 8 GiB, Node v22.1.0`. */
export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** The commit the bench ran on (`git rev-parse`), marked when the work tree had uncommitted changes. */
export function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      }).trim() !== '';
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** One markdown table row. */
export function mdRow(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

export class BenchReport {
  readonly name: string;
  private readonly lines: string[] = [];
  private readonly header: string[];
  private readonly started = Date.now();
  private readonly dir: string;

  /**
   * `script` is the bench's `import.meta.url`; `env` names the environment settings it reads, recorded when set.
   * `variant` (e.g. a bench's option overrides) names a separate results file, `<bench>--<variant>.md`, so a run
   * that compares a setting with the default does not overwrite the default's results.
   */
  constructor(script: string, env: readonly string[] = [], variant = '') {
    const file = fileURLToPath(script);
    const base = basename(file).replace(/\.bench\.ts$/, '');
    this.name = variant ? `${base}--${variant.replace(/[^A-Za-z0-9.=,_-]+/g, '-')}` : base;
    this.dir = resolve(REPO_ROOT, process.env['BENCH_RESULTS_DIR'] ?? 'bench/results');
    const set = env.filter((k) => process.env[k] !== undefined).map((k) => `${k}=${process.env[k]}`);
    const cmd = ['node --import tsx', relative(REPO_ROOT, file), ...process.argv.slice(2)].join(' ');
    this.header = [
      `# ${this.name}`,
      '',
      `Written by \`${relative(REPO_ROOT, file)}\`; do not edit by hand (run the bench again).`,
      '',
      `- command: \`${set.length ? `${set.join(' ')} ` : ''}${cmd}\``,
      `- commit: ${commit()}`,
      `- machine: ${machine()}`,
      `- started: ${new Date(this.started).toISOString()}`,
    ];
    this.flush('partial');
  }

  /** Prints a line and records it. */
  line(text = ''): void {
    console.log(text);
    this.lines.push(text);
    this.flush('partial');
  }

  /** A table's header and separator rows. */
  table(headers: readonly string[]): void {
    this.line(mdRow(headers));
    this.line(`|${'---|'.repeat(headers.length)}`);
  }

  row(cells: readonly (string | number)[]): void {
    this.line(mdRow(cells));
  }

  /** Writes `bench/results/<bench>.md` (replacing the partial file) and says where. */
  save(): void {
    const secs = ((Date.now() - this.started) / 1000).toFixed(0);
    this.flush('final', `- finished after ${secs} s`);
    console.error(`results: ${relative(process.cwd(), this.path('final'))}`);
  }

  private path(kind: 'partial' | 'final'): string {
    return join(this.dir, kind === 'final' ? `${this.name}.md` : `${this.name}.partial.md`);
  }

  private flush(kind: 'partial' | 'final', extra?: string): void {
    mkdirSync(this.dir, { recursive: true });
    const text = [
      ...this.header,
      ...(extra ? [extra] : ['- (still running, or interrupted)']),
      '',
      ...this.lines,
      '',
    ].join('\n');
    writeFileSync(this.path('partial'), text);
    if (kind === 'final') renameSync(this.path('partial'), this.path('final'));
  }
}
