/**
 * Boosters / certainty markers (v1, hand-curated in the style of Hyland's metadiscourse
 * boosters). Known false positives: "clearly" in "explain clearly", "always" in instructions
 * ("always back up your files") — instructions read as certainty.
 */
export const BOOSTER_WORDS: ReadonlySet<string> = new Set(
  `absolutely certainly clearly definitely undoubtedly always never obviously surely indeed
  undeniably unquestionably must essential crucial guaranteed proven certain sure exactly
  precisely truly really totally completely`.split(/\s+/),
);

/** Intensifiers that signal enthusiasm rather than certainty (v1). */
export const INTENSIFIER_WORDS: ReadonlySet<string> = new Set(
  `so very super really incredibly amazingly extremely totally absolutely awesome amazing
  fantastic wonderful incredible thrilled excited love delighted exciting`.split(/\s+/),
);
