/**
 * A data file's bytes for the CLI, refused before any reading when it cannot be a CSV file LocalSynth reads: not a
 * regular file (`/dev/zero`, a FIFO, a socket: they may never end) or larger than the input limit.
 */
import { readFileSync, statSync } from 'node:fs';
import { CsvError, formatSize, MAX_INPUT_BYTES } from '../index.js';

/** What a non-regular file is, in words. */
function kindOf(s: ReturnType<typeof statSync>): string {
  if (!s) return 'not a file';
  if (s.isFIFO()) return 'a pipe (FIFO)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * @throws CsvError NOT_CSV for anything but a regular file, FILE_TOO_LARGE above `maxBytes`; a missing file
 *   throws node's ENOENT (the CLI says "cannot read … no such file").
 */
export function readInput(path: string, maxBytes = MAX_INPUT_BYTES): Uint8Array {
  const s = statSync(path);
  if (s.isDirectory()) return new Uint8Array(readFileSync(path)); // EISDIR, worded by the CLI
  if (!s.isFile()) {
    throw new CsvError(
      'NOT_CSV',
      `"${path}" is ${kindOf(s)}, not a regular file: it may never end. Save the data to a file (at most ${formatSize(maxBytes)}) and give that.`,
      { path },
    );
  }
  if (s.size > maxBytes) {
    throw new CsvError(
      'FILE_TOO_LARGE',
      `"${path}" is ${formatSize(s.size)}; the largest file LocalSynth reads is ${formatSize(maxBytes)}. Use a sample of its rows.`,
      { bytes: s.size, maxBytes },
    );
  }
  return new Uint8Array(readFileSync(path));
}
