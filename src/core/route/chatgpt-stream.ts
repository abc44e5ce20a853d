/**
 * ChatGPT conversation stream → route observations. Pure, incremental (push text as it
 * arrives, in any split), bounded, never throws.
 *
 * Reads the SSE body of `POST /backend-api/(f/)conversation` (or the same SSE text carried in
 * WebSocket stream items): typed events (`input_message`, `server_ste_metadata`,
 * `conversation_detail_metadata`, `message_stream_complete`, `stream_handoff`) and v1 deltas
 * with sticky `p`/`o` (routing.md §1.3–1.4). Keeps only the fields of chatgpt-fields.ts: text
 * deltas are recognised without being parsed, and no text, token or header is retained.
 */
import { countDrop, MAX_STREAM_CHARS, type DropCounts, type StreamParser, parseJsonCounted } from './drop-reasons.ts';
import { createSseParser } from './sse-feed.ts';
import { idField, isAnswerMessage, isRec, observationOf, slugField, steFacts, type AnswerFacts, type SteFacts } from './chatgpt-fields.ts';
import type { RouteObservation, RouteVia } from './observation.ts';
import type { SseEvent } from './sse.ts';

type Rec = Record<string, unknown>;

export interface ChatGptStreamOptions {
  /** The request body's `model`, when the observer read the request. */
  requested?: string | null;
  via?: Extract<RouteVia, 'stream' | 'socket'>;
  /** Largest event (1 MB) and whole stream (8 MB) read; beyond, the event / the rest is dropped. */
  maxEventChars?: number;
  maxStreamChars?: number;
}

export interface ChatGptStreamResult {
  observations: RouteObservation[];
  /** WebSocket topics the stream handed the reply to (`stream_handoff`); the reply continues there. */
  handoffTopics: string[];
  drops: DropCounts;
  /** `data: [DONE]` was seen (after a handoff this is not the end of the turn). */
  done: boolean;
}

export type ChatGptStreamParser = StreamParser<ChatGptStreamResult>;

