/**
 * Renders docs/instrument.md from the registry and the label vocabulary, so the documentation
 * cannot drift from the code (a unit test compares the file with this output).
 * Regenerate: `npx tsx bench/lib/write-instrument-doc.ts`.
 */
import { LABEL_VOCABULARY } from '../../src/core/detect/vocabulary.ts';
import { LABEL_RULES } from '../../src/core/detect/rules.ts';
import { confidenceDocSection, detectorDocSection, labelMeasurements } from './instrument-doc-detector.ts';
import { DETECTOR_PARAMS } from '../../src/core/detect/params.ts';
import { FEATURES } from '../../src/core/features/registry.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderInstrumentDoc(detectorVersion: string): string {
  const out: string[] = [];
  out.push('# The instrument: persona features and shift labels');
  out.push('');
  out.push('<!-- Generated from src/core/features/registry.ts and src/core/detect/vocabulary.ts by');
  out.push('     `npx tsx bench/lib/write-instrument-doc.ts`. Do not edit by hand: a unit test checks it. -->');
  out.push('');
  out.push(`Detector version: \`${detectorVersion}\``);
  out.push('');
  out.push('## How a reply is measured');
  out.push('');
  out.push('- Code blocks (``` / ~~~ fences) and inline code are removed before every prose feature; their share is');
  out.push('  measured separately (`code_share`). Markdown markup is stripped before word and readability features.');
  out.push('- Words and sentences: a Unicode regex for scripts written with spaces; `Intl.Segmenter` for scripts');
  out.push('  without spaces (Chinese, Japanese, Thai, …). Line breaks end sentences, so list items are sentences.');
  out.push('- English check: share of common English function words ≥ 0.2 (replies under 8 words: Latin letters only).');
  out.push('  On non-English replies every feature marked *English only* is `null` ("not applicable").');
  out.push('- Rates are per 100 prose words unless the unit says otherwise.');
  out.push('');
  out.push(`## Features (${FEATURES.length})`);
  out.push('');
  out.push('| name | family | what it measures | unit | typical range | English only | known failure cases |');
  out.push('|---|---|---|---|---|---|---|');
  for (const f of FEATURES) {
    out.push(
      `| \`${f.name}\` | ${f.family} | ${cell(f.description)} | ${cell(f.unit)} | ${f.range[0]} – ${f.range[1]} | ${f.englishOnly ? 'yes' : 'no'} | ${cell(f.failureCases.join(' '))} |`,
    );
  }
  out.push('');
  out.push('Also computed (not scalar features): a hashed style-token profile (closed-class words, line-start');
  out.push('markup, punctuation, opening words) in');
  out.push('`src/core/features/profile.ts`, used only by the benchmarks (`profileWeight`, `bench/lib/channels.ts`),');
  out.push('like the style skeleton vectors of `bench/lib/style` (below).');
  out.push('');
  out.push(...detectorDocSection());
  out.push('');
  out.push('## Shift labels');
  out.push('');
  out.push('A detected shift is described by comparing the segment before with the segment after: for each');
  out.push("feature, effect = (mean after − mean before) / pooled within-segment SD (floored by the feature's");
  out.push('prior noise scale). Each label lists its evidence (feature, before, after, effect). At most three labels');
  out.push('per shift; if none fires, "style shift" lists the three largest moves (beyond noise, possibly none).');
  out.push('');
  out.push('**Honest effects** (detector 0.5, `src/core/detect/labels.ts`): the detector placed the boundary where');
  out.push('the segments differ most, and segments are short, so raw effects overstate the change. Effects are');
  out.push(`shrunk as an empirical-Bayes posterior mean (normal prior on the true effect, SD τ = ${DETECTOR_PARAMS.labels.effectPrior}):`);
  out.push('effect · τ² / (τ² + 1/n_before + 1/n_after), i.e. ×0.6 for 3 + 3 replies, ×0.71 for 5 + 5. A label');
  out.push(`fires when the signed mean shrunk effect of its features is ≥ ${DETECTOR_PARAMS.labels.minEffect} AND at least one of its features moved`);
  out.push(`beyond its own within-segment noise in the label's direction: |Δmean| ≥ ${DETECTOR_PARAMS.labels.minNoiseZ} standard errors (Welch, each`);
  out.push("segment's SD floored by the prior scale). Evidence lists only such features. τ and the noise level were");
  out.push('set from principle; the threshold 0.6 (0.8 on raw effects before) on DEV only (`npm run bench:labels`).');
  out.push('');
  out.push(...labelMeasurements());
  out.push('');
  out.push('| kind | example | meaning | features (sign) |');
  out.push('|---|---|---|---|');
  for (const v of LABEL_VOCABULARY) {
    const rule = LABEL_RULES.find((r) => r.kind === v.kind);
    const feats = rule
      ? Object.entries(rule.features)
          .map(([f, s]) => `${s > 0 ? '+' : '−'}\`${f}\``)
          .join(' ')
      : '—';
    out.push(`| ${v.kind} | ${cell(v.example)} | ${cell(v.meaning)} | ${feats} |`);
  }
  out.push('');
  out.push(...confidenceDocSection());
  out.push('');
  out.push('## Detector version policy');
  out.push('');
  out.push('`DETECTOR_VERSION` = `<semver of the detection code>+<lexicon version>.<parameter version>`, e.g.');
  out.push('`0.1.0+lex-1.p2`. It is attached to every ConversationAnalysis and every stored label.');
  out.push('- Change any word list → bump `LEXICON_VERSION` (src/core/lexicons/index.ts).');
  out.push('- Re-tune any parameter → bump `PARAMS_VERSION` (src/core/detect/params.ts).');
  out.push('- Change a feature definition, the segmentation or labelling code → bump the semver (minor when');
  out.push('  outputs change, patch for fixes that leave outputs equal on the benchmark).');
  out.push('Stored labels with another version are stale: recompute them from the stored text.');
  out.push('');
  return out.join('\n');
}
