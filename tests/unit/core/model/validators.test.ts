import { describe, expect, it } from 'vitest';
import { BUNDLE_SCHEMA, CONVERSATION_SCHEMA, SETTINGS_PATCH_SCHEMA } from '../../../../src/core/model/records.ts';
import { readRecord, validatorOf } from '../../../../src/core/model/schema.ts';

const conversation = {
  key: 'chatgpt:c1',
  site: 'chatgpt',
  conversationId: 'c1',
  title: null,
  url: null,
  source: 'capture',
  firstSeen: 1,
  lastSeen: 2,
  models: ['gpt-4o'],
  turnCount: 2,
  assistantCount: 1,
  shiftCount: 0,
  annotationCount: 0,
};

describe('validators generated from the record schemas', () => {
  const isConversation = validatorOf(CONVERSATION_SCHEMA);

  it('returns a fresh record with only the schema fields', () => {
    const out = isConversation({ ...conversation, extra: '<img>' });
    expect(out).toEqual(conversation);
    expect(out).not.toHaveProperty('extra');
  });

  it.each([
    ['an empty key', { key: '' }],
    ['a negative count', { turnCount: -1 }],
    ['a fractional count', { shiftCount: 0.5 }],
    ['a model name over the short-string limit', { models: ['x'.repeat(2_049)] }],
    ['an unknown site', { site: 'evil' }],
    ['a missing field', { lastSeen: undefined }],
  ])('rejects %s, where file import only checks the shape', (_name, change) => {
    const bad = { ...conversation, ...change };
    expect(isConversation(bad)).toBeNull();
    // Files keep their own limits (formats/limits.ts): the bounds are the messages' alone.
    const shapeOnly = ['an unknown site', 'a missing field'].includes(_name);
    if (shapeOnly) expect(() => readRecord(CONVERSATION_SCHEMA, bad, 'file')).toThrow();
    else expect(readRecord(CONVERSATION_SCHEMA, bad, 'file')).toEqual(bad);
  });

  it('bounds nested records and list lengths', () => {
    const isBundle = validatorOf(BUNDLE_SCHEMA);
    const turn = {
      key: 'chatgpt:c1:t1',
      conversationKey: 'chatgpt:c1',
      turnId: 't1',
      order: 0,
      role: 'assistant',
      text: 'hi',
      contentHash: 'h',
      model: null,
      selectedModel: null,
      thinking: null,
      branch: null,
      alternativeOf: null,
      capturedAt: 1,
      createdAt: null,
      route: { requested: null, shown: null, served: 'gpt-5', flags: [], source: 'page-reported' },
    };
    const bundle = { conversation, turns: [turn], analyses: [], annotations: [] };
    expect(isBundle(bundle)).toEqual(bundle);
    expect(isBundle({ ...bundle, turns: [{ ...turn, route: { ...turn.route, flags: Array(33).fill('f') } }] })).toBeNull();
    expect(isBundle({ ...bundle, turns: [{ ...turn, text: 'x'.repeat(1_000_001) }] })).toBeNull();
    // A bundle written before routes existed: the missing route reads as null.
    const { route: _route, ...old } = turn;
    expect(isBundle({ ...bundle, turns: [old] })?.turns[0].route).toBeNull();
  });

  it('an optional field keeps its own bounds', () => {
    const isStep = validatorOf<{ id: string; long?: string }>({ id: 'id', long: { optional: { string: { max: 5_000 } } } });
    expect(isStep({ id: 'a', long: 'x'.repeat(4_000) })).toEqual({ id: 'a', long: 'x'.repeat(4_000) });
    expect(isStep({ id: 'a', long: 'x'.repeat(5_001) })).toBeNull();
    expect(isStep({ id: 'a' })).toEqual({ id: 'a' });
  });

  it('closed objects reject unknown fields; map keys come from their list', () => {
    const isPatch = validatorOf(SETTINGS_PATCH_SCHEMA, { closed: true });
    expect(isPatch({ paused: true })).toEqual({ paused: true });
    expect(isPatch({ paused: true, evil: 1 })).toBeNull();
    expect(isPatch({ sites: { claude: { enabled: false, selectors: {} } } })).toEqual({ sites: { claude: { enabled: false, selectors: {} } } });
    expect(isPatch({ sites: { 'evil.com': { enabled: false, selectors: {} } } })).toBeNull();
  });
});
