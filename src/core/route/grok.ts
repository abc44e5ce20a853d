/**
 * Grok (grok.com) responses → route observations (routing.md §5). Pure, incremental, bounded,
 * never throws.
 *
 * - Send: `POST /rest/app-chat/conversations/new` or `…/conversations/<id>/responses`; from the
 *   request body only `modelName` (requested) and `isReasoning` are read.
 * - Its response is NDJSON: token lines first (recognised without being parsed), then
 *   `result.response.modelResponse {responseId, sender, partial, model}` and
 *   `result.conversation.conversationId`.
 * - Reload: `POST …/conversations/<id>/load-responses` → `{responses:[{responseId, sender,
 *   partial, model}]}`.
 *
 * The served model is the per-response `model` (medium confidence: no source shows it differing
 * from `modelName`). Grok shows no model name on a reply, so `shown` stays null. The reply id is
 * the DOM adapter's turn id, `response-<responseId>` (sites.md §7: each turn is a
 * `div#response-<uuid>`; that this uuid is the response's `responseId` is assumed, no capture
 * shows both: if it is not, routes wait unmatched and expire, counted as never-captured).
 * Never kept: the message text, tokens, titles, anything else.
 */
import { countDrop, streamBudget, MAX_STREAM_CHARS, type DropCounts, type StreamParser, parseJsonCounted } from './drop-reasons.ts';
import { idField, isRec, slugField } from './chatgpt-fields.ts';
import { MAX_REQUEST_CHARS } from './chatgpt-request.ts';
import { createNdjsonFramer } from './ndjson.ts';
import { isSlug, type RouteObservation, type RouteVia } from './observation.ts';

type Rec = Record<string, unknown>;

/** What the send request says: the chosen model and whether reasoning was asked for. */
export interface GrokRequest {
  model: string | null;
  reasoning: boolean | null;
}

export function grokRequestOf(body: string): GrokRequest {
  const none: GrokRequest = { model: null, reasoning: null };
  if (body.length > MAX_REQUEST_CHARS || !body.includes('"modelName"')) return none;
  try {
    const parsed: unknown = JSON.parse(body);
    if (!isRec(parsed)) return none;
    return { model: isSlug(parsed.modelName) ? parsed.modelName : null, reasoning: typeof parsed.isReasoning === 'boolean' ? parsed.isReasoning : null };
  } catch {
    return none;
  }
}

/** The DOM adapter's turn id of a Grok response. */
export const grokTurnId = (responseId: string): string => `response-${responseId}`;

export interface GrokStreamOptions {
  request?: GrokRequest | null;
  /** The conversation id of the request path (null for `/conversations/new`). */
  conversationId?: string | null;
  maxLineChars?: number;
  maxStreamChars?: number;
}

export interface GrokResult {
  observations: RouteObservation[];
  drops: DropCounts;
}

export type GrokStreamParser = StreamParser<GrokResult>;

interface ReplyFacts {
  responseId: string;
  served: string | null;
  partial: boolean;
}

/** One assistant response object (stream or record) → its facts; null for a user turn or a bad id. */
function replyFacts(response: Rec, drops: DropCounts): ReplyFacts | null {
  if (typeof response.sender !== 'string' || response.sender.toLowerCase() !== 'assistant') return null;
  const id = idField(response, 'responseId', drops);
  if (id === null || id.length > 90) return null;
  return { responseId: id, served: slugField(response, 'model', drops), partial: response.partial === true };
}

function observationOf(f: ReplyFacts, conversationId: string | null, request: GrokRequest | null, via: RouteVia): RouteObservation | null {
  const flags: string[] = [];
  const requested = request?.model ?? null;
  if (requested !== null) flags.push('requested-from:request');
  if (f.served !== null) flags.push('served-from:response-model');
  if (request?.reasoning) flags.push('reasoning-requested');
  if (f.partial) flags.push('incomplete');
  if (requested === null && f.served === null) return null;
  return { site: 'grok', conversationId, messageId: grokTurnId(f.responseId), requested, shown: null, served: f.served, flags, via };
}

export function createGrokStreamParser(options: GrokStreamOptions = {}): GrokStreamParser {
  const maxStream = options.maxStreamChars ?? MAX_STREAM_CHARS;
  const framer = createNdjsonFramer({ maxLineChars: options.maxLineChars });
  const drops: DropCounts = {};
  const replies = new Map<string, ReplyFacts>();
  let conversationId: string | null = options.conversationId ?? null;
  const budget = streamBudget(maxStream, drops);

  const onLine = (line: string): void => {
    // Token lines are nearly all of the stream and never matter: only these keys do.
    if (!line.includes('"modelResponse"') && !line.includes('"conversationId"')) return;
    const parsed = parseJsonCounted(line, drops);
    if (parsed === undefined) return;
    const result = isRec(parsed) && isRec(parsed.result) ? parsed.result : null;
    if (result === null) {
      countDrop(drops, 'not-an-object');
      return;
    }
    if (isRec(result.conversation)) conversationId ??= idField(result.conversation, 'conversationId', drops);
    const response = isRec(result.response) ? result.response : null;
    if (response && isRec(response.modelResponse)) {
      const facts = replyFacts(response.modelResponse, drops);
      if (facts) replies.set(facts.responseId, facts);
    }
  };

  return {
    push(text) {
      if (budget.admit(text)) for (const line of framer.push(text)) onLine(line);
    },
    get overLimit() {
      return budget.overLimit;
    },
    finish() {
      const end = framer.finish();
      for (const line of end.lines) onLine(line);
      // A line cut off at the end fails to parse and is counted as malformed-json.
      if (framer.dropped > 0) countDrop(drops, 'oversize-event', framer.dropped);
      const observations: RouteObservation[] = [];
      for (const facts of replies.values()) {
        const o = observationOf(facts, conversationId, options.request ?? null, 'stream');
        if (o) observations.push(o);
      }
      return { observations, drops: { ...drops } };
    },
  };
}

/** Whole-text convenience (tests): one push, then finish. */
export function parseGrokStream(text: string, options?: GrokStreamOptions): GrokResult {
  const parser = createGrokStreamParser(options);
  parser.push(text);
  return parser.finish();
}

/** Most responses read from one record (a forged huge list stops here). */
const MAX_RECORD_RESPONSES = 10_000;

/** `load-responses` JSON → one observation per assistant response that names a model. */
export function parseGrokRecord(record: unknown, conversationId: string | null): GrokResult {
  const drops: DropCounts = {};
  const observations: RouteObservation[] = [];
  if (!isRec(record) || !Array.isArray(record.responses)) return { observations, drops };
  for (const response of record.responses.slice(0, MAX_RECORD_RESPONSES)) {
    if (!isRec(response)) continue;
    const facts = replyFacts(response, drops);
    const o = facts ? observationOf(facts, conversationId, null, 'record') : null;
    if (o) observations.push(o);
  }
  return { observations, drops };
}
