/** Writing the synthetic CSV to its file part by part (issue 22): the output is never one large string. */
import { closeSync, openSync, writeSync } from 'node:fs';

/** Writes `parts` in order to `path` (created or truncated), UTF-8, closing the file whatever happens. */
export function writeParts(path: string, parts: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    for (const part of parts) writeSync(fd, part, null, 'utf8');
  } finally {
    closeSync(fd);
  }
}
