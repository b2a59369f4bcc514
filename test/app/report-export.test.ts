/**
 * The report's page-side pieces that need no browser: the thresholds the page shows agree with the worker's verdict
 * functions at every boundary; the table models; the colour scale; and the HTML/JSON exports built from a real report
 * (the engine run on the demo table), including escaping of hostile column names and refusal of non-data images.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationReport, GenerateResult } from '../../src/api/types.js';
import { columnChart, utilityChart } from '../../src/app/charts/configs.js';
import { heatColor, heatmapSpecs } from '../../src/app/charts/heatmap.js';
import { escapeHtml, reportHtml, type ReportImages } from '../../src/app/report/export-html.js';
import { reportFileName, reportJson, reportRun } from '../../src/app/report/export-json.js';
import { utilityTable } from '../../src/app/report/tables.js';
import { VERDICT_THRESHOLDS as THRESHOLDS } from '../../src/api/catalog.js';
import { verdictValue } from '../../src/app/report/thresholds.js';
import { generateFromDataset, loadDataset } from '../../src/engine/pipeline.js';
import {
  copiesVerdict,
  dcrShareVerdict,
  pcdVerdict,
  qualityVerdict,
  utilityVerdict,
} from '../../src/metrics/verdicts.js';
import { repoRoot } from '../support/data.js';

const EPS = 1e-9;
const HOSTILE = `<i>sex&"'</i>`;

/** The demo file with its first column renamed to something that must be escaped. */
function demoCsv(): string {
  const text = readFileSync(resolve(repoRoot, 'public/demo/cryotherapy.csv'), 'utf8');
  const [head, ...rest] = text.split('\n');
  const cols = head!.split(',');
  cols[0] = `"${HOSTILE.replace(/"/g, '""')}"`;
  return [cols.join(','), ...rest].join('\n');
}

async function run(target: string, holdoutFraction: number): Promise<GenerateResult> {
  const { parsed, info } = loadDataset(demoCsv(), 'cryotherapy.csv');
  const schema = { ...info.schema, target };
  const out = await generateFromDataset(parsed, {
    schema,
    generator: 'copula',
    options: {},
    rows: 60,
    seed: 3,
    holdoutFraction,
    evaluate: true,
  });
  out.generator.dispose();
  const { table: _t, generator: _g, ...result } = out;
  return result;
}

describe('verdict thresholds shown by the page = the worker’s verdicts', () => {
  it('quality and TSTR/TRTR (higher is better): level changes exactly at the stated numbers', () => {
    const q = THRESHOLDS.quality;
    expect([q.good + EPS, q.good - EPS, q.check + EPS, q.check - EPS].map((x) => qualityVerdict(x).level)).toEqual([
      'good',
      'check',
      'check',
      'poor',
    ]);
    const u = THRESHOLDS.utilityRatio;
    expect(
      [u.good + EPS, u.good - EPS, u.check + EPS, u.check - EPS].map((x) => utilityVerdict(x, 'accuracy').level),
    ).toEqual(['good', 'check', 'check', 'poor']);
    expect(q.rule).toBe('good ≥ 0.85 · check ≥ 0.70 · poor below');
  });
  it('PCD per pair, DCR share and copies (lower is better)', () => {
    const p = THRESHOLDS.pcd;
    // 5 columns → 20 ordered pairs: the verdict judges PCD / √20
    const perPair = (rms: number) => pcdVerdict(rms * Math.sqrt(20), 5).level;
    expect([p.good - EPS, p.good + EPS, p.check - EPS, p.check + EPS].map(perPair)).toEqual([
      'good',
      'check',
      'check',
      'poor',
    ]);
    const d = THRESHOLDS.dcrShare;
    expect([d.good - EPS, d.good + EPS, d.check - EPS, d.check + EPS].map((x) => dcrShareVerdict(x).level)).toEqual([
      'good',
      'check',
      'check',
      'poor',
    ]);
    const c = THRESHOLDS.exactCopies;
    expect([c.good - EPS, c.good + EPS, c.check - EPS, c.check + EPS].map((x) => copiesVerdict(x, 0).level)).toEqual([
      'good',
      'check',
      'check',
      'poor',
    ]);
    // "good" is relative to the holdout's own copy rate
    expect(copiesVerdict(0.04 - EPS, 0.03).level).toBe('good');
    // PCD per pair 0.3 is "poor" on its own, "good" when unseen real rows of this size would differ as much
    expect(pcdVerdict(0.3 * Math.sqrt(20), 5, 0.3 * Math.sqrt(20) + EPS).level).toBe('good');
    expect(pcdVerdict(0.3 * Math.sqrt(20), 5, 0.3 * Math.sqrt(20) - EPS).level).toBe('poor');
    expect(pcdVerdict(0.3 * Math.sqrt(20), 5, 1).text).toContain(
      'Unseen real rows would differ by about 0.224 per pair (PCD 1.000).',
    );
  });
  it('formats the strip numbers', () => {
    expect(verdictValue(qualityVerdict(0.91234))).toBe('0.912');
    expect(verdictValue(dcrShareVerdict(0.5234))).toBe('52.3%');
    expect(verdictValue(dcrShareVerdict(null))).toBe('—');
  });
});

