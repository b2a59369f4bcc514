/** `--help` texts, built from the generator registry (no hand-kept duplicate of any option). */
import { BYTES_PER_CELL, MAX_ROWS, MEMORY_BUDGET_BYTES } from '../core/budget.js';
import { savableLabels } from '../api/generator-policy.js';
import { BACKEND_CHOICES } from '../core/compute.js';
import {
  cliFlag,
  DEFAULT_GENERATOR,
  DEFAULT_SEED,
  listGenerators,
  SD_TYPES,
  type GeneratorInfo,
  type OptionSpec,
} from '../index.js';

function wrap(text: string, indent: number, width = 100): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width - indent) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : ' '.repeat(indent) + l)).join('\n');
}

function optionLine(flag: string, value: string, help: string, indent = 2): string {
  const col = indent + 26;
  const head = `${' '.repeat(indent)}--${flag}${value ? ' ' + value : ''}`;
  // a long flag gets its help on the next line, aligned with the others
  if (head.length >= col) return `${head}\n${' '.repeat(col)}${wrap(help, col)}`;
  return `${head.padEnd(col)}${wrap(help, col)}`;
}

function defaultText(o: OptionSpec): string {
  return o.default === null ? 'auto' : String(o.default);
}

/** "copies for gmtd, off for the others": each generator's own privacy-filter default (`GeneratorInfo.privacyFilter`). */
function filterDefaults(gens: readonly GeneratorInfo[]): string {
  const modes = [...new Set(gens.map((g) => g.privacyFilter ?? 'off'))].filter((m) => m !== 'off');
  const parts = modes.map(
    (m) =>
      `${m} for ${gens
        .filter((g) => g.privacyFilter === m)
        .map((g) => g.id)
        .join(', ')}`,
  );
  return parts.length ? `${parts.join('; ')}, off for the others` : 'off';
}

export function mainHelp(): string {
  return [
    'localsynth — synthetic tabular data, computed locally (the same engine as the LocalSynth web app).',
    '',
    'Usage:',
    '  localsynth generate <data.csv> [options]    fit a generator and write a synthetic CSV',
    '  localsynth generate --load-model <model.json> [--rows n] [--seed n] [--out s.csv] [<data.csv> --report r.json]',
    '                                              sample again from a saved model, without training',
    '  localsynth evaluate --real <t.csv> --synth <s.csv> [--holdout <h.csv>] [--target col] [--json r.json]',
    '                                              score synthetic data: fidelity, privacy, utility',
    '  localsynth inspect <data.csv>               show the inferred schema and any warnings',
    '  localsynth privacy-budget --noise-multiplier <σ> | --epsilon <ε> --sample-rate <q> --steps <n> | --epochs <e>',
    '                 --delta <δ> [--json]         DP-SGD accountant: the ε a run spends, or the σ a target ε needs',
    '  localsynth --help | --version',
    '',
    generateHelp(),
    '',
    'Exit codes: 0 success · 2 usage error · 3 bad input data · 1 internal error · 130 interrupted.',
  ].join('\n');
}

/** The row limits of src/core/budget.ts, as `--rows` states them. */
const ROWS_HELP = `Rows to generate (default: the input's row count). At most ${MAX_ROWS.toLocaleString('en-US')}, and rows × columns × ${BYTES_PER_CELL} bytes within ${MEMORY_BUDGET_BYTES / 2 ** 30} GiB (checked before the run; the message gives the largest count that fits).`;

