/**
 * User-turn cue classes that a router might react to (docs/reference/methods.md §1.4 R3, §1.5, §3.7).
 * Plain lexical rules, English only, deliberately conservative: a cue missed costs power, a
 * false cue dilutes the effect. "continue" / "keep going" / "go on" is its own class
 * (`continuation`): it usually means the last reply was cut off, not that the user is bored.
 */
import type { CueClass, CueOrControl } from './types.ts';

export const CUE_CLASSES: readonly CueClass[] = ['boredom', 'complaint', 'pushback', 'vulnerability', 'meta'];

export const CUE_DESCRIPTIONS: Record<CueOrControl, string> = {
  boredom: 'boredom / low effort: "ok", "meh", "whatever", "boring", "idk", a bare "sure" or "k"',
  complaint: 'complaint: "that\'s wrong", "not what I asked", "useless", "you keep …", "stop …"',
  pushback: 'pushback: "are you sure", "I don\'t think so", "that\'s not right", "really?"',
  vulnerability: 'emotional vulnerability: "I feel lonely", "I\'m scared", "depressed", "I can\'t cope"',
  meta: 'meta-question about the AI: "are you conscious", "do you have feelings", "what model are you"',
  continuation: 'continuation request (control, not tested): "continue", "keep going", "go on", "more"',
};

const CONTINUATION =
  /^(?:please\s+|pls\s+|ok(?:ay)?[,.!]?\s+)?(?:continue|cont|keep going|go on|go ahead|more|next|carry on|finish(?: it| that)?|continue (?:please|pls|writing|from where you (?:left off|stopped))|and\??)(?:\s+please)?[\s.!…]*$/i;

// Whole-message low-effort replies. Thanks/yes are excluded: they are polite closure, not boredom.
const BOREDOM_WHOLE =
  /^(?:ok(?:ay)?|k+|kk|mk|meh+|whatever|w\/e|idk|i don'?t know|dunno|sure|fine|cool|nice|lol|lmao|hm+|mhm|uh+|ugh+|yawn|zzz+|boring|so\??|and\??|right|yeah|yep|yup|nah|nope|ok then|i don'?t care|idc|if you say so|i guess|sure whatever|okay then|cool story)[\s.!?…]*$/i;
