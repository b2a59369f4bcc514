import { describe, expect, it } from 'vitest';
import { filterLine } from '../../src/cli/generate.js';
import { describeFilter } from '../../src/privacy/modes.js';

describe('privacy filter modes', () => {
  it('one wording of what was done, for the CLI, the result panel and the HTML report', () => {
    expect(describeFilter({ mode: 'copies', threshold: 0, removed: 3 })).toBe(
      'privacy filter (copies): 3 copies of unique training rows replaced with fresh samples',
    );
    expect(describeFilter({ mode: 'copies', threshold: 0, removed: 1 }, 'Privacy filter')).toBe(
      'Privacy filter (copies): 1 copy of unique training rows replaced with fresh samples',
    );
    expect(describeFilter({ mode: 'drop', threshold: 0.0123, removed: 2 })).toBe(
      'privacy filter (drop): 2 rows closer than 0.0123 to a training row dropped',
    );
    expect(describeFilter({ mode: 'regenerate', threshold: 0.05, removed: 1 })).toBe(
      'privacy filter (regenerate): 1 row closer than 0.0500 to a training row replaced with fresh samples',
    );
    // the CLI adds how to keep the copies (the default filter is one the user did not ask for)
    expect(filterLine({ mode: 'copies', threshold: 0, removed: 3 })).toBe(
      'privacy filter (copies): 3 copies of unique training rows replaced with fresh samples; --privacy-filter off keeps them',
    );
    expect(filterLine({ mode: 'drop', threshold: 0.0123, removed: 2 })).toBe(
      'privacy filter (drop): 2 rows closer than 0.0123 to a training row dropped',
    );
  });
});
