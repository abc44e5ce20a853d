/**
 * English function words (v1, hand-curated from standard stylometry lists: articles, pronouns,
 * auxiliaries, prepositions, conjunctions, common adverbs). Topic-robust style markers
 * (Burrows/Kestemont, docs/reference/methods.md §4.1). Also used by the English check in text/language.ts.
 */
const LIST = `a about above after again against all am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom why
will with would you your yours yourself yourselves also may might must shall however although
though therefore thus yet let us it's i'm you're don't can't won't isn't that's there's`;

export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/));
