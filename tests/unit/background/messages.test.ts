import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPES, parseMessage } from '../../../src/messaging/catalog.ts';

const capturedTurn = {
  id: 't1',
  role: 'assistant',
  text: 'hi',
  model: null,
  selectedModel: null,
  streaming: false,
  thinking: null,
  branch: { index: 1, count: 2 },
};
const capture = { type: 'capture/page', conversationId: 'c1', title: null, status: 'ok', selectedModel: 'GPT-4o', turns: [capturedTurn], pending: 0 };

describe('parseMessage', () => {
  it('accepts every well-formed message and strips unknown fields', () => {
    expect(parseMessage({ type: 'ping', extra: 1 })).toEqual({ type: 'ping' });
    // Site and URL are the sender's (src/background/sender.ts): any in the body are dropped.
    expect(parseMessage({ ...capture, injected: '<img>', site: 'claude', url: 'https://claude.ai/chat/x' })).toEqual(capture);
    expect(parseMessage({ ...capture, shared: true })).toEqual({ ...capture, shared: true });
    expect(parseMessage({ type: 'annotation/get', turnKey: 'k' })).toEqual({ type: 'annotation/get', turnKey: 'k' });
    expect(parseMessage({ type: 'badges/hide', patch: { paused: true } })).toEqual({ type: 'badges/hide' });
    expect(parseMessage({ type: 'tab/status', tabId: 3 })).toEqual({ type: 'tab/status', tabId: 3 });
    expect(parseMessage({ type: 'annotation/save', turnKey: 'k', conversationKey: 'c', kind: 'relabel', label: 'tone', note: null })).toBeTruthy();
    expect(parseMessage({ type: 'settings/set', patch: { paused: true, sites: { claude: { enabled: false, selectors: { turn: 'div' } } } } })).toBeTruthy();
    expect(parseMessage({ type: 'recompute' })).toEqual({ type: 'recompute' });
    expect(parseMessage({ type: 'recompute', conversationKey: 'chatgpt:c1' })).toEqual({ type: 'recompute', conversationKey: 'chatgpt:c1' });
    expect(parseMessage({ type: 'import/bundles', bundles: [] })).toEqual({ type: 'import/bundles', bundles: [] });
    const imported = {
      id: 'label-studio:k:1',
      turnKey: 'c:k',
      conversationKey: 'c',
      kind: 'confirm',
      label: null,
      note: null,
      createdAt: null,
      updatedAt: 5,
      origin: { tool: 'label-studio', author: 'user 1' },
    };
    expect(parseMessage({ type: 'import/annotations', annotations: [imported] })).toEqual({ type: 'import/annotations', annotations: [imported] });
    const route = { site: 'chatgpt', conversationId: 'c1', messageId: 'm1', requested: null, shown: 'gpt-5', served: 'gpt-5-mini', flags: [], via: 'stream' };
    expect(parseMessage({ type: 'route/observe', conversationId: 'c1', routes: [{ ...route, token: 'secret' }] })).toEqual({
      type: 'route/observe',
      conversationId: 'c1',
      routes: [route],
    });
    expect(MESSAGE_TYPES).toHaveLength(16);
  });

  it.each([
    ['not an object', 'ping'],
    ['null', null],
    ['unknown type', { type: 'store/drop' }],
    ['prototype key as type', { type: 'toString' }],
    ['turns not an array', { ...capture, turns: {} }],
    ['shared not a boolean', { ...capture, shared: 'yes' }],
    ['negative pending', { ...capture, pending: -1 }],
    ['tab id as string', { type: 'tab/status', tabId: '3' }],
    ['unknown annotation kind', { type: 'annotation/save', turnKey: 'k', conversationKey: 'c', kind: 'love', label: null, note: null }],
    ['settings patch with unknown field', { type: 'settings/set', patch: { evil: true } }],
    ['settings patch with unknown site', { type: 'settings/set', patch: { sites: { 'evil.com': { enabled: true, selectors: {} } } } }],
    ['import with a malformed bundle', { type: 'import/bundles', bundles: [{ conversation: {}, turns: [], analyses: [], annotations: [] }] }],
    ['empty conversation key', { type: 'conversation/delete', conversationKey: '' }],
    [
      'imported annotation from an unknown tool',
      {
        type: 'import/annotations',
        annotations: [
          {
            id: 'x',
            turnKey: 'c:k',
            conversationKey: 'c',
            kind: 'confirm',
            label: null,
            note: null,
            createdAt: null,
            updatedAt: null,
            origin: { tool: 'evil', author: null },
          },
        ],
      },
    ],
    [
      'imported annotation with a huge note',
      {
        type: 'import/annotations',
        annotations: [
          {
            id: 'x',
            turnKey: 'c:k',
            conversationKey: 'c',
            kind: 'note',
            label: null,
            note: 'x'.repeat(10_001),
            createdAt: null,
            updatedAt: null,
            origin: { tool: 'argilla', author: null },
          },
        ],
      },
    ],
    ['title over the short-string limit', { ...capture, title: 'x'.repeat(2_049) }],
    ['empty id in a captured conversation', { ...capture, conversationId: '' }],
    ['selector override over 500 characters', { type: 'settings/set', patch: { sites: { claude: { enabled: true, selectors: { turn: 'x'.repeat(501) } } } } }],
    ['selector override for an unknown key', { type: 'settings/set', patch: { sites: { claude: { enabled: true, selectors: { evil: 'div' } } } } }],
    ['fractional tab id', { type: 'tab/status', tabId: 1.5 }],
    [
      'annotation note over the note limit',
      { type: 'annotation/save', turnKey: 'k', conversationKey: 'c', kind: 'note', label: null, note: 'x'.repeat(10_001) },
    ],
  ])('drops %s', (_name, raw) => {
    expect(parseMessage(raw)).toBeNull();
  });

  it('a bad turn drops that turn only, and the reason is kept for the popup', () => {
    const good = { ...capturedTurn, id: 't2' };
    const cases: Array<[unknown, RegExp]> = [
      [{ ...capturedTurn, role: 'system' }, /t1: malformed/],
      [{ ...capturedTurn, streaming: undefined }, /t1: malformed/],
      [{ ...capturedTurn, text: 'x'.repeat(1_000_001) }, /t1: text over 1,000,000 characters/],
      [{ nonsense: true }, /a turn: malformed/],
    ];
    for (const [bad, reason] of cases) {
      const m = parseMessage({ ...capture, turns: [bad, good] });
      expect(m).toMatchObject({ type: 'capture/page', turns: [good] });
      expect(m && m.type === 'capture/page' && m.dropped).toEqual([expect.stringMatching(reason)]);
    }
  });

  it('turns past the per-capture cap are dropped with a reason, the rest kept', () => {
    const many = Array.from({ length: 5_003 }, (_, i) => ({ ...capturedTurn, id: `t${i}` }));
    const m = parseMessage({ ...capture, turns: many });
    expect(m && m.type === 'capture/page' && m.turns.length).toBe(5_000);
    expect(m && m.type === 'capture/page' && m.dropped).toEqual(['3 turns over the 5,000-turn limit of one capture']);
  });

  it('a sender cannot fill in the dropped reasons itself', () => {
    expect(parseMessage({ ...capture, dropped: ['forged'] })).toEqual(capture);
  });

  it('never throws on hostile input (throwing getters)', () => {
    const hostile = {
      type: 'capture/page',
      get conversationId(): string {
        throw new Error('boom');
      },
    };
    expect(parseMessage(hostile)).toBeNull();
  });
});