describe('charts without a browser', () => {
  it('diverging colour scale: blue → white → red, clamped', () => {
    expect(heatColor(0, -1, 1)).toBe('rgb(255, 255, 255)');
    expect(heatColor(1, -1, 1)).toBe('rgb(192, 57, 43)');
    expect(heatColor(-1, -1, 1)).toBe('rgb(47, 95, 208)');
    expect(heatColor(3, -1, 1)).toBe('rgb(192, 57, 43)');
    // halfway: 255 + (192 − 255)/2 = 223.5 → 224, (255 + 57)/2 = 156, (255 + 43)/2 = 149
    expect(heatColor(0.5, -1, 1)).toBe('rgb(224, 156, 149)');
    expect(heatColor(0.25, -0.5, 0.5)).toBe('rgb(224, 156, 149)');
    expect(heatColor(NaN, -1, 1)).toBe('#dddddd');
  });
  it('difference heatmap = synthetic − real, cell by cell', () => {
    const [r, s, d] = heatmapSpecs({ names: ['a', 'b'], real: [1, 0.5, 0.5, 1], synthetic: [1, 0.2, 0.2, 1] });
    expect(r!.values).toEqual([1, 0.5, 0.5, 1]);
    expect(s!.title).toBe('Synthetic');
    expect(Array.from(d!.values).map((x) => Number(x.toFixed(12)))).toEqual([0, -0.3, -0.3, 0]);
  });
});

