/**
 * Perplexity (www.perplexity.ai) responses → routes (routing.md §2). Pure, incremental, bounded,
 * never throws. NOT WIRED into the observer: Perplexity's page gives an answer no id (the DOM
 * adapter hashes text and position), so a route could not be tied to the reply it belongs to.
 *
 * - Thread: `GET /rest/thread/<slug>` → `{entries:[{backend_uuid, display_model,
 *   user_selected_model, …}]}`.
 * - Ask: `POST /rest/sse/perplexity_ask` (SSE; one event may hold several JSON objects on
 *   separate `data:` lines); the latest non-null value per `backend_uuid` is kept. The request's
 *   `params.model_preference` is the requested model when the frames name none.
 * - requested = `user_selected_model`, served = `display_model` ([PMW]: "mismatch" when they
 *   differ). Never read: `read_write_token` (a token), the query, the answer blocks.
 */
import { countDrop, MAX_STREAM_CHARS, type DropCounts, type StreamParser, parseJsonCounted } from './drop-reasons.ts';
import { createSseParser } from './sse-feed.ts';
import { idField, isRec, slugField } from './chatgpt-fields.ts';
import { MAX_REQUEST_CHARS } from './chatgpt-request.ts';
import { isSlug, type ParsedRoute, type RouteVia } from './observation.ts';

type Rec = Record<string, unknown>;
export type PerplexityRoute = ParsedRoute<'perplexity'>;

export interface PerplexityResult {
  routes: PerplexityRoute[];
  drops: DropCounts;
}

/** The ask request's `params.model_preference` (the requested model), or null. */
export function perplexityRequestedOf(body: string): string | null {
  if (body.length > MAX_REQUEST_CHARS || !body.includes('"model_preference"')) return null;
  try {
    const parsed: unknown = JSON.parse(body);
    const params = isRec(parsed) && isRec(parsed.params) ? parsed.params : null;
    return params && isSlug(params.model_preference) ? params.model_preference : null;
  } catch {
    return null;
  }
}

interface EntryFacts {
  id: string;
  conversationId: string | null;
  selected: string | null;
  display: string | null;
}

const MAX_ENTRIES = 10_000;

/** Merge one entry or frame into the facts by `backend_uuid` (later non-null values win). */
function take(source: Rec, facts: Map<string, EntryFacts>, drops: DropCounts): void {
  const id = idField(source, 'backend_uuid', drops);
  if (id === null) return;
  let f = facts.get(id);
  if (!f) {
    if (facts.size >= MAX_ENTRIES) return;
    f = { id, conversationId: null, selected: null, display: null };
    facts.set(id, f);
  }
  f.conversationId = idField(source, 'thread_url_slug', drops) ?? f.conversationId;
  f.selected = slugField(source, 'user_selected_model', drops) ?? f.selected;
  f.display = slugField(source, 'display_model', drops) ?? f.display;
}

function routesOf(facts: Map<string, EntryFacts>, requestedByRequest: string | null, conversationId: string | null, via: RouteVia): PerplexityRoute[] {
  const out: PerplexityRoute[] = [];
  for (const f of facts.values()) {
    const flags: string[] = [];
    let requested = f.selected;
    if (requested !== null) flags.push('requested-from:user-selected');
    else if (requestedByRequest !== null) {
      requested = requestedByRequest;
      flags.push('requested-from:request');
    }
    if (f.display !== null) flags.push('served-from:display-model');
    if (requested === null && f.display === null) continue;
    out.push({
      site: 'perplexity',
      conversationId: f.conversationId ?? conversationId,
      messageId: f.id,
      requested,
      shown: null,
      served: f.display,
      flags,
      via,
    });
  }
  return out;
}

/** `GET /rest/thread/<slug>` JSON → one route per entry that names a model. */
export function parsePerplexityThread(record: unknown, conversationId: string | null): PerplexityResult {
  const drops: DropCounts = {};
  const facts = new Map<string, EntryFacts>();
  if (isRec(record) && Array.isArray(record.entries)) {
    for (const entry of record.entries.slice(0, MAX_ENTRIES)) if (isRec(entry)) take(entry, facts, drops);
  }
  return { routes: routesOf(facts, null, conversationId, 'record'), drops };
}

export interface PerplexityAskOptions {
  /** The request's `params.model_preference`. */
  requested?: string | null;
  maxEventChars?: number;
  maxStreamChars?: number;
}

export type PerplexityAskParser = StreamParser<PerplexityResult>;

export function createPerplexityAskParser(options: PerplexityAskOptions = {}): PerplexityAskParser {
  const maxStream = options.maxStreamChars ?? MAX_STREAM_CHARS;
  const drops: DropCounts = {};
  const facts = new Map<string, EntryFacts>();

  const onData = (data: string): void => {
    // Several JSON objects may share one event, one per `data:` line.
    for (const line of data.split('\n')) {
      if (!line.includes('"backend_uuid"')) continue;
      const parsed = parseJsonCounted(line, drops);
      if (parsed === undefined) continue;
      if (isRec(parsed)) take(parsed, facts, drops);
      else countDrop(drops, 'not-an-object');
    }
  };

  return createSseParser(
    { maxStreamChars: maxStream, maxEventChars: options.maxEventChars },
    drops,
    (e) => onData(e.data),
    () => {
      return { routes: routesOf(facts, options.requested ?? null, null, 'stream'), drops: { ...drops } };
    },
  );
}

/** Whole-text convenience (tests): one push, then finish. */
export function parsePerplexityAsk(text: string, options?: PerplexityAskOptions): PerplexityResult {
  const parser = createPerplexityAskParser(options);
  parser.push(text);
  return parser.finish();
}
