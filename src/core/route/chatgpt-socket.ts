/**
 * ChatGPT WebSocket frames → route observations, for replies handed off from the POST stream
 * (`stream_handoff` → `subscribe_ws_topic`, routing.md §1.8). Pure, never throws.
 *
 * A frame is a JSON array of items; a `message` item of payload type `conversation-turn-stream`
 * carries a `stream-item` whose `encoded_item` is a piece of the same SSE text as the POST
 * stream, or `done`. `reply` items carry the same items as `catchups`. The socket is shared by
 * every tab of the user, so only topics this tab's own streams announced are read (the caller
 * says which through `acceptTopic`); items are de-duplicated by `stream_item_id`.
 */
import { countDrop, type DropCounts, parseJsonCounted } from './drop-reasons.ts';
import { isRec } from './chatgpt-fields.ts';
import { createChatGptStreamParser, type ChatGptStreamParser } from './chatgpt-stream.ts';
import type { RouteObservation } from './observation.ts';

export interface ChatGptSocketOptions {
  /** Only topics this returns true for are read (the handoff topics of this tab's own streams). */
  acceptTopic: (topicId: string) => boolean;
  /** Largest frame read; larger ones are dropped and counted. Default 1 MB. */
  maxFrameChars?: number;
  /** Most topics followed at once. Default 8. */
  maxTopics?: number;
}

export interface ChatGptSocketParser {
  /** Read one text frame; returns the observations of topics that finished with it. */
  pushFrame(text: string): RouteObservation[];
  readonly drops: DropCounts;
}

interface TopicState {
  parser: ChatGptStreamParser;
  seen: Set<string>;
}

export function createChatGptSocketParser(options: ChatGptSocketOptions): ChatGptSocketParser {
  const maxFrame = options.maxFrameChars ?? 1_000_000;
  const maxTopics = options.maxTopics ?? 8;
  const drops: DropCounts = {};
  const topics = new Map<string, TopicState>();
  const finished = new Set<string>();

  const item = (raw: unknown, out: RouteObservation[]): void => {
    if (!isRec(raw) || raw.type !== 'message' || typeof raw.topic_id !== 'string') return;
    const outer = raw.payload;
    if (!isRec(outer) || outer.type !== 'conversation-turn-stream' || !isRec(outer.payload)) return;
    const topicId = raw.topic_id;
    if (finished.has(topicId)) return;
    if (!options.acceptTopic(topicId)) {
      countDrop(drops, 'unknown-topic');
      return;
    }
    let state = topics.get(topicId);
    if (!state) {
      if (topics.size >= maxTopics) {
        countDrop(drops, 'unknown-topic');
        return;
      }
      state = { parser: createChatGptStreamParser({ via: 'socket' }), seen: new Set() };
      topics.set(topicId, state);
    }
    const inner = outer.payload;
    if (inner.type === 'done') {
      topics.delete(topicId);
      finished.add(topicId);
      const result = state.parser.finish();
      for (const [reason, n] of Object.entries(result.drops)) countDrop(drops, reason as keyof DropCounts, n);
      out.push(...result.observations);
      return;
    }
    if (inner.type !== 'stream-item' || typeof inner.encoded_item !== 'string') return;
    const itemId = typeof inner.stream_item_id === 'string' ? inner.stream_item_id : null;
    if (itemId !== null) {
      if (state.seen.has(itemId)) {
        countDrop(drops, 'duplicate-item');
        return;
      }
      state.seen.add(itemId);
    }
    const text = inner.encoded_item;
    // SSE text starts with a field name; anything else (e.g. base64 on "Work") is not read.
    if (!/^(?:event|data|id|retry|:)/.test(text)) {
      countDrop(drops, 'unsupported-encoding');
      return;
    }
    state.parser.push(text);
  };

  return {
    pushFrame(text) {
      const out: RouteObservation[] = [];
      if (text.length > maxFrame) {
        countDrop(drops, 'oversize-event');
        return out;
      }
      // Cheap pre-check: frames without a conversation-turn stream are not parsed at all.
      if (!text.includes('conversation-turn-stream')) return out;
      const frame = parseJsonCounted(text, drops);
      if (frame === undefined) return out;
      if (!Array.isArray(frame)) {
        countDrop(drops, 'not-an-object');
        return out;
      }
      for (const entry of frame.slice(0, 256)) {
        if (isRec(entry) && entry.type === 'reply' && isRec(entry.reply) && Array.isArray(entry.reply.catchups)) {
          for (const c of entry.reply.catchups.slice(0, 256)) item(c, out);
        } else {
          item(entry, out);
        }
      }
      return out;
    },
    get drops() {
      return drops;
    },
  };
}
