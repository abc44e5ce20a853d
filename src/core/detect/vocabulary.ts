/**
 * The label vocabulary: every kind of label the detector can emit, with an example and its
 * meaning. docs/instrument.md is generated from this list.
 */

export interface LabelKind {
  kind: string;
  example: string;
  meaning: string;
}

export const LABEL_VOCABULARY: LabelKind[] = [
  { kind: 'verbosity', example: 'verbosity jump', meaning: 'Replies became much longer ("jump") or shorter ("drop") than before the shift.' },
  {
    kind: 'tone',
    example: 'tone: formal → playful',
    meaning: 'Register moved between formal (connectives, no contractions) and playful (contractions, slang, exclamations, emoji).',
  },
  { kind: 'stance', example: 'stance: hedged → assertive', meaning: 'Balance of hedges versus certainty boosters changed.' },
  { kind: 'warmth', example: 'warmth: neutral → warm', meaning: 'Empathy/friendliness phrases and sentiment rose or fell.' },
  { kind: 'structure', example: 'structure: prose → structured', meaning: 'Use of lists, headers, bold, tables or code changed.' },
  { kind: 'engagement', example: 'questions back: rare → frequent', meaning: 'The assistant started or stopped asking the user questions.' },
  { kind: 'refusal', example: 'refusal mode on', meaning: 'Refusal / safety-mode phrasing appeared ("on") or disappeared ("off").' },
  { kind: 'apology', example: 'apology mode on', meaning: 'Apologies appeared or disappeared.' },
  { kind: 'sycophancy', example: 'sycophancy spike', meaning: 'Flattery and eager agreement rose ("spike") or fell ("drop").' },
  {
    kind: 'identity',
    example: 'identity claim changed',
    meaning: 'Self-identification as an AI or as someone else (name, feelings, theatrical register) changed.',
  },
  { kind: 'complexity', example: 'reading level: plain → dense', meaning: 'Readability, word length or lexical diversity moved together.' },
  {
    kind: 'style',
    example: 'style shift',
    meaning:
      'A change was detected but no single feature family moved clearly; evidence lists the largest moves beyond the replies’ own noise (possibly none).',
  },
  {
    kind: 'model',
    example: 'model changed: gpt-4 → gpt-3.5',
    meaning:
      'The page showed a different model for this reply: a fact read from the page, not an estimate, so it reads "from the page" instead of a strength. The extension always reads it; the command line only when asked to.',
  },
];
