/** Exit codes and the one-line error output of the CLI. */
import { LocalSynthError } from '../index.js';

export const EXIT = { ok: 0, internal: 1, usage: 2, input: 3, interrupted: 130 } as const;

/** A mistake in the command line itself (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Runs `run` with a cancel flag that Ctrl-C sets: the engine stops at its next check and rejects with CANCELLED,
 * which `reportError` turns into exit code 130.
 */
export async function interruptible<T>(run: (signal: { aborted: boolean }) => Promise<T>): Promise<T> {
  const abort = { aborted: false };
  const onSigint = (): void => {
    abort.aborted = true;
  };
  process.once('SIGINT', onSigint);
  try {
    return await run(abort);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/**
 * `s` safe to print on a terminal: escape sequences and other control characters in user-supplied text (header
 * names, file names) would retitle, recolour or clear it. Tabs and newlines stay; each other one becomes `?`.
 */
export function terminalSafe(s: string): string {
  return s
    .replace(/\u001b(\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(\u0007|\u001b\\)?)/g, '?')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

/** Prints one clear line for `err` to stderr and returns the exit code (no stack trace unless LOCALSYNTH_DEBUG=1). */
export function reportError(err: unknown, print: (s: string) => void = (s) => process.stderr.write(s)): number {
  const write = (s: string): void => print(terminalSafe(s));
  const debug = process.env['LOCALSYNTH_DEBUG'] === '1';
  if (debug && err instanceof Error && err.stack) write(err.stack + '\n');
  if (err instanceof UsageError) {
    write(`localsynth: ${err.message}\nRun "localsynth --help" for usage.\n`);
    return EXIT.usage;
  }
  if (err instanceof LocalSynthError) {
    if (err.code === 'CANCELLED') {
      write('localsynth: interrupted\n');
      return EXIT.interrupted;
    }
    write(`localsynth: ${err.message}\n`);
    if (err.kind === 'usage') return EXIT.usage;
    if (err.kind === 'input') return EXIT.input;
    return EXIT.internal;
  }
  const e = err as NodeJS.ErrnoException;
  if (
    e &&
    typeof e === 'object' &&
    typeof e.code === 'string' &&
    ['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM'].includes(e.code)
  ) {
    const what =
      e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory, not a file' : 'permission denied';
    write(`localsynth: cannot read ${e.path ?? 'the file'}: ${what}\n`);
    return EXIT.input;
  }
  const msg = err instanceof Error ? err.message : String(err);
  write(
    `localsynth: internal error: ${msg}\n${debug ? '' : 'Set LOCALSYNTH_DEBUG=1 for the stack trace, and please report it.\n'}`,
  );
  return EXIT.internal;
}
