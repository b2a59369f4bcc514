import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvaluationReport } from '../../src/api/types.js';
import { riskChart } from '../../src/app/charts/risk.js';
import { reportHtml, type ReportImages } from '../../src/app/report/export-html.js';
import { reportRun } from '../../src/app/report/export-json.js';
import { privacyText } from '../../src/app/report/privacy-text.js';
import { generateFromDataset, loadDataset } from '../../src/engine/pipeline.js';
import { privacySummary, riskBars } from '../../src/privacy/risk/summary.js';

const dataDir = resolve(__dirname, '../fixtures/data');

async function run(
  generator: string,
): Promise<{ report: EvaluationReport; result: Awaited<ReturnType<typeof generateFromDataset>> }> {
  const { parsed, info } = loadDataset(
    new Uint8Array(readFileSync(resolve(dataDir, 'cryotherapy.csv'))),
    'cryotherapy.csv',
  );
  const result = await generateFromDataset(parsed, {
    schema: info.schema,
    generator,
    options: {},
    rows: null,
    seed: 4,
    holdoutFraction: 0.3,
    evaluate: true,
  });
  result.generator.dispose();
  return { report: result.report!, result };
}

describe('the privacy section', () => {
  it('bootstrap copies: every bar is risk on 0…1 with its interval, the summary says which attacks work', async () => {
    const { report, result } = await run('bootstrap');
    const bars = riskBars(report.privacy.risk);
    expect(bars.map((b) => b.label)).toEqual([
      'Singling out (1 column)',
      'Singling out (several columns)',
      'Linkability',
      'Inference of Result_of_Treatment',
      'Membership (DOMIAS, 2·AUC − 1)',
      'Disclosure (1 − CAP score)',
    ]);
    const m = report.privacy.risk.membership!;
    expect(bars[4]!.value).toBeCloseTo(Math.max(0, 2 * m.auc - 1), 12);
    for (const b of bars) expect(b.lo <= b.value && b.value <= b.hi && b.hi <= 1).toBe(true);
    const cfg = riskChart(report.privacy);
    expect(cfg.data.datasets[0]!.data).toEqual(bars.map((b) => b.value));
    expect(cfg.data.datasets[1]!.data).toEqual(bars.map((b) => [b.lo, b.hi]));
    expect(privacySummary(report.privacy.risk)).toMatch(
      /clearly work on the training rows: .*singling out \(several columns\)/,
    );
    const t = privacyText(report.privacy);
    expect(t.kAnonymity).toMatch(/the real training table is \d+-anonymous/);
    const images: ReportImages = { columns: [], heatmaps: [], dcr: null, risk: null, pca: null, utility: null };
    const html = reportHtml(report, reportRun(result, 'cryotherapy.csv'), images, 'now');
    expect(html).toContain('<strong>In short:</strong>');
    expect(html).toContain('Linkability:</strong> Assumes the attacker holds two separate records');
    expect(html).toMatch(/Singling out risk, one column \(anonymeter\)/);
  }, 60_000);
  it('the copula: no attack clearly works', async () => {
    const { report } = await run('copula');
    expect(privacySummary(report.privacy.risk)).not.toMatch(/clearly work/);
  }, 60_000);
});