/** A text delta without its own path: `{"v": "…"}`. The vast majority of events; never parsed. */
const BARE_TEXT_DELTA = /^\{"v": ?"/;

export function createChatGptStreamParser(options: ChatGptStreamOptions = {}): ChatGptStreamParser {
  const via = options.via ?? 'stream';
  const maxStream = options.maxStreamChars ?? MAX_STREAM_CHARS;
  const drops: DropCounts = {};
  const answers = new Map<string, AnswerFacts>();
  const steById = new Map<string, SteFacts>();
  let steUnkeyed: SteFacts | null = null;
  let conversationId: string | null = null;
  let conversationDefault: string | null = null;
  let resolvedEcho: string | null = null;
  let current: AnswerFacts | null = null;
  let lastAnswer: AnswerFacts | null = null;
  let stickyPath = '';
  let stickyOp = '';
  let streamComplete = false;
  let done = false;
  const topics: string[] = [];

  const takeConversationId = (source: Rec): void => {
    const id = idField(source, 'conversation_id', drops);
    if (id !== null) conversationId ??= id;
  };

  const startMessage = (message: unknown): void => {
    if (!isAnswerMessage(message)) {
      current = null;
      return;
    }
    const id = idField(message, 'id', drops);
    if (id === null) {
      current = null;
      return;
    }
    const metadata = isRec(message.metadata) ? message.metadata : {};
    let facts = answers.get(id);
    if (!facts) {
      facts = {
        messageId: id,
        conversationId: null,
        request: options.requested ?? null,
        label: null,
        defaultSlug: null,
        resolved: null,
        resolvedEcho: null,
        ste: null,
        complete: false,
      };
      answers.set(id, facts);
    }
    facts.label = slugField(metadata, 'model_slug', drops) ?? facts.label;
    facts.defaultSlug = slugField(metadata, 'default_model_slug', drops) ?? facts.defaultSlug;
    facts.resolved = slugField(metadata, 'resolved_model_slug', drops) ?? facts.resolved;
    current = facts;
    lastAnswer = facts;
  };

  /** One path operation on the current message; only metadata matters here. */
  const apply = (path: unknown, op: unknown, value: unknown): void => {
    if (current === null || typeof path !== 'string') return;
    if (path === '/message/metadata' && (op === 'append' || op === 'replace') && isRec(value)) {
      current.label = slugField(value, 'model_slug', drops) ?? current.label;
      current.defaultSlug = slugField(value, 'default_model_slug', drops) ?? current.defaultSlug;
      current.resolved = slugField(value, 'resolved_model_slug', drops) ?? current.resolved;
      if (value.is_complete === true) current.complete = true;
    } else if (path.startsWith('/message/metadata/') && op === 'replace') {
      const key = path.slice('/message/metadata/'.length);
      if (key === 'model_slug') current.label = slugField({ v: value }, 'v', drops) ?? current.label;
      else if (key === 'resolved_model_slug') current.resolved = slugField({ v: value }, 'v', drops) ?? current.resolved;
      else if (key === 'default_model_slug') current.defaultSlug = slugField({ v: value }, 'v', drops) ?? current.defaultSlug;
    }
  };

  const typed = (type: string, event: Rec): void => {
    takeConversationId(event);
    if (type === 'input_message' && isRec(event.input_message)) {
      const metadata = isRec(event.input_message.metadata) ? event.input_message.metadata : {};
      resolvedEcho = slugField(metadata, 'resolved_model_slug', drops) ?? resolvedEcho;
    } else if (type === 'server_ste_metadata' && isRec(event.metadata)) {
      const ste = steFacts(event.metadata, drops);
      const id = idField(event.metadata, 'message_id', drops);
      if (id !== null) steById.set(id, ste);
      else steUnkeyed = ste;
    } else if (type === 'conversation_detail_metadata') {
      conversationDefault = slugField(event, 'default_model_slug', drops) ?? conversationDefault;
    } else if (type === 'message_stream_complete') {
      streamComplete = true;
    } else if (type === 'stream_handoff' && Array.isArray(event.options)) {
      for (const option of event.options.slice(0, 8)) {
        if (
          isRec(option) &&
          option.type === 'subscribe_ws_topic' &&
          typeof option.topic_id === 'string' &&
          /^[A-Za-z0-9_-]{1,160}$/.test(option.topic_id) &&
          !topics.includes(option.topic_id)
        )
          topics.push(option.topic_id);
      }
    }
    // resume_conversation_token, message_marker, title_generation, ads, …: nothing kept.
  };

  const delta = (event: Rec): void => {
    if ('p' in event) stickyPath = typeof event.p === 'string' ? event.p : '';
    if ('o' in event) stickyOp = typeof event.o === 'string' ? event.o : '';
    const value = event.v;
    if (isRec(value) && 'message' in value) {
      takeConversationId(value);
      startMessage(value.message);
      return;
    }
    if (stickyOp === 'patch' && Array.isArray(value)) {
      for (const op of value.slice(0, 256)) if (isRec(op)) apply(op.p, op.o, op.v);
      return;
    }
    apply(stickyPath, stickyOp, value);
  };

  const onEvent = ({ event, data }: SseEvent): void => {
    if (data === '[DONE]') {
      done = true;
      return;
    }
    if (event === 'delta_encoding') return;
    // Bare text deltas keep the sticky path and op; only a metadata path could make them matter.
    if (BARE_TEXT_DELTA.test(data) && !stickyPath.startsWith('/message/metadata')) return;
    const parsed = parseJsonCounted(data, drops);
    if (parsed === undefined) return;
    if (!isRec(parsed)) {
      countDrop(drops, 'not-an-object');
      return;
    }
    if (typeof parsed.type === 'string') typed(parsed.type, parsed);
    else delta(parsed);
  };

  return createSseParser({ maxStreamChars: maxStream, maxEventChars: options.maxEventChars }, drops, onEvent, () => {
    const observations: RouteObservation[] = [];
    for (const facts of answers.values()) {
      facts.conversationId = conversationId;
      facts.defaultSlug ??= conversationDefault;
      facts.resolvedEcho = resolvedEcho;
      facts.ste = steById.get(facts.messageId) ?? (facts === lastAnswer ? steUnkeyed : null);
      facts.complete ||= streamComplete;
      const o = observationOf(facts, via);
      if (o) observations.push(o);
    }
    return { observations, handoffTopics: [...topics], drops: { ...drops }, done };
  });
}

/** Whole-text convenience (tests, CLI): one push, then finish. */
export function parseChatGptStream(text: string, options?: ChatGptStreamOptions): ChatGptStreamResult {
  const parser = createChatGptStreamParser(options);
  parser.push(text);
  return parser.finish();
}
