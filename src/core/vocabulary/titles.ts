/**
 * A conversation's title for people: the site's title, else the first line of the first user
 * message, else "<Site> conversation · <date>". Never "Untitled conversation" when something
 * better is known. Stored records keep `title: null`; only displays and exports use this.
 */
import type { Conversation } from '../model/types.ts';

const SITE_NAMES: Readonly<Record<string, string>> = {
  chatgpt: 'ChatGPT',
  claude: 'Claude',
  gemini: 'Gemini',
  copilot: 'Copilot',
  perplexity: 'Perplexity',
  deepseek: 'DeepSeek',
  grok: 'Grok',
  mistral: 'Le Chat',
  poe: 'Poe',
  huggingchat: 'HuggingChat',
  'meta-ai': 'Meta AI',
  generic: 'Saved page',
  unknown: 'Imported',
};

/** The site's name as people know it ("meta-ai" → "Meta AI"). */
export function siteName(site: string): string {
  return SITE_NAMES[site] ?? site;
}

const MAX = 80;

export function conversationTitle(c: Pick<Conversation, 'title' | 'firstSeen'> & { site: string }, firstUserText?: string | null): string {
  const own = c.title?.replace(/\s+/g, ' ').trim();
  if (own) return own;
  const line = firstUserText
    ?.split('\n')
    .map((l) => l.replace(/^[#>*\-\s]+/, '').trim())
    .find((l) => l.length > 0);
  if (line) return line.length > MAX ? `${line.slice(0, MAX - 1).trimEnd()}…` : line;
  const date = Number.isFinite(c.firstSeen) && c.firstSeen > 0 ? new Date(c.firstSeen).toISOString().slice(0, 10) : null;
  return `${siteName(c.site)} conversation${date ? ` · ${date}` : ''}`;
}
