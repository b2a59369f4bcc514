import { describe, expect, it } from 'vitest';
import { BYTES_PER_CELL, checkRowBudget, MAX_ROWS, maxRowsFor, MEMORY_BUDGET_BYTES } from '../../src/core/budget.js';

describe('the run budget: rows × columns checked before any work', () => {
  it('narrow tables are capped by MAX_ROWS, wider ones by memory (36 bytes a cell within 1 GiB)', () => {
    expect(BYTES_PER_CELL).toBe(36);
    expect(MEMORY_BUDGET_BYTES).toBe(2 ** 30);
    expect(maxRowsFor(2)).toBe(MAX_ROWS);
    // 2^30 / (7 × 36) and 2^30 / (200 × 36), rounded down
    expect(maxRowsFor(7)).toBe(4_260_880);
    expect(maxRowsFor(200)).toBe(149_130);
    expect(maxRowsFor(0)).toBe(MAX_ROWS);
  });

  it('the largest count that fits passes; one more fails with a message that names it', () => {
    expect(() => checkRowBudget(4_260_880, 7)).not.toThrow();
    expect(() => checkRowBudget(4_260_881, 7)).toThrow(
      /^4,260,881 rows × 7 columns is too large: about 1\.0 GiB of memory for the table and its CSV text, more than the 1 GiB a run may use\. At most 4,260,880 rows of 7 columns fit/,
    );
    try {
      checkRowBudget(100_000_000, 2);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({
        code: 'BAD_OPTION',
        details: { rows: 100_000_000, columns: 2, maxRows: MAX_ROWS },
        message: expect.stringMatching(/more than the 10,000,000 rows a run may generate\. At most 10,000,000 rows/),
      });
    }
  });
});
