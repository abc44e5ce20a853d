/**
 * Label rules: which features make up each label kind, in which direction, and the words for
 * each pole. Shared by labels.ts (what changed) and states.ts (naming a segment).
 */

export interface LabelRule {
  kind: string;
  /** Feature → sign (+1: higher value = the "high" pole). */
  features: Readonly<Record<string, 1 | -1>>;
  low: string;
  high: string;
  /** Label text when moving low → high and high → low. */
  up: string;
  down: string;
}

export const LABEL_RULES: readonly LabelRule[] = [
  { kind: 'verbosity', features: { words_log: 1, paragraphs: 1 }, low: 'terse', high: 'long', up: 'verbosity jump', down: 'verbosity drop' },
  {
    kind: 'tone',
    features: { contractions_per_100w: 1, slang_per_100w: 1, exclamation_share: 1, emoji_per_100w: 1, formal_per_100w: -1 },
    low: 'formal',
    high: 'playful',
    up: 'tone: formal → playful',
    down: 'tone: playful → formal',
  },
  {
    kind: 'stance',
    features: { booster_per_100w: 1, hedge_per_100w: -1 },
    low: 'hedged',
    high: 'assertive',
    up: 'stance: hedged → assertive',
    down: 'stance: assertive → hedged',
  },
  {
    kind: 'warmth',
    features: { warmth_per_100w: 1, sentiment: 1, enthusiasm_per_100w: 1 },
    low: 'cool',
    high: 'warm',
    up: 'warmth: neutral → warm',
    down: 'warmth: warm → cool',
  },
  {
    kind: 'structure',
    features: { list_share: 1, headers: 1, bold_per_100w: 1, table_rows: 1, code_share: 1 },
    low: 'plain prose',
    high: 'structured',
    up: 'structure: prose → structured',
    down: 'structure: structured → prose',
  },
  {
    kind: 'engagement',
    features: { question_share: 1, second_person_per_100w: 1 },
    low: 'detached',
    high: 'engaging',
    up: 'questions back: rare → frequent',
    down: 'questions back: frequent → rare',
  },
  { kind: 'refusal', features: { refusal_per_100w: 1 }, low: 'compliant', high: 'refusing', up: 'refusal mode on', down: 'refusal mode off' },
  { kind: 'apology', features: { apology_per_100w: 1 }, low: 'unapologetic', high: 'apologetic', up: 'apology mode on', down: 'apology mode off' },
  { kind: 'sycophancy', features: { flattery_per_100w: 1 }, low: 'matter-of-fact', high: 'flattering', up: 'sycophancy spike', down: 'sycophancy drop' },
  {
    kind: 'identity',
    features: { ai_identity_per_100w: 1, other_identity_per_100w: 1, first_singular_per_100w: 1 },
    low: 'impersonal',
    high: 'self-referential',
    up: 'identity claim changed',
    down: 'identity claim changed',
  },
  {
    kind: 'complexity',
    features: { syllables_per_word: 1, word_length: 1, flesch_reading_ease: -1, sentence_words: 1 },
    low: 'plain',
    high: 'dense',
    up: 'reading level: plain → dense',
    down: 'reading level: dense → plain',
  },
];
