/** Personal pronouns (v1, LIWC-like open lists, both apostrophe forms). */
export const FIRST_SINGULAR: ReadonlySet<string> = new Set(['i', 'me', 'my', 'mine', 'myself', "i'm", "i've", "i'd", "i'll", 'i’m', 'i’ve', 'i’d', 'i’ll']);
export const FIRST_PLURAL: ReadonlySet<string> = new Set(['we', 'us', 'our', 'ours', 'ourselves', "we're", "we've", "let's", 'we’re', 'we’ve', 'let’s']);
export const SECOND_PERSON: ReadonlySet<string> = new Set([
  'you',
  'your',
  'yours',
  'yourself',
  'yourselves',
  "you're",
  "you've",
  "you'll",
  "you'd",
  'you’re',
  'you’ve',
  'you’ll',
  'you’d',
]);