/** `--privacy-filter`, `--k-anonymity` and `--quasi-identifiers`. */
const PRIVACY_LINES = (gens: readonly GeneratorInfo[]): string[] => [
  optionLine(
    'privacy-filter',
    '<off|copies|drop|regenerate>',
    `copies: replace exact copies of unique training rows (no other training row repeats them) with fresh samples; drop / regenerate: drop (or replace) synthetic rows closer to a training row than the holdout's 5th-percentile distance (default: ${filterDefaults(gens)}).`,
  ),
  optionLine(
    'k-anonymity',
    '<k>',
    'After the privacy filter, generalise the --quasi-identifiers (numbers and dates into equal-frequency bins, rare levels merged) and replace rows until every combination in the output has at least k real training rows; the stderr line says how much changed (default: 1, nothing changed).',
  ),
  optionLine(
    'quasi-identifiers',
    '<col,…>',
    'Columns an attacker may know about a person (e.g. age,sex,zip): what --k-anonymity protects and what the report’s attack figures assume.',
  ),
];

export function generateHelp(): string {
  const gens = listGenerators();
  const lines = [
    'localsynth generate <data.csv> [options]',
    'localsynth generate --load-model <model.json> [<data.csv>] [--rows n] [--seed n] [--backend b] [--out s.csv] [--report r.json]',
    '',
    'Options:',
    optionLine(
      'generator',
      '<id>',
      `Generator to use (default: ${DEFAULT_GENERATOR}). One of: ${gens.map((g) => g.id).join(', ')}.`,
    ),
    optionLine('rows', '<n>', ROWS_HELP),
    optionLine(
      'target',
      '<column>',
      'Column to predict: classification for a categorical target, regression for a numerical one (default: none).',
    ),
    optionLine('seed', '<n>', `Random seed; the same seed gives a byte-identical file (default: ${DEFAULT_SEED}).`),
    optionLine('out', '<file>', 'Output file (default: <input>.synthetic.csv next to the input).'),
    optionLine('types', '<col=sdtype,…>', `Override inferred column types; sdtypes: ${SD_TYPES.join(', ')}.`),
    optionLine('skip', '<col,…>', 'Columns to leave out of modelling and out of the output.'),
    optionLine(
      'report',
      '<file.json>',
      'Also hold out real rows, evaluate the synthetic data against them and write the report (JSON) here.',
    ),
    optionLine(
      'holdout-fraction',
      '<x>',
      'Share of real rows kept away from the generator for the report (default: 0.3 with --report, else 0).',
    ),
    ...PRIVACY_LINES(gens),
    optionLine(
      'save-model',
      '<file.json>',
      `After training, write the model (weights, pseudo-real rows, options, schema and fingerprints of the unique training rows: keep it like the data) to this file; ${savableLabels(gens)} models can be saved.`,
    ),
    optionLine(
      'backend',
      `<${BACKEND_CHOICES.join('|')}>`,
      `Compute backend of a neural generator (${gens
        .filter((g) => g.capabilities.neural)
        .map((g) => g.id)
        .join(
          ', ',
        )}), in training and with --load-model; auto tries webgpu → webgl → wasm → cpu, and Node has wasm and cpu (default: auto).`,
    ),
    optionLine(
      'load-model',
      '<file.json>',
      "Sample from a saved model instead of training (no input file needed; one given is only checked against the model's columns and used for --report). Takes --rows (default: the training input's row count), --seed, --out (default: <model>.synthetic.csv), --report. Exact copies of unique training rows are replaced as in the training run (the file keeps their fingerprints) unless it ran with --privacy-filter off.",
    ),
    optionLine(
      'quiet',
      '',
      'Print nothing but errors (no progress line; a terminal otherwise shows one while training).',
    ),
    '',
    'Generators and their options:',
  ];
  for (const g of gens) {
    lines.push('', `  ${g.id} — ${g.label}${g.id === DEFAULT_GENERATOR ? ' (default)' : ''}`);
    lines.push('    ' + wrap(g.description, 4));
    for (const o of g.options) {
      const value =
        o.type === 'boolean'
          ? '<true|false>'
          : o.type === 'enum'
            ? `<${o.choices?.join('|')}>`
            : `<${o.type === 'int' ? 'n' : o.type === 'number' ? 'x' : 'text'}>`;
      lines.push(optionLine(cliFlag(o), value, `${o.help} (default: ${defaultText(o)})`, 4));
    }
  }
  return lines.join('\n');
}
