/** Builds the ReplyContext shared by every feature family: code stripped once, words once. */
import { splitCode, stripMarkup } from '../text/markdown.ts';
import { sentences, words } from '../text/segment.ts';
import { isLikelyEnglish } from '../text/language.ts';
import type { ReplyContext } from './types.ts';

export function buildContext(raw: string): ReplyContext {
  const split = splitCode(raw);
  const plain = stripMarkup(split.prose);
  const lowerProse = split.prose.toLowerCase();
  const w = words(plain.toLowerCase());
  return {
    raw,
    prose: split.prose,
    plain,
    lowerProse,
    words: w,
    sentences: sentences(plain),
    english: isLikelyEnglish(w),
    codeBlocks: split.codeBlocks,
    codeChars: split.codeChars,
    inlineCode: split.inlineCode,
  };
}
