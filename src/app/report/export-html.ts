/**
 * The report as one self-contained HTML file: inline CSS, charts as PNG data URLs, no script and no request (its
 * own CSP says so: `default-src 'none'`), and a print stylesheet. Built from the same table models as the page.
 */
import type { EvaluationReport } from '../../api/types.js';
import { describeFilter } from '../../api/catalog.js';
import type { ReportRun } from './export-json.js';
import {
  clusteringTable,
  columnTable,
  fidelityTable,
  percent,
  privacyTable,
  riskTable,
  utilityTable,
  type TextTable,
} from './tables.js';
import { VERDICT_THRESHOLDS } from '../../api/catalog.js';
import { REPORT_SECTIONS, VERDICT_SECTION } from './sections.js';
import { privacyText } from './privacy-text.js';
import { verdictInterval, verdictValue } from './thresholds.js';

/** The pictures of one report, as data URLs (see `reportImages`). */
export interface ReportImages {
  columns: { name: string; src: string }[];
  heatmaps: { title: string; src: string }[];
  dcr: string | null;
  /** the attacks' risk bars (absent in files made before them) */
  risk?: string | null;
  pca: string | null;
  utility: string | null;
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Only PNG data URLs may become an `src` (nothing that could fetch). */
function img(src: string, alt: string, cls = ''): string {
  if (!/^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(src)) return '';
  return `<img${cls ? ` class="${cls}"` : ''} src="${src}" alt="${escapeHtml(alt)}">`;
}

function table(t: TextTable): string {
  const head = t.head.map((h, j) => `<th${t.numeric.includes(j) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c, j) => `<td${t.numeric.includes(j) ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table id="${t.id}"><caption>${escapeHtml(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const CSS = `
:root{--ink:#1d2433;--muted:#5c667a;--line:#dde2ea;--good:#2f8f5b;--check:#b7791f;--poor:#c0392b;--na:#7a8294}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:1.5rem;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:var(--ink)}
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:1.6rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
.toc{position:sticky;top:0;z-index:1;background:#fff;border-bottom:1px solid var(--line);padding:.4rem 0;display:flex;gap:1rem}
.facts{color:var(--muted);margin:0 0 1rem}.facts span{margin-right:1.2rem;display:inline-block}
.strip{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:.6rem}
.verdict{border:1px solid var(--line);border-left:6px solid var(--na);border-radius:6px;padding:.5rem .7rem}
.verdict.good{border-left-color:var(--good)}.verdict.check{border-left-color:var(--check)}.verdict.poor{border-left-color:var(--poor)}
.verdict .label{font-weight:600}.verdict .value{font-size:1.3rem;font-weight:700;margin:.1rem 0}
.verdict .level{font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;font-weight:700}
.good .level{color:var(--good)}.check .level{color:var(--check)}.poor .level{color:var(--poor)}.n\\/a .level{color:var(--na)}
.verdict p{margin:.2rem 0 0;font-size:.85rem}
ul.rules{font-size:.85rem;color:var(--muted);padding-left:1.2rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.85rem}
caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid var(--line)}th{background:#f0f2f6}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:.8rem}
.charts.wide{grid-template-columns:repeat(auto-fill,minmax(340px,1fr))}
figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:.4rem;break-inside:avoid}
figure img{width:100%;height:auto;display:block}
.note{color:var(--muted);font-size:.85rem}
@media print{body{max-width:none;padding:0;font-size:11px}h2{break-after:avoid}
figure,table,.verdict{break-inside:avoid}.charts{grid-template-columns:repeat(3,1fr)}.charts.wide{grid-template-columns:repeat(2,1fr)}
thead{display:table-header-group}@page{margin:12mm}}
`;

function runFacts(report: EvaluationReport, run: ReportRun, createdAt: string): string {
  const f = run.privacyFilter;
  const facts = [
    `Input: ${run.input}`,
    `Generator: ${run.generator}`,
    `Seed: ${run.seed} (also the holdout split's)`,
    `Rows: ${report.rows.real} training, ${report.rows.holdout ?? 0} holdout (${Math.round(100 * run.split.fraction)}%), ${report.rows.synthetic} synthetic`,
    f ? describeFilter(f, 'Privacy filter') : 'Privacy filter: off',
    `Report computed in ${report.seconds.toFixed(1)} s`,
    `Created ${createdAt}`,
  ];
  return `<p class="facts">${facts.map((t) => `<span>${escapeHtml(t)}</span>`).join('')}</p>`;
}

function verdicts(report: EvaluationReport): string {
  const cards = report.verdicts
    .map(
      (v) =>
        `<div class="verdict ${v.level}" data-metric="${v.metric}"><div class="label"><a href="#${VERDICT_SECTION[v.metric]}">${escapeHtml(v.label)}</a></div>` +
        `<div class="value">${escapeHtml(verdictValue(v))}</div>${v.interval ? `<div class="interval">${escapeHtml(verdictInterval(v))}</div>` : ''}<div class="level">${escapeHtml(v.level)}</div><p>${escapeHtml(v.text)}</p></div>`,
    )
    .join('\n');
  const rules = report.verdicts
    .map(
      (v) =>
        `<li><strong>${escapeHtml(v.label)}</strong>: ${escapeHtml(VERDICT_THRESHOLDS[v.metric].rule)}. ${escapeHtml(VERDICT_THRESHOLDS[v.metric].meaning)}</li>`,
    )
    .join('\n');
  return `<section id="summary"><h2>Summary</h2><div class="strip">\n${cards}\n</div><ul class="rules">\n${rules}\n</ul></section>`;
}

/** The table of contents: one link per section, kept in view (position: sticky). */
function contents(): string {
  const links = REPORT_SECTIONS.map((s) => `<a href="#${s.id}">${escapeHtml(s.label)}</a>`).join('\n');
  return `<nav class="toc" aria-label="Report sections">\n${links}\n</nav>`;
}

function figures(items: { src: string; alt: string }[], wide = false): string {
  const figs = items.map((i) => (img(i.src, i.alt) ? `<figure>${img(i.src, i.alt)}</figure>` : '')).join('\n');
  return `<div class="charts${wide ? ' wide' : ''}">\n${figs}\n</div>`;
}

/** The privacy section's summary, k-anonymity summary and what each figure assumes of the attacker. */
function privacyWords(report: EvaluationReport): string {
  const t = privacyText(report.privacy);
  const items = [{ label: 'Distance histogram', text: t.dcrAssumes }, ...t.riskAssumes]
    .map((a) => `<li><strong>${escapeHtml(a.label)}:</strong> ${escapeHtml(a.text)}</li>`)
    .join('');
  return (
    `<p class="privacy-summary"><strong>In short:</strong> ${escapeHtml(t.summary)}</p>` +
    `<p class="note"><strong>k-anonymity:</strong> ${escapeHtml(t.kAnonymity)}</p>` +
    `<p class="note">What each figure assumes of the attacker:</p><ul class="note">${items}</ul>`
  );
}

/**
 * The whole file. `createdAt` is printed as given (the caller passes the local time), so tests can fix it.
 */
export function reportHtml(report: EvaluationReport, run: ReportRun, images: ReportImages, createdAt: string): string {
  const title = `LocalSynth evaluation report — ${run.input}`;
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(title)}</h1>`, runFacts(report, run, createdAt), verdicts(report), contents());
  parts.push(
    `<section id="columns"><h2>Columns: real vs synthetic</h2>${table(fidelityTable(report))}` +
      figures(images.columns.map((c) => ({ src: c.src, alt: `Histogram of ${c.name}` }))) +
      `${table(columnTable(report))}</section>`,
  );
  parts.push(
    `<section id="fidelity"><h2>Fidelity: associations between columns</h2><p class="note">Pearson (numerical pairs), correlation ratio η (categorical–numerical), bias-corrected Cramér’s V (categorical pairs).</p>` +
      figures(
        images.heatmaps.map((h) => ({ src: h.src, alt: `Association heatmap: ${h.title}` })),
        true,
      ) +
      `</section>`,
  );
  const pcaNote = report.pca
    ? ''
    : '<p class="note">No projection (fewer than two encoded features or three rows).</p>';
  parts.push(
    `<section id="privacy"><h2>Privacy</h2>${privacyWords(report)}${table(privacyTable(report))}${table(riskTable(report))}` +
      figures(
        [
          ...(images.dcr ? [{ src: images.dcr, alt: 'DCR histogram' }] : []),
          ...(images.risk ? [{ src: images.risk, alt: 'Risk of each privacy attack with its 95% interval' }] : []),
          ...(images.pca ? [{ src: images.pca, alt: 'PCA scatter of real and synthetic rows' }] : []),
        ],
        true,
      ) +
      `${pcaNote}</section>`,
  );
  if (report.utility) {
    parts.push(
      `<section id="utility"><h2>Utility</h2>${table(utilityTable(report.utility))}` +
        figures(images.utility ? [{ src: images.utility, alt: 'TSTR vs TRTR' }] : [], true) +
        `</section>`,
    );
  } else {
    parts.push(
      `<section id="utility"><h2>Utility</h2><p class="note">No target column: pick one to measure TSTR/TRTR.</p></section>`,
    );
  }
  parts.push(
    `<section id="clustering"><h2>Clustering</h2>${report.clustering ? table(clusteringTable(report.clustering)) : '<p class="note">Not computed (too few rows or features).</p>'}</section>`,
  );
  const footer = `<p class="note">Made by LocalSynth in the browser; the data never left the tab. Exact copies: ${percent(report.privacy.exactCopyRate)}. Numbers as JSON: the matching .report.json file.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${parts.join('\n')}
${footer}
</body>
</html>
`;
}
