// Expectations written by reading tests/fixtures/shared/exports/claude/* by hand.
import { describe, expect, it } from 'vitest';
import { parseAnyConversationFile } from '../../../../src/core/formats/detect.ts';
import { readExport } from './fixtures.ts';

describe('Claude account export (real 2024 samples)', () => {
  it('example.json: one conversation, human then assistant, no model in the export', () => {
    const parsed = parseAnyConversationFile(readExport('claude/simonw-2024-10__example.json'), 'conversations.json');
    expect(parsed.format).toBe('claude');
    const [b] = parsed.bundles;
    expect(b.conversation.key).toBe('claude:1db4c66e-b369-4e3a-96a9-6c16f8301ee8');
    expect(b.conversation.title).toBe('Bash Command for OpenAI API');
    expect(b.conversation.firstSeen).toBe(Date.parse('2024-10-18T05:30:10.325754Z'));
    expect(b.turns.map((t) => [t.turnId, t.role, t.model])).toEqual([
      ['22b34c9c-69c1-46ad-87da-71570a70f107', 'user', null],
      ['12c87835-a63c-430e-a090-bd70d9efb601', 'assistant', null],
    ]);
    expect(b.turns[0].text).toBe('Turn this into a bash command');
    expect(b.turns[1].text.startsWith('To turn this into a bash command')).toBe(true);
    expect(b.conversation.models).toEqual([]);
  });

  it('artifacts.json: messages listed out of order are sorted by created_at', () => {
    const [b] = parseAnyConversationFile(readExport('claude/simonw-2024-10__artifacts.json')).bundles;
    expect(b.turns).toHaveLength(20);
    expect(b.turns.map((t) => t.role)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'user' : 'assistant')));
    // The file lists 083850f6 (03:37) first; it belongs after the 03:32 exchange.
    expect(b.turns[0].turnId).toBe('287b1868-17d4-4660-9089-b3eb4ddecb1b');
    expect(b.turns[6].turnId).toBe('083850f6-fca7-40c3-916a-e57f7ae5f0fe');
    expect(b.turns[7].turnId).toBe('abcb904f-d092-418f-96f8-cd1c76601376');
    expect(b.turns.at(-1)?.turnId).toBe('f976a5e8-7642-474f-82c6-e9a2abf5883c');
    expect(b.turns[1].text).toContain('<antArtifact');
  });
});

describe('Claude export, newer shape (content blocks, message tree)', () => {
  const msg = (uuid: string, sender: string, parent: string, at: string, content: unknown[], text = '') => ({
    uuid,
    text,
    sender,
    parent_message_uuid: parent,
    created_at: at,
    updated_at: at,
    attachments: [],
    files: [],
    content,
  });
  const ROOT = '00000000-0000-4000-8000-000000000000';
  const conv = {
    uuid: 'c1',
    name: 'Tree',
    summary: '',
    created_at: '2026-03-01T10:00:00Z',
    updated_at: '2026-03-01T10:05:00Z',
    account: { uuid: 'a' },
    chat_messages: [
      msg('u1', 'human', ROOT, '2026-03-01T10:00:01Z', [{ type: 'text', text: 'Hello' }]),
      msg('r1', 'assistant', 'u1', '2026-03-01T10:00:05Z', [
        { type: 'thinking', thinking: 'Consider greeting.', summaries: [] },
        { type: 'tool_use', name: 'web_search', input: { query: 'x' } },
        { type: 'text', text: 'Hi there.' },
        { type: 'text', text: 'How can I help?' },
      ]),
      msg('r2', 'assistant', 'u1', '2026-03-01T10:01:00Z', [{ type: 'text', text: 'Hello again.' }]),
      msg('u2', 'human', 'r2', '2026-03-01T10:02:00Z', [], 'Plain text field'),
    ],
  };

  it('text from text blocks, thinking blocks to thinking, latest leaf picks the main line', () => {
    const [b] = parseAnyConversationFile(JSON.stringify([conv])).bundles;
    expect(b.turns.map((t) => [t.turnId, t.alternativeOf])).toEqual([
      ['u1', null],
      ['r2', null],
      ['r1', 'claude:c1:r2'],
      ['u2', null],
    ]);
    const r1 = b.turns.find((t) => t.turnId === 'r1');
    expect(r1?.text).toBe('Hi there.\n\nHow can I help?');
    expect(r1?.thinking).toBe('Consider greeting.');
    expect(b.turns.find((t) => t.turnId === 'u2')?.text).toBe('Plain text field');
  });

  it('current_leaf_message_uuid (internal API) overrides the latest leaf; conversation model is the selected model', () => {
    const [b] = parseAnyConversationFile(JSON.stringify({ ...conv, current_leaf_message_uuid: 'r1', model: 'claude-x' })).bundles;
    expect(b.turns.filter((t) => t.alternativeOf === null).map((t) => t.turnId)).toEqual(['u1', 'r1']);
    expect(b.turns.find((t) => t.turnId === 'r1')?.selectedModel).toBe('claude-x');
    expect(b.turns.filter((t) => t.alternativeOf !== null).map((t) => t.turnId)).toEqual(['r2', 'u2']);
  });
});
