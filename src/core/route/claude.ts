/**
 * Claude (claude.ai) completion stream → the route of one reply (routing.md §3). Pure,
 * incremental, bounded, never throws. NOT WIRED into the observer: Claude's page gives a reply
 * no id that its stream names (the DOM adapter numbers rows by position), so a route could not
 * be tied to the reply it belongs to (README "route" column).
 *
 * - requested: the request body's `model` (`POST …/chat_conversations/<id>/completion`);
 * - served: `message_start.message.model` (low–medium confidence: no source compares the two);
 * - the names, never the contents, of unknown SSE events (how a safety fallback such as Fable →
 *   Opus is announced on the web is unknown), as `event:<name>` flags;
 * - text deltas (`content_block_delta`) are skipped without being parsed.
 */
import { countDrop, MAX_STREAM_CHARS, type DropCounts, type StreamParser, parseJsonCounted } from './drop-reasons.ts';
import { createSseParser } from './sse-feed.ts';
import { idField, isRec, slugField } from './chatgpt-fields.ts';
import type { SseEvent } from './sse.ts';
import type { ParsedRoute } from './observation.ts';

const KNOWN_EVENTS = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_limit',
  'message_stop',
  'ping',
  'error',
]);
const EVENT_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_UNKNOWN_EVENTS = 4;

export interface ClaudeStreamOptions {
  /** The request body's `model` (read with requestedModelOf). */
  requested?: string | null;
  conversationId?: string | null;
  maxEventChars?: number;
  maxStreamChars?: number;
}

export interface ClaudeStreamResult {
  route: ParsedRoute<'claude'> | null;
  drops: DropCounts;
}

export type ClaudeStreamParser = StreamParser<ClaudeStreamResult>;

export function createClaudeStreamParser(options: ClaudeStreamOptions = {}): ClaudeStreamParser {
  const maxStream = options.maxStreamChars ?? MAX_STREAM_CHARS;
  const drops: DropCounts = {};
  const unknownEvents: string[] = [];
  let messageId: string | null = null;
  let served: string | null = null;
  let stopped = false;

  const onEvent = ({ event, data }: SseEvent): void => {
    if (event === 'content_block_delta') return; // the reply's text
    if (event !== null && !KNOWN_EVENTS.has(event)) {
      if (EVENT_NAME.test(event) && unknownEvents.length < MAX_UNKNOWN_EVENTS && !unknownEvents.includes(event)) unknownEvents.push(event);
      else if (!EVENT_NAME.test(event)) countDrop(drops, 'bad-field');
      return;
    }
    if (event === 'message_stop') {
      stopped = true;
      return;
    }
    if (event !== 'message_start') return; // blocks, limits, pings: nothing kept
    const parsed = parseJsonCounted(data, drops);
    if (parsed === undefined) return;
    const message = isRec(parsed) && isRec(parsed.message) ? parsed.message : null;
    if (message === null) {
      countDrop(drops, 'not-an-object');
      return;
    }
    messageId = idField(message, 'uuid', drops) ?? idField(message, 'id', drops) ?? messageId;
    served = slugField(message, 'model', drops) ?? served;
  };

  return createSseParser({ maxStreamChars: maxStream, maxEventChars: options.maxEventChars }, drops, onEvent, () => {
    const requested = options.requested ?? null;
    if (messageId === null || (requested === null && served === null)) return { route: null, drops: { ...drops } };
    const flags: string[] = [];
    if (requested !== null) flags.push('requested-from:request');
    if (served !== null) flags.push('served-from:message-start');
    for (const name of unknownEvents) flags.push(`event:${name}`);
    if (!stopped) flags.push('incomplete');
    return {
      route: { site: 'claude', conversationId: options.conversationId ?? null, messageId, requested, shown: null, served, flags, via: 'stream' },
      drops: { ...drops },
    };
  });
}

/** Whole-text convenience (tests): one push, then finish. */
export function parseClaudeStream(text: string, options?: ClaudeStreamOptions): ClaudeStreamResult {
  const parser = createClaudeStreamParser(options);
  parser.push(text);
  return parser.finish();
}