describe('exports of a real report (copula on the demo, hostile column name)', () => {
  let cls: GenerateResult;
  let report: EvaluationReport;
  beforeAll(async () => {
    cls = await run('Result_of_Treatment', 0.3);
    report = cls.report!;
  });

  it('column chart: lower bin edges on the axis, the whole bin in the tooltip; categorical levels as they are', () => {
    const num = report.fidelity.columns.find((c) => c.sdtype === 'numerical')!;
    const cfg = columnChart(num);
    expect(cfg.data.labels).toEqual(num.histogram.labels.map((l) => l.split('–')[0]));
    expect(cfg.data.datasets.map((d) => d.data)).toEqual([num.histogram.real, num.histogram.synthetic]);
    const title = cfg.options!.plugins!.tooltip!.callbacks!.title as unknown as (
      items: { dataIndex: number }[],
    ) => string;
    expect(title([{ dataIndex: 3 }])).toBe(num.histogram.labels[3]);
    const cat = report.fidelity.columns.find((c) => c.sdtype === 'categorical')!;
    expect(columnChart(cat).data.labels).toEqual(cat.histogram.labels);
  });

  it('utility table and chart: 5-fold settings + holdout rows; the chart compares the holdout TSTR and TRTR', () => {
    const u = report.utility!;
    const t = utilityTable(u);
    expect(t.head).toEqual(['Setting', 'Model', 'Accuracy', 'Macro-F1', 'ROC-AUC']);
    expect(t.rows.length).toBe(12);
    expect(t.rows[0]!.slice(1, 3)).toEqual([
      'Random forest',
      (u.tstr.randomForest as { accuracy: number }).accuracy.toFixed(3),
    ]);
    const chart = utilityChart(u);
    expect(chart.data.datasets[0]!.data).toEqual([
      (u.holdout!.tstr.randomForest as { accuracy: number }).accuracy,
      (u.holdout!.tstr.linear as { accuracy: number }).accuracy,
    ]);
  });

  it('regression target: R², RMSE, MAE; no holdout rows without a holdout', async () => {
    const reg = (await run('Time', 0)).report!;
    const t = utilityTable(reg.utility!);
    expect(t.head).toEqual(['Setting', 'Model', 'R²', 'RMSE', 'MAE']);
    expect(t.rows.length).toBe(8);
    expect(reg.verdicts.find((v) => v.metric === 'dcrShare')!.level).toBe('n/a');
  });

  it('JSON: the report at the top level plus the run; file names', () => {
    const json = JSON.parse(reportJson(report, reportRun(cls, 'cryotherapy.csv'))) as Record<string, unknown> &
      EvaluationReport;
    expect(json.rows).toEqual(report.rows);
    expect(json.fidelity.columnShapes).toBe(report.fidelity.columnShapes);
    expect(json.privacy.dcrShare).toBe(report.privacy.dcrShare);
    expect(json.privacy.dcrShareInterval).toEqual(report.privacy.dcrShareInterval);
    expect(json.privacy.risk.membership!.auc).toBe(report.privacy.risk.membership!.auc);
    expect(json['run']).toMatchObject({
      input: 'cryotherapy.csv',
      generator: 'copula',
      seed: 3,
      rows: 60,
      split: cls.split,
    });
    expect(reportFileName('cryotherapy.csv', 'json')).toBe('cryotherapy.report.json');
    expect(reportFileName('a.b.TSV', 'html')).toBe('a.b.report.html');
    expect(reportFileName('.csv', 'html')).toBe('data.report.html');
  });

  it('HTML: escaped names, only PNG data images, no script, its own CSP, every section', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const images: ReportImages = {
      columns: report.fidelity.columns.map((c, i) => ({ name: c.name, src: i === 1 ? 'http://192.0.2.1/x.png' : png })),
      heatmaps: [{ title: 'Real', src: png }],
      dcr: png,
      pca: 'javascript:alert(1)',
      utility: png,
    };
    const html = reportHtml(report, reportRun(cls, 'cryotherapy.csv'), images, '2025-01-01 12:00');
    expect(report.fidelity.columns[0]!.name).toBe(HOSTILE);
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(escapeHtml(HOSTILE)).toBe('&lt;i&gt;sex&amp;&quot;&#39;&lt;/i&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('192.0.2.1');
    expect(html).not.toContain('javascript:');
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
    // 7 columns − 1 refused + 1 heatmap + DCR + utility (the PCA image was refused)
    expect(html.match(/<img /g)?.length).toBe(6 + 1 + 1 + 1);
    for (const id of ['summary', 'columns', 'fidelity', 'privacy', 'utility', 'clustering'])
      expect(html).toContain(`<section id="${id}">`);
    // a table of contents after the summary, and each verdict links to the section with its evidence
    const toc = html.slice(html.indexOf('<nav class="toc"'), html.indexOf('</nav>'));
    expect(html.indexOf('<nav class="toc"')).toBeGreaterThan(html.indexOf('<section id="summary">'));
    expect([...toc.matchAll(/href="#(\w+)"/g)].map((m) => m[1])).toEqual([
      'columns',
      'fidelity',
      'privacy',
      'utility',
      'clustering',
    ]);
    expect(html).toMatch(/data-metric="dcrShare"><div class="label"><a href="#privacy">/);
    expect(html).toMatch(/data-metric="pcd"><div class="label"><a href="#fidelity">/);
    const util = html.slice(
      html.indexOf('<table id="utility-table">'),
      html.indexOf('</table>', html.indexOf('<table id="utility-table">')),
    );
    expect(util.match(/<tr>/g)?.length).toBe(1 + 12);
    expect(html).toContain(`${report.rows.real} training, ${report.rows.holdout} holdout (30%)`);
    expect(html).toContain('@media print');
    // the DCR share's interval under its verdict, and the attack table with what each figure assumes
    const iv = report.privacy.dcrShareInterval!;
    expect(html).toContain(
      `<div class="interval">95% interval ${(100 * iv.lo).toFixed(1)}%–${(100 * iv.hi).toFixed(1)}%</div>`,
    );
    const risk = html.slice(html.indexOf('<table id="risk-table">'));
    expect(risk.match(/Assumes the attacker/g)?.length).toBe(7); // k-anonymity, CAP, inference, DOMIAS, singling out ×2, linkability
  });
});
