// Expectations written by reading tests/fixtures/shared/exports/chatgpt/* by hand (node ids, slugs, times).
import { describe, expect, it } from 'vitest';
import { parseAnyConversationFile } from '../../../../src/core/formats/detect.ts';
import { readExport } from './fixtures.ts';

const REAL = 'chatgpt/pkuppens-2023__conversations.excerpt.json';
const SYNTHETIC = 'chatgpt/polylogue__native-conversation-v1.SYNTHETIC.json';

describe('ChatGPT account export (real 2023 excerpt)', () => {
  const parsed = parseAnyConversationFile(readExport(REAL), 'conversations.json');
  const [logo, stats, agile] = parsed.bundles;

  it('is detected and gives one bundle per conversation with stable keys', () => {
    expect(parsed.format).toBe('chatgpt');
    expect(parsed.bundles.map((b) => b.conversation.key)).toEqual([
      'chatgpt:e96087ed-b714-4a54-a06a-e425db1680bd',
      'chatgpt:3af5baaa-e3c9-4fec-928d-0007faaa9430',
      'chatgpt:2fd62004-b0cf-443d-af15-d1df7a44e1bb',
    ]);
    expect(logo.conversation.source).toBe('import:chatgpt');
    expect(logo.conversation.title).toBe('Logo design for Pieterkuppens.net.');
    expect(logo.conversation.firstSeen).toBe(Math.round(1680073036.382335 * 1000));
  });

  it('the minimal chat: one user turn, one gpt-4 reply with its create time; system node dropped', () => {
    expect(agile.turns.map((t) => [t.turnId, t.role, t.model, t.createdAt])).toEqual([
      ['75d445e9-955a-41ee-bbff-c9fbc717151f', 'user', null, Math.round(1680248392.32789 * 1000)],
      ['7b8ae3fa-2f98-40c2-b1fb-aedbf00a11b2', 'assistant', 'gpt-4', Math.round(1680248398.236818 * 1000)],
    ]);
    expect(agile.turns[1].text).toBe('Embrace change for continuous improvement and adaptation.');
    expect(agile.turns[1].key).toBe('chatgpt:2fd62004-b0cf-443d-af15-d1df7a44e1bb:7b8ae3fa-2f98-40c2-b1fb-aedbf00a11b2');
    expect(agile.conversation.models).toEqual(['gpt-4']);
    expect(agile.analyses).toEqual([]);
  });

  it('follows current_node: the kept reply is main line, the other child an alternative', () => {
    // Logo: user c42c6b04 has children d80333b5 (on the path to current_node 7908547d) and 50d1ea72.
    const main = logo.turns.filter((t) => t.alternativeOf === null);
    expect(main).toHaveLength(14);
    expect(main.filter((t) => t.role === 'assistant')).toHaveLength(7);
    expect(main.at(-1)?.turnId).toBe('7908547d-dae6-4d28-9407-5d8a371d7af3');
    const alts = logo.turns.filter((t) => t.alternativeOf !== null);
    expect(alts.map((t) => t.turnId.slice(0, 8))).toEqual(['50d1ea72']);
    const kept = logo.turns.find((t) => t.key === alts[0].alternativeOf);
    expect(kept?.turnId.slice(0, 8)).toBe('d80333b5');
    expect(alts[0].order).toBe(kept?.order);
    expect(kept?.branch).toEqual({ index: 1, count: 2 });
    expect(alts[0].branch).toEqual({ index: 2, count: 2 });
    expect(logo.conversation.models).toEqual(['text-davinci-002-render-sha']);
    // Stats: aaa29fb2 → eb5d508e (abandoned) and 4ac5aced (kept, on the path).
    const statsAlt = stats.turns.filter((t) => t.alternativeOf !== null);
    expect(statsAlt.map((t) => t.turnId.slice(0, 8))).toEqual(['eb5d508e']);
    expect(stats.turns.find((t) => t.key === statsAlt[0].alternativeOf)?.turnId.slice(0, 8)).toBe('4ac5aced');
    expect(stats.conversation.turnCount).toBe(14);
    expect(stats.conversation.assistantCount).toBe(7);
  });

  it('turns are in order: alternatives share the order of the turn they replace', () => {
    for (const b of parsed.bundles) {
      const orders = b.turns.map((t) => t.order);
      expect(orders).toEqual([...orders].sort((x, y) => x - y));
      b.turns.filter((t) => t.alternativeOf === null).forEach((t, i) => expect(t.order).toBe(i));
    }
  });

  it('re-importing the same file yields identical records', () => {
    expect(parseAnyConversationFile(readExport(REAL), 'conversations.json').bundles).toEqual(parsed.bundles);
  });
});

describe('ChatGPT native conversation (synthetic 2026 shape, single object)', () => {
  const [b] = parseAnyConversationFile(readExport(SYNTHETIC)).bundles;

  it('keeps the visible user and final answer, skipping context, tool call, tool result and recap', () => {
    const main = b.turns.filter((t) => t.alternativeOf === null);
    expect(main.map((t) => [t.turnId, t.role])).toEqual([
      ['user-message', 'user'],
      ['answer-active-message', 'assistant'],
    ]);
    expect(main[0].text).toBe('Analyze the attached fixture and create an artifact.');
    expect(main[1].text).toBe('Final answer. [Download artifact](sandbox:/mnt/data/fixture-result.zip)');
    expect(main[1].model).toBe('gpt-5-6-pro');
    expect(main[1].thinking).toBe('Privacy-safe reasoning trace.');
    expect(main[1].createdAt).toBe(1784169733000);
    expect(b.conversation.key).toBe('chatgpt:chatgpt-fixture-conversation');
  });

  it('the superseded answer becomes an alternative of the final answer', () => {
    const alts = b.turns.filter((t) => t.alternativeOf !== null);
    expect(alts.map((t) => [t.turnId, t.text, t.alternativeOf])).toEqual([
      ['answer-inactive-message', 'Superseded answer.', 'chatgpt:chatgpt-fixture-conversation:answer-active-message'],
    ]);
  });
});
