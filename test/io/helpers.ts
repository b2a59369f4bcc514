/** Fixture reading for the io tests (tests may use node:fs; src/io may not). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { LocalSynthError, type ErrorCode } from '../../src/core/errors.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = resolve(root, 'test/fixtures');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(fixturesDir, name)));
}

/** Runs `fn`, expects a LocalSynthError with `code` whose message contains every fragment; returns it. */
export function expectError(fn: () => unknown, code: ErrorCode, ...fragments: string[]): LocalSynthError {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(LocalSynthError);
  const err = caught as LocalSynthError;
  expect(err.code).toBe(code);
  for (const f of fragments) expect(err.message).toContain(f);
  return err;
}
