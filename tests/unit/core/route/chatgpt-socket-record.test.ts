import { describe, expect, it } from 'vitest';
import { createChatGptSocketParser } from '../../../../src/core/route/chatgpt-socket.ts';
import { parseChatGptRecord } from '../../../../src/core/route/chatgpt-record.ts';
import { requestedModelOf } from '../../../../src/core/route/chatgpt-request.ts';
import { parseRouteObservation, routeInfoOf } from '../../../../src/core/route/observation.ts';
import { readShared } from './fixtures.ts';

const TOPIC = 'conversation-turn-9c6b3a21-d7cb-4a98-91c5-00f2f58a6535';
const frames = () => readShared('network/chatgpt/handoff-ws-frames.jsonl').split('\n').filter(Boolean);

describe('ChatGPT socket frames (handoff)', () => {
  it('follows the announced topic, de-duplicates the repeated item and reports the route at "done"', () => {
    const ws = createChatGptSocketParser({ acceptTopic: (t) => t === TOPIC });
    const all = frames().flatMap((f) => ws.pushFrame(f));
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      messageId: '88949dad-cb85-4689-88a3-8bce4b3c26b4',
      shown: 'gpt-5',
      served: 'gpt-5',
      requested: 'gpt-5',
      via: 'socket',
    });
    expect(ws.drops['duplicate-item']).toBe(1);
    expect(JSON.stringify(all)).not.toMatch(/Bonjour|Buenos/);
  });

  it('ignores topics this tab did not announce (the socket is shared by every tab)', () => {
    const ws = createChatGptSocketParser({ acceptTopic: () => false });
    expect(frames().flatMap((f) => ws.pushFrame(f))).toEqual([]);
    expect(ws.drops['unknown-topic']).toBeGreaterThan(0);
  });

  it('is not confused by frames split differently: every item in its own frame', () => {
    const items = frames()
      .flatMap((f) => JSON.parse(f) as unknown[])
      .flatMap((entry) => {
        const e = entry as { type: string; reply?: { catchups: unknown[] } };
        return e.type === 'reply' ? e.reply!.catchups : [entry];
      });
    const ws = createChatGptSocketParser({ acceptTopic: () => true });
    const all = items.flatMap((i) => ws.pushFrame(JSON.stringify([i])));
    expect(all.map((o) => o.served)).toEqual(['gpt-5']);
  });

  it('hostile frames are counted, never thrown', () => {
    const ws = createChatGptSocketParser({ acceptTopic: () => true, maxFrameChars: 10_000 });
    expect(ws.pushFrame('{"conversation-turn-stream": ')).toEqual([]);
    expect(ws.pushFrame('{"conversation-turn-stream": 1}')).toEqual([]);
    expect(ws.pushFrame(`["conversation-turn-stream", "${'x'.repeat(20_000)}"]`)).toEqual([]);
    expect(
      ws.pushFrame(
        JSON.stringify([
          {
            type: 'message',
            topic_id: TOPIC,
            payload: { type: 'conversation-turn-stream', payload: { type: 'stream-item', stream_item_id: 'b', encoded_item: 'ZGF0YTogeyJ0eXBlIjog' } },
          },
        ]),
      ),
    ).toEqual([]);
    expect(ws.drops).toMatchObject({ 'malformed-json': 1, 'not-an-object': 1, 'oversize-event': 1, 'unsupported-encoding': 1 });
  });
});

describe('ChatGPT conversation record (reload)', () => {
  const record = () => JSON.parse(readShared('network/chatgpt/conversation-model-changes.json')) as Record<string, unknown>;

  it('walks the active path only: three answers, labels gpt-5 → gpt-5-thinking → gpt-5-mini, served from the user echo', () => {
    const { observations, drops } = parseChatGptRecord(record(), 'conv-1');
    expect(drops).toEqual({});
    expect(observations.map((o) => [o.shown, o.served, o.requested])).toEqual([
      ['gpt-5', 'gpt-5', 'auto'],
      ['gpt-5-thinking', 'gpt-5-thinking', 'auto'],
      ['gpt-5-mini', 'gpt-5-mini', 'auto'],
    ]);
    expect(observations.at(-1)!.messageId).toBe('36fdaad3-8fbf-4ca1-88b4-9545c63db5f8');
    expect(observations.every((o) => o.via === 'record' && o.conversationId === 'conv-1')).toBe(true);
    // The inactive regenerated sibling is not on the path.
    expect(observations.map((o) => o.messageId)).not.toContain('c069a58b-f3f6-439d-89d6-d70e6a4592e1');
  });

  it('cycles, missing nodes and junk give no route and no throw', () => {
    expect(parseChatGptRecord({ mapping: { a: { parent: 'b' }, b: { parent: 'a' } }, current_node: 'a' }, null).observations).toEqual([]);
    expect(parseChatGptRecord({ mapping: null, current_node: 'a' }, null).observations).toEqual([]);
    expect(parseChatGptRecord('[]', null).observations).toEqual([]);
    expect(parseChatGptRecord({ mapping: { __proto__: 1 }, current_node: '__proto__' }, null).observations).toEqual([]);
  });
});

describe('request body and the bridge validator', () => {
  it('reads only the requested model', () => {
    expect(requestedModelOf('{"action":"next","model":"gpt-5-thinking","messages":[{"content":"hi"}]}')).toBe('gpt-5-thinking');
    expect(requestedModelOf('{"model":"<b>"}')).toBeNull();
    expect(requestedModelOf('not json "model"')).toBeNull();
  });

  const good = {
    site: 'chatgpt',
    conversationId: 'c-1',
    messageId: 'm-1',
    requested: 'gpt-5',
    shown: 'gpt-5',
    served: 'gpt-5-chat-safety',
    flags: ['served-from:ste'],
    via: 'stream',
  };

  it('accepts a well-formed observation and copies only known keys', () => {
    expect(parseRouteObservation({ ...good, extra: 'x' })).toEqual(good);
    expect(routeInfoOf(parseRouteObservation(good)!)).toEqual({
      requested: 'gpt-5',
      shown: 'gpt-5',
      served: 'gpt-5-chat-safety',
      flags: ['served-from:ste', 'via:stream'],
      source: 'page-reported',
    });
  });

  it('rejects every malformed variant', () => {
    const bad: unknown[] = [
      null,
      [],
      'x',
      { ...good, site: 'claude' },
      { ...good, messageId: '../x' },
      { ...good, served: 'a'.repeat(81) },
      { ...good, served: '<script>' },
      { ...good, flags: ['UPPER'] },
      { ...good, flags: Array(17).fill('x') },
      { ...good, via: 'dom' },
      { ...good, requested: null, shown: null, served: null },
      { ...good, conversationId: 5 },
      new Proxy(
        {},
        {
          get() {
            throw new Error('trap');
          },
        },
      ),
    ];
    for (const b of bad) expect(parseRouteObservation(b)).toBeNull();
  });
});
