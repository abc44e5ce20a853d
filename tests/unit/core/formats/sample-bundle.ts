/** A small hand-made bundle with an alternative, an analysis with labels, and annotations. */
import { contentHash } from '../../../../src/core/text/hash.ts';
import type { ConversationBundle, Turn } from '../../../../src/core/model/types.ts';

const KEY = 'chatgpt:conv1';

function turn(turnId: string, order: number, role: Turn['role'], text: string, extra: Partial<Turn> = {}): Turn {
  return {
    key: `${KEY}:${turnId}`,
    conversationKey: KEY,
    turnId,
    order,
    role,
    text,
    contentHash: contentHash(role, text),
    model: role === 'assistant' ? 'gpt-4' : null,
    selectedModel: null,
    thinking: null,
    branch: null,
    alternativeOf: null,
    capturedAt: 1_700_000_000_000 + order,
    createdAt: 1_700_000_000_000 + order,
    route: null,
    ...extra,
  };
}

export function sampleBundle(): ConversationBundle {
  return {
    conversation: {
      key: KEY,
      site: 'chatgpt',
      conversationId: 'conv1',
      title: 'Sample, with "quotes"',
      url: 'https://chatgpt.com/c/conv1',
      source: 'capture',
      firstSeen: 1_700_000_000_000,
      lastSeen: 1_700_000_000_003,
      models: ['gpt-4', 'gpt-4o'],
      turnCount: 4,
      assistantCount: 2,
      shiftCount: 1,
      annotationCount: 1,
    },
    turns: [
      turn('u1', 0, 'user', 'Hello'),
      turn('a1', 1, 'assistant', '=SUM(A1:A2)\nsecond line', { thinking: 'think first' }),
      turn('a1b', 1, 'assistant', 'An alternative, reply', { alternativeOf: `${KEY}:a1`, branch: { index: 2, count: 2 }, model: 'gpt-4o' }),
      turn('u2', 2, 'user', '- a list item\n- another'),
      turn('a2', 3, 'assistant', 'lol ok 😀', {
        model: 'gpt-4o',
        route: { requested: 'gpt-4', shown: 'gpt-4o', served: 'gpt-4o-safety', flags: ['served-from:ste', 'via:stream'], source: 'page-reported' },
      }),
    ],
    analyses: [
      {
        turnKey: `${KEY}:a1`,
        conversationKey: KEY,
        detectorVersion: 'v-test',
        index: 0,
        state: 'A',
        stateName: 'formal',
        shift: false,
        confidence: 0.1,
        labels: [],
        features: { words_log: 1.5, sentiment: null },
      },
      {
        turnKey: `${KEY}:a2`,
        conversationKey: KEY,
        detectorVersion: 'v-test',
        index: 1,
        state: 'B',
        stateName: 'playful',
        shift: true,
        confidence: 0.83,
        labels: [
          { kind: 'tone', text: 'tone: formal → playful', confidence: 0.7, evidence: [{ feature: 'slang_per_100w', before: 0, after: 4.2, effect: 2.1 }] },
        ],
        features: { words_log: 0.9, sentiment: 0.4 },
      },
    ],
    annotations: [
      { id: 'n1', turnKey: `${KEY}:a2`, conversationKey: KEY, kind: 'relabel', label: 'sarcastic', note: 'not playful', createdAt: 1, updatedAt: 2 },
    ],
  };
}
