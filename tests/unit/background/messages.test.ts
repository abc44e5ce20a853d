import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPES, parseMessage } from '../../../src/messages.ts';

const capturedTurn = { id: 't1', role: 'assistant', text: 'hi', model: null, selectedModel: null, streaming: false, thinking: null, branch: { index: 1, count: 2 } };
const capture = { type: 'capture/page', site: 'chatgpt', conversationId: 'c1', url: 'https://chatgpt.com/c/c1', title: null, status: 'ok', selectedModel: 'GPT-4o', turns: [capturedTurn], pending: 0 };

describe('parseMessage', () => {
  it('accepts every well-formed message and strips unknown fields', () => {
    expect(parseMessage({ type: 'ping', extra: 1 })).toEqual({ type: 'ping' });
    expect(parseMessage({ ...capture, injected: '<img>' })).toEqual(capture);
    expect(parseMessage({ type: 'tab/status', tabId: 3 })).toEqual({ type: 'tab/status', tabId: 3 });
    expect(parseMessage({ type: 'annotation/save', turnKey: 'k', conversationKey: 'c', kind: 'relabel', label: 'tone', note: null })).toBeTruthy();
    expect(parseMessage({ type: 'settings/set', patch: { paused: true, sites: { claude: { enabled: false, selectors: { turn: 'div' } } } } })).toBeTruthy();
    expect(parseMessage({ type: 'recompute' })).toEqual({ type: 'recompute' });
    expect(parseMessage({ type: 'recompute', conversationKey: 'chatgpt:c1' })).toEqual({ type: 'recompute', conversationKey: 'chatgpt:c1' });
    expect(parseMessage({ type: 'import/bundles', bundles: [] })).toEqual({ type: 'import/bundles', bundles: [] });
    expect(MESSAGE_TYPES).toHaveLength(12);
  });

  it.each([
    ['not an object', 'ping'],
    ['null', null],
    ['unknown type', { type: 'store/drop' }],
    ['prototype key as type', { type: 'toString' }],
    ['bad site', { ...capture, site: 'evil.com' }],
    ['turn with bad role', { ...capture, turns: [{ ...capturedTurn, role: 'system' }] }],
    ['turn without streaming flag', { ...capture, turns: [{ ...capturedTurn, streaming: undefined }] }],
    ['negative pending', { ...capture, pending: -1 }],
    ['huge text', { ...capture, turns: [{ ...capturedTurn, text: 'x'.repeat(1_000_001) }] }],
    ['tab id as string', { type: 'tab/status', tabId: '3' }],
    ['unknown annotation kind', { type: 'annotation/save', turnKey: 'k', conversationKey: 'c', kind: 'love', label: null, note: null }],
    ['settings patch with unknown field', { type: 'settings/set', patch: { evil: true } }],
    ['settings patch with unknown site', { type: 'settings/set', patch: { sites: { 'evil.com': { enabled: true, selectors: {} } } } }],
    ['import with a malformed bundle', { type: 'import/bundles', bundles: [{ conversation: {}, turns: [], analyses: [], annotations: [] }] }],
    ['empty conversation key', { type: 'conversation/delete', conversationKey: '' }],
  ])('drops %s', (_name, raw) => {
    expect(parseMessage(raw)).toBeNull();
  });

  it('never throws on hostile input (throwing getters)', () => {
    const hostile = { type: 'capture/page', get site(): string { throw new Error('boom'); } };
    expect(parseMessage(hostile)).toBeNull();
  });
});
