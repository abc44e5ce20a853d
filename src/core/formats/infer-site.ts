/**
 * The site of an imported conversation that does not name it (label-contract JSONL): from a
 * `site` field when it is a known site id, else the host of a `url` field, else the models'
 * vendor when every model points at the same site. `unknown` when nothing says, never a guess
 * from text. Keys are `site:id`, so this also lets the same chat imported from a site's own
 * export and from JSONL meet under one key (de-duplication across formats).
 */
import type { SiteId } from '../model/types.ts';
import { isSiteId } from '../sites.ts';

const HOSTS: readonly [RegExp, SiteId][] = [
  [/(^|\.)chatgpt\.com$|(^|\.)chat\.openai\.com$/, 'chatgpt'],
  [/(^|\.)claude\.ai$/, 'claude'],
  [/(^|\.)gemini\.google\.com$/, 'gemini'],
  [/(^|\.)copilot\.microsoft\.com$/, 'copilot'],
  [/(^|\.)perplexity\.ai$/, 'perplexity'],
  [/(^|\.)chat\.deepseek\.com$/, 'deepseek'],
  [/(^|\.)grok\.com$/, 'grok'],
  [/(^|\.)chat\.mistral\.ai$/, 'mistral'],
  [/(^|\.)poe\.com$/, 'poe'],
  [/(^|\.)huggingface\.co$/, 'huggingchat'],
  [/(^|\.)meta\.ai$/, 'meta-ai'],
];

/** Model-slug prefixes of the sites whose own models they are. */
const MODELS: readonly [RegExp, SiteId][] = [
  [/^(gpt-|chatgpt|text-davinci|o\d(-|$))/i, 'chatgpt'],
  [/^claude/i, 'claude'],
  [/^gemini/i, 'gemini'],
  [/^deepseek/i, 'deepseek'],
  [/^grok/i, 'grok'],
  [/^(mistral|magistral|codestral)/i, 'mistral'],
];

function siteFromUrl(url: string): SiteId | null {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return HOSTS.find(([re]) => re.test(host))?.[1] ?? null;
  } catch {
    return null;
  }
}

export function inferSite(input: { site?: unknown; url?: unknown; models: readonly string[] }): SiteId {
  if (isSiteId(input.site)) return input.site;
  if (typeof input.url === 'string') {
    const s = siteFromUrl(input.url);
    if (s) return s;
  }
  const sites = new Set(input.models.map((m) => MODELS.find(([re]) => re.test(m))?.[1] ?? null));
  if (sites.size === 1) {
    const [only] = sites;
    if (only) return only;
  }
  return 'unknown';
}
