/**
 * The one list of site adapters. Adding a site = one adapter file + one line here; nothing
 * else switches on the site id.
 */
import { chatSiteOfUrl } from '../core/sites.ts';
import type { SiteId } from '../core/model/types.ts';
import type { SiteAdapter } from './adapter.ts';
import { chatgpt } from './chatgpt.ts';
import { claude } from './claude.ts';
import { copilot } from './copilot.ts';
import { deepseek } from './deepseek.ts';
import { gemini } from './gemini.ts';
import { generic } from './generic.ts';
import { grok } from './grok.ts';
import { huggingchat } from './huggingchat.ts';
import { metaAi } from './meta-ai.ts';
import { mistral } from './mistral.ts';
import { perplexity } from './perplexity.ts';
import { poe } from './poe.ts';

/** Dedicated adapters. Order matters only for page-signature detection (most specific first). */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [chatgpt, claude, gemini, copilot, perplexity, deepseek, grok, mistral, poe, huggingchat, metaAi];

export { generic as GENERIC_ADAPTER };

export function adapterById(id: string): SiteAdapter | null {
  if (id === 'generic') return generic;
  return SITE_ADAPTERS.find((a) => a.id === id) ?? null;
}

/**
 * The dedicated adapter for an `https:` URL, or null when the site is not supported. Goes
 * through the URL → site table (src/core/sites.ts) that the worker's sender check uses too.
 */
export function adapterForUrl(url: URL | string): SiteAdapter | null {
  const site = chatSiteOfUrl(url);
  return site ? (SITE_ADAPTERS.find((a) => a.id === site) ?? null) : null;
}

/** Guess the site of a saved page from its markup alone. */
export function adapterForPage(root: ParentNode): SiteAdapter | null {
  return SITE_ADAPTERS.find((a) => a.looksLike(root)) ?? null;
}

export const SUPPORTED_SITE_IDS: readonly SiteId[] = SITE_ADAPTERS.map((a) => a.id);
