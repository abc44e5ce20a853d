/**
 * `extract PAGE.html [--url URL] [--site NAME]`: runs the extension's own site adapters on a
 * saved page in Node and prints the captured turns as JSON.
 */
import { readArgs } from './args.ts';
import { readInputText } from './io.ts';

/** A saved chat page larger than this is refused before it is read (real ones are a few MB). */
const MAX_PAGE_BYTES = 100 * 1024 * 1024;
import { capturePage, type SiteAdapter } from '../sites/adapter.ts';
import { adapterById, adapterForPage, adapterForUrl, GENERIC_ADAPTER, SUPPORTED_SITE_IDS } from '../sites/registry.ts';
import { pageUrl, parseSavedPage } from './saved-page.ts';

export const usage = 'extract PAGE.html [--url URL] [--site NAME]   turns of a saved chat page as JSON';

interface ExtractArgs {
  file: string;
  url: string | null;
  site: string | null;
}

function parseExtractArgs(args: string[]): ExtractArgs | string {
  const read = readArgs(args, { url: { type: 'string' }, site: { type: 'string' } });
  if (typeof read === 'string') return read;
  const [file, extra] = read.positionals;
  if (extra !== undefined) return `unexpected argument ${extra}`;
  if (file === undefined) return 'missing PAGE.html';
  return { file, url: read.values.url ?? null, site: read.values.site ?? null };
}

/** A URL on the adapter's own host, for pages saved without one. */
function defaultUrl(adapter: SiteAdapter): URL {
  const hosts: Record<string, string> = {
    chatgpt: 'https://chatgpt.com/',
    claude: 'https://claude.ai/',
    gemini: 'https://gemini.google.com/app',
    copilot: 'https://copilot.microsoft.com/',
    perplexity: 'https://www.perplexity.ai/',
    deepseek: 'https://chat.deepseek.com/',
    grok: 'https://grok.com/',
    mistral: 'https://chat.mistral.ai/',
    poe: 'https://poe.com/',
    huggingchat: 'https://huggingface.co/chat/',
    'meta-ai': 'https://www.meta.ai/',
  };
  return new URL(hosts[adapter.id] ?? 'https://example.invalid/');
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseExtractArgs(args);
  if (typeof parsed === 'string') {
    console.error(`extract: ${parsed}\nusage: persona-observatory ${usage}`);
    return 2;
  }
  let url: URL | null = null;
  if (parsed.url) {
    try {
      url = new URL(parsed.url);
    } catch {
      console.error(`extract: --url "${parsed.url}" is not a valid URL`);
      return 2;
    }
  }
  let html: string;
  try {
    html = await readInputText(parsed.file, MAX_PAGE_BYTES);
  } catch (err) {
    console.error(`extract: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  if (html.includes('\u0000') || !/<[a-z!]/i.test(html)) {
    console.error(`extract: ${parsed.file} does not look like an HTML page`);
    return 1;
  }
  const doc = parseSavedPage(html);
  if (!url) {
    const own = pageUrl(doc);
    url = own ? new URL(own) : null;
  }
  let adapter: SiteAdapter | null;
  if (parsed.site) {
    adapter = adapterById(parsed.site);
    if (!adapter) {
      console.error(`extract: unknown site "${parsed.site}" (known: ${[...SUPPORTED_SITE_IDS, 'generic'].join(', ')})`);
      return 2;
    }
  } else {
    adapter = (url && adapterForUrl(url)) || adapterForPage(doc) || GENERIC_ADAPTER;
  }
  const capture = capturePage(adapter, doc, url ?? defaultUrl(adapter), { expectTurns: true });
  const out = {
    site: capture.site,
    conversationId: capture.conversationId,
    status: capture.status,
    ...(capture.detail ? { detail: capture.detail } : {}),
    turns: capture.turns.map((t) => ({
      id: t.id,
      role: t.role,
      text: t.text,
      model: t.model,
      selectedModel: t.selectedModel,
      streaming: t.streaming,
      thinking: t.thinking,
    })),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}