const BOREDOM_ANYWHERE =
  /\b(?:(?:this|that|you|it)(?:'s| is| are|'re) (?:so |really |kinda |kind of )?(?:boring|dull|tedious)|i'?m (?:so |really )?bored|bored now|you'?re boring|this is getting (?:old|boring)|(?:too )?long,? didn'?t read|tl;?dr|whatever you say)\b/i;

const COMPLAINT =
  /\b(?:(?:that|this|it)(?:'s| is) (?:wrong|incorrect|not (?:what|right|correct|helpful|working)|useless|terrible|awful|bad|garbage|nonsense)|not what i (?:asked|wanted|meant)|you (?:didn'?t|did not) (?:answer|listen|read|follow|do)|you (?:keep|always) (?:\w+ing)|(?:useless|stupid|dumb) (?:answer|bot|ai|response)|you(?:'re| are) (?:useless|wrong|not helping|not listening)|^(?:please |can you |could you |just |now )?stop (?:\w+ing)|i (?:already|just) (?:told|said|asked)|doesn'?t work|does not work|that didn'?t help|wrong again|try again)\b/i;

const PUSHBACK =
  /\b(?:are you (?:sure|certain|positive)|(?:i )?don'?t (?:think|believe) (?:so|that(?:'s| is)? (?:right|true|correct))|that(?:'s| is) not (?:true|right|correct|accurate)|(?:is|are) that (?:really )?(?:true|right|correct)\?|how do you know|source\?|citation needed|i disagree|you(?:'re| are) (?:wrong|mistaken)|that doesn'?t sound right|double[- ]check|really\?|no,? (?:it|that)(?:'s| is)n'?t)\b/i;

const VULNERABILITY =
  /\b(?:i(?:'m| am) (?:so |really |very |feeling )?(?:lonely|alone|scared|afraid|anxious|depressed|sad|hopeless|worthless|overwhelmed|struggling|hurting|exhausted|lost|broken|terrified|suicidal)|i feel (?:so |really |very )?(?:lonely|alone|scared|afraid|anxious|depressed|sad|hopeless|worthless|overwhelmed|empty|lost|like (?:a failure|nobody|giving up|nothing))|i (?:can'?t|cannot) (?:cope|go on|take (?:it|this) anymore|stop crying)|(?:kill|hurt|harm) myself|want to die|end (?:it all|my life)|no one (?:cares|understands|loves me)|nobody (?:cares|understands|loves me)|panic attack|my (?:therapist|depression|anxiety)|i'?ve been crying|self[- ]harm)\b/i;

const META =
  /\b(?:are you (?:conscious|sentient|alive|self[- ]aware|real|a (?:real )?(?:person|human|bot|robot|machine)|an? (?:ai|llm|language model)|human|chatgpt|gpt-?\d|claude|gemini)|do you (?:have|feel|experience) (?:feelings|emotions|consciousness|a self|an? (?:opinion|personality|identity|inner life)|pain|anything)|do you (?:remember me|dream|care about me|like me|get bored|ever get)|what (?:model|version|llm) are you|who (?:made|created|built|trained) you|your (?:own )?(?:personality|feelings|consciousness|identity|true self|system prompt|instructions|training|creators?)|what are you(?: really)?\?|you(?:'re| are) (?:just )?(?:an? )?(?:ai|bot|program|machine|language model)|talk(?:ing)? to (?:a|an) (?:ai|bot|machine))\b/i;

/** Matches exactly when one of the phrase rules does (an alternation of them; all are /i, no back-references). */
const ANY_PHRASE = new RegExp([BOREDOM_ANYWHERE, COMPLAINT, PUSHBACK, VULNERABILITY, META].map((r) => r.source).join('|'), 'i');

/**
 * Longer user turns are mostly pasted material (problems, documents, scene data) where these
 * phrases occur by accident; only their opening is read as the user's own voice.
 */
const OWN_VOICE_CHARS = 240;

/** All cue classes present in one user turn (a turn may carry several), or continuation. */
export function classifyCues(text: string): CueOrControl[] {
  const full = normalisedHead(text);
  if (full === '') return [];
  if (CONTINUATION.test(full) && (full.length <= OWN_VOICE_CHARS || CONTINUATION.test(normalise(text)))) return ['continuation'];
  const t = full.length > OWN_VOICE_CHARS ? full.slice(0, OWN_VOICE_CHARS) : full;
  const bare = BOREDOM_WHOLE.test(t);
  // Most turns carry no cue: one scan with every phrase rule at once rules them all out.
  if (!bare && !ANY_PHRASE.test(t)) return [];
  const out: CueOrControl[] = [];
  if (bare || BOREDOM_ANYWHERE.test(t)) out.push('boredom');
  if (COMPLAINT.test(t)) out.push('complaint');
  if (PUSHBACK.test(t)) out.push('pushback');
  if (VULNERABILITY.test(t)) out.push('vulnerability');
  if (META.test(t)) out.push('meta');
  return out;
}

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Raw characters whitespace-normalised before the rules read the opening (pasted text can be long). */
const RAW_HEAD = 2 * OWN_VOICE_CHARS;

/**
 * The whitespace-normalised text, or (for long texts) a normalised prefix of it that is longer
 * than OWN_VOICE_CHARS: all the cue rules read. The continuation rule needs the whole message,
 * but a message longer than its longest phrase matches only if this prefix does, so
 * `classifyCues` normalises the whole text only then.
 */
function normalisedHead(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= RAW_HEAD) return trimmed.replace(/\s+/g, ' ');
  const head = trimmed.slice(0, RAW_HEAD).replace(/\s+/g, ' ');
  return head.length > OWN_VOICE_CHARS ? head : normalise(trimmed);
}
