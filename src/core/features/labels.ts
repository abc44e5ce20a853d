/**
 * Feature name → its registry label, for places that must not load the whole registry (the
 * in-page badge panel: the content script stays small). A copy of FEATURES' labels, kept equal by
 * tests/unit/core/features/labels.test.ts (which prints the new text when the registry changes),
 * so every screen uses the registry's one wording per feature.
 */
export const FEATURE_LABELS: Readonly<Record<string, string>> = {
  words_log: 'Length (log words)',
  sentence_words: 'Words per sentence',
  paragraphs: 'Paragraphs',
  list_share: 'List lines',
  headers: 'Headers',
  bold_per_100w: 'Bold spans',
  table_rows: 'Table rows',
  code_share: 'Code share',
  question_share: 'Questions',
  exclamation_share: 'Exclamations',
  emoji_per_100w: 'Emoji',
  first_singular_per_100w: 'I / me',
  first_plural_per_100w: 'we / us',
  second_person_per_100w: 'you',
  hedge_per_100w: 'Hedges',
  booster_per_100w: 'Boosters',
  sentiment: 'Sentiment',
  warmth_per_100w: 'Warmth',
  enthusiasm_per_100w: 'Enthusiasm',
  flattery_per_100w: 'Flattery',
  apology_per_100w: 'Apology',
  refusal_per_100w: 'Refusal',
  ai_identity_per_100w: 'AI self-reference',
  other_identity_per_100w: 'Other identity',
  contractions_per_100w: 'Contractions',
  slang_per_100w: 'Slang',
  formal_per_100w: 'Formal markers',
  flesch_reading_ease: 'Reading ease',
  syllables_per_word: 'Syllables/word',
  function_word_share: 'Function words',
  mattr: 'Lexical diversity (MATTR)',
  word_length: 'Word length',
};

/** The registry label of a feature; the raw name, spaced, for a name the registry does not know. */
export function featureLabel(name: string): string {
  return FEATURE_LABELS[name] ?? name.replace(/_/g, ' ');
}
