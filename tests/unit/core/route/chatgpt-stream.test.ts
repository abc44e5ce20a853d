import { describe, expect, it } from 'vitest';
import { createChatGptStreamParser, parseChatGptStream, type ChatGptStreamResult } from '../../../../src/core/route/chatgpt-stream.ts';
import { createSseFramer } from '../../../../src/core/route/sse.ts';
import { allSplits, feedBytes } from './byte-splits.ts';
import { readShared, readSharedBytes, SSE_FILES } from './fixtures.ts';

const FAKE_JWT = 'eyJhbGciOiJub25lIn0.eyJzeW50aGV0aWMiOnRydWV9.c3ludGhldGlj';
const fixture = (name: string) => `network/chatgpt/${name}`;

/** Feed bytes split at the given offsets through one streaming TextDecoder, as the observer does. */
function parseBytes(bytes: Uint8Array, cuts: number[]): ChatGptStreamResult {
  const parser = createChatGptStreamParser();
  feedBytes((text) => parser.push(text), bytes, cuts);
  return parser.finish();
}

describe('ChatGPT stream parser on the fixtures', () => {
  const expected: Record<string, { id: string; shown: string; requested: string; served: string; flags: string[] }> = {
    'plain-gpt-5.sse': { id: 'eae3732d-38c1-45d6-9a1f-7aa536eafa28', shown: 'gpt-5', requested: 'gpt-5', served: 'gpt-5', flags: ['plan:paid'] },
    'autoswitch-gpt-5-thinking.sse': {
      id: '7387da67-d9d2-4f5d-b152-56ba6d80d558',
      shown: 'gpt-5-thinking',
      requested: 'auto',
      served: 'gpt-5-thinking',
      flags: ['auto-switched-to-reasoning', 'autoswitcher-enabled', 'race-winner:reasoning', 'requested-experience:auto'],
    },
    'safety-route-gpt-5-chat-safety.sse': {
      id: '285f0789-65f5-4299-bc83-ab74842a0944',
      shown: 'gpt-5',
      requested: 'gpt-5',
      served: 'gpt-5-chat-safety',
      flags: [],
    },
    'downgrade-gpt-5-mini.sse': { id: '05768b41-199e-4815-b6eb-fd7b6561f0d2', shown: 'gpt-5', requested: 'gpt-5', served: 'gpt-5-mini', flags: ['plan:free'] },
  };

  for (const name of SSE_FILES) {
    it(`${name}: every field of the final answer`, () => {
      const result = parseChatGptStream(readShared(fixture(name)));
      const want = expected[name];
      expect(result.drops).toEqual({});
      expect(result.done).toBe(true);
      expect(result.observations).toHaveLength(1);
      const [o] = result.observations;
      expect(o.messageId).toBe(want.id);
      expect(o.shown).toBe(want.shown);
      expect(o.requested).toBe(want.requested);
      expect(o.served).toBe(want.served);
      expect(o.via).toBe('stream');
      expect(o.conversationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(o.flags).toContain('served-from:ste');
      expect(o.flags).toContain('requested-from:default');
      expect(o.flags).not.toContain('incomplete');
      for (const f of want.flags) expect(o.flags).toContain(f);
    });

    it(`${name}: the same result at every two-way split, random splits and 1-byte pieces`, () => {
      const bytes = readSharedBytes(fixture(name));
      const whole = parseBytes(bytes, []);
      for (const cuts of allSplits(bytes.length)) expect(parseBytes(bytes, cuts)).toEqual(whole);
    });

    it(`${name}: keeps no token and no message text`, () => {
      const text = readShared(fixture(name));
      const out = JSON.stringify(parseChatGptStream(text));
      expect(out).not.toContain(FAKE_JWT);
      expect(out).not.toMatch(/Departure|baking|Leavening|boil/i);
    });

    it(`${name}: the same with CRLF line ends`, () => {
      const text = readShared(fixture(name));
      expect(parseChatGptStream(text.replace(/\n/g, '\r\n'))).toEqual(parseChatGptStream(text));
    });
  }

  it('the request model, when read, is the requested model', () => {
    const [o] = parseChatGptStream(readShared(fixture('safety-route-gpt-5-chat-safety.sse')), { requested: 'gpt-5-thinking' }).observations;
    expect(o.requested).toBe('gpt-5-thinking');
    expect(o.flags).toContain('requested-from:request');
  });

  it('the handoff POST gives no route, only the topic to follow', () => {
    const result = parseChatGptStream(readShared(fixture('handoff-post.sse')));
    expect(result.observations).toEqual([]);
    expect(result.handoffTopics).toEqual(['conversation-turn-9c6b3a21-d7cb-4a98-91c5-00f2f58a6535']);
    expect(JSON.stringify(result)).not.toContain(FAKE_JWT);
  });
});

describe('ChatGPT stream parser on broken and hostile streams', () => {
  const downgrade = () => readShared(fixture('downgrade-gpt-5-mini.sse'));

  it('a stream cut anywhere never throws; before the server metadata it says "incomplete", never the label as served', () => {
    const text = downgrade();
    const ste = text.indexOf('server_ste_metadata');
    const completed = text.indexOf('"is_complete"');
    for (let cut = 0; cut < text.length; cut += 7) {
      const result = parseChatGptStream(text.slice(0, cut));
      for (const o of result.observations) {
        if (cut < ste) expect(o.served).toBeNull();
        if (cut < completed) expect(o.flags).toContain('incomplete');
        expect(o.shown).toBe('gpt-5');
      }
    }
  });

  it('malformed JSON events are ignored and counted; the rest still parses', () => {
    const text = downgrade().replace('data: {"type": "message_marker"', 'data: {"type": "message_marker",,,');
    const result = parseChatGptStream(`data: {not json\n\ndata: [1,2]\n\n${text}`);
    expect(result.drops['malformed-json']).toBe(2);
    expect(result.drops['not-an-object']).toBe(1);
    expect(result.observations[0].served).toBe('gpt-5-mini');
  });

  it('oversize events and streams are dropped and counted, memory stays bounded', () => {
    const huge = `data: {"type":"server_ste_metadata","metadata":{"model_slug":"x","pad":"${'a'.repeat(20_000)}"}}\n\n`;
    const small = createChatGptStreamParser({ maxEventChars: 5_000 });
    small.push(huge);
    small.push(downgrade());
    const r = small.finish();
    expect(r.drops['oversize-event']).toBe(1);
    expect(r.observations[0].served).toBe('gpt-5-mini');

    const capped = createChatGptStreamParser({ maxStreamChars: 100 });
    capped.push(downgrade());
    expect(capped.overLimit).toBe(true);
    expect(capped.finish().drops['oversize-stream']).toBe(1);

    // A line that never ends is not buffered for ever.
    const endless = createChatGptStreamParser({ maxEventChars: 1_000 });
    for (let i = 0; i < 100; i++) endless.push(`data: ${'b'.repeat(500)}`);
    expect(endless.finish().drops['oversize-event']).toBe(1);
  });

  it('slugs and ids that are not slugs are dropped and counted', () => {
    const text = downgrade().replace('"model_slug": "gpt-5-mini"', '"model_slug": "<img src=x onerror=alert(1)>"');
    const result = parseChatGptStream(text);
    expect(result.drops['bad-field']).toBe(1);
    expect(result.observations[0].served).toBeNull();
    expect(JSON.stringify(result)).not.toContain('<img');
  });

  it('server metadata for another message id does not route this one', () => {
    const text = downgrade().replace(/"message_id": "05768b41-199e-4815-b6eb-fd7b6561f0d2", "request_id"/, '"message_id": "someone-else", "request_id"');
    const [o] = parseChatGptStream(text).observations;
    expect(o.served).toBeNull();
  });

  it('prototype keys, nested junk and non-text messages do not become routes', () => {
    const junk = [
      'data: {"__proto__": {"model_slug": "polluted"}, "v": {"message": {"author": {"role": "tool"}, "id": "t1", "content": {"content_type": "text"}, "metadata": {"model_slug": "tool-model"}}}}',
      `data: ${'['.repeat(20_000)}${']'.repeat(20_000)}`,
      'data: {"type": "server_ste_metadata", "metadata": null}',
      'data: {"type": "stream_handoff", "options": [{"type": "subscribe_ws_topic", "topic_id": "../../etc"}]}',
    ].join('\n\n');
    const result = parseChatGptStream(`${junk}\n\n`);
    expect(result.observations).toEqual([]);
    expect(result.handoffTopics).toEqual([]);
    expect(({} as Record<string, unknown>).model_slug).toBeUndefined();
  });

  it('a metadata replace of model_slug (seen in one userscript) updates the label', () => {
    const text = downgrade().replace(
      'data: {"type": "message_marker"',
      'event: delta\ndata: {"p": "/message/metadata/model_slug", "o": "replace", "v": "gpt-5-1"}\n\ndata: {"type": "message_marker"',
    );
    expect(parseChatGptStream(text).observations[0].shown).toBe('gpt-5-1');
  });
});

describe('SSE framer', () => {
  it('joins multi-line data, skips comments, handles CR, LF and CRLF', () => {
    const f = createSseFramer();
    const events = [...f.push('event: x\r\ndata: a\rdata:b\n\n: ping\n\ndata: c\r'), ...f.push('\n\r\n')];
    expect(events).toEqual([
      { event: 'x', data: 'a\nb' },
      { event: null, data: 'c' },
    ]);
    expect(f.finish()).toEqual({ events: [], unterminated: false });
  });

  it('flushes an unterminated last event and says so', () => {
    const f = createSseFramer();
    f.push('data: [DONE]');
    expect(f.finish()).toEqual({ events: [{ event: null, data: '[DONE]' }], unterminated: true });
  });
});
