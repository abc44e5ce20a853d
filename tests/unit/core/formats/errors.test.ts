import { describe, expect, it } from 'vitest';
import { exportBundleJson } from '../../../../src/core/formats/bundle-json.ts';
import { parseAnyConversationFile } from '../../../../src/core/formats/detect.ts';
import { FormatError } from '../../../../src/core/model/errors.ts';
import { parseConversationZip, zipFiles } from '../../../../src/core/formats/zip.ts';
import { readExport } from './fixtures.ts';

function errorOf(run: () => unknown): FormatError {
  try {
    run();
  } catch (err) {
    if (err instanceof FormatError) return err;
    throw err;
  }
  throw new Error('expected a FormatError');
}

const chatgpt = (mapping: unknown, extra: Record<string, unknown> = {}) => JSON.stringify([{ id: 'c1', title: 't', current_node: 'b', mapping, ...extra }]);
const node = (id: string, parent: string | null, children: string[], message: unknown) => ({ id, parent, children, message });
const userMsg = { id: 'b', author: { role: 'user' }, content: { content_type: 'text', parts: ['hi'] }, recipient: 'all' };

const bundleText = exportBundleJson([
  {
    conversation: {
      key: 'unknown:x',
      site: 'unknown',
      conversationId: 'x',
      title: null,
      url: null,
      source: 'import:jsonl',
      firstSeen: 0,
      lastSeen: 0,
      models: [],
      turnCount: 1,
      assistantCount: 0,
      shiftCount: 0,
      annotationCount: 0,
    },
    turns: [
      {
        key: 'unknown:x:0',
        conversationKey: 'unknown:x',
        turnId: '0',
        order: 0,
        role: 'user',
        text: 'hi',
        contentHash: 'h',
        model: null,
        selectedModel: null,
        thinking: null,
        branch: null,
        alternativeOf: null,
        capturedAt: 0,
        createdAt: null,
        route: null,
      },
    ],
    analyses: [],
    annotations: [],
  },
]);

const CASES: [string, () => unknown, RegExp][] = [
  ['empty file', () => parseAnyConversationFile('  \n', 'a.json'), /^a\.json: file is empty/],
  ['CSV given as input', () => parseAnyConversationFile('a,b\n1,2\n', 'x.csv'), /x\.csv: not JSON or JSONL.*CSV is an export-only/],
  [
    'truncated JSON',
    () => parseAnyConversationFile(readExport('claude/simonw-2024-10__example.json').slice(0, 300), 'conversations.json'),
    /conversations\.json: JSON ends early — the file looks truncated/,
  ],
  ['syntax error gives line and column', () => parseAnyConversationFile('[\n{"a": 1,,}\n]', 'f.json'), /f\.json: not valid JSON at line 2, column \d+/],
  [
    'too large',
    () => parseAnyConversationFile('[' + ' '.repeat(100) + ']', 'big.json', { maxChars: 50 }),
    /big\.json: file is too large \(102 characters; the limit is 50\)/,
  ],
  ['too deep', () => parseAnyConversationFile('['.repeat(300) + ']'.repeat(300), 'deep.json'), /deep\.json: JSON nests deeper than 200 levels/],
  ['unknown object', () => parseAnyConversationFile('{"hello": 1}', 'x.json'), /x\.json: not a conversation file we know: an object with keys hello/],
  ['Grok export', () => parseAnyConversationFile('{"conversations": []}', 'g.json'), /Grok export\?\), which is not supported yet/],
  ['array of numbers', () => parseAnyConversationFile('[1, 2]', 'n.json'), /n\.json: not a conversation file we know: an array whose first item is number/],
  [
    'ChatGPT message without author.role',
    () => parseAnyConversationFile(chatgpt({ a: node('a', null, ['b'], null), b: node('b', 'a', [], { ...userMsg, author: {} }) }), 'conversations.json'),
    /^conversations\.json: conversation 1 \(id c1\): message b: has no author\.role$/,
  ],
  [
    'ChatGPT current_node missing',
    () => parseAnyConversationFile(chatgpt({ a: node('a', null, [], null) }), 'c.json'),
    /conversation 1 \(id c1\): current_node "b" is not in mapping/,
  ],
  ['ChatGPT missing parent', () => parseAnyConversationFile(chatgpt({ b: node('b', 'zzz', [], userMsg) }), 'c.json'), /node "zzz" is referenced but missing/],
  ['ChatGPT cycle', () => parseAnyConversationFile(chatgpt({ a: node('a', 'b', ['b'], null), b: node('b', 'a', ['a'], userMsg) }), 'c.json'), /cycle at node/],
  [
    'ChatGPT missing child',
    () => parseAnyConversationFile(chatgpt({ a: node('a', null, ['b', 'q'], null), b: node('b', 'a', [], userMsg) }), 'c.json'),
    /node "a" lists child "q", which is missing/,
  ],
  [
    'ChatGPT mapping wrong type',
    () => parseAnyConversationFile(JSON.stringify([{ id: 'c1', mapping: [] }]), 'c.json'),
    /conversation 1 \(id c1\): mapping should be an object, got an array/,
  ],
  ['ChatGPT conversation without id', () => parseAnyConversationFile(JSON.stringify([{ mapping: {} }]), 'c.json'), /conversation 1: has no id/],
  [
    'ChatGPT part of wrong type',
    () =>
      parseAnyConversationFile(
        chatgpt({ a: node('a', null, ['b'], null), b: node('b', 'a', [], { ...userMsg, content: { content_type: 'text', parts: [42] } }) }),
        'c.json',
      ),
    /message b: content\.parts\[0\] should be text or an object, got number/,
  ],
  [
    'Claude message without sender',
    () => parseAnyConversationFile(JSON.stringify([{ uuid: 'k', chat_messages: [{ uuid: 'm1', text: 'x' }] }]), 'c.json'),
    /conversation 1 \(id k\): message m1: has no sender/,
  ],
  [
    'Claude chat_messages wrong type',
    () => parseAnyConversationFile(JSON.stringify([{ uuid: 'k', chat_messages: 'no' }]), 'c.json'),
    /chat_messages should be an array, got a string/,
  ],
  [
    'Claude thinking block without text',
    () =>
      parseAnyConversationFile(JSON.stringify([{ uuid: 'k', chat_messages: [{ uuid: 'm', sender: 'assistant', content: [{ type: 'thinking' }] }] }]), 'c.json'),
    /message m: content\[0\] \(thinking block\) has no thinking text/,
  ],
  [
    'too many conversations',
    () =>
      parseAnyConversationFile(
        JSON.stringify([
          { uuid: 'a', chat_messages: [] },
          { uuid: 'b', chat_messages: [] },
        ]),
        'c.json',
        { maxConversations: 1 },
      ),
    /c\.json: too many conversations \(2; the limit is 1\)/,
  ],
  [
    'too many messages',
    () =>
      parseAnyConversationFile(
        JSON.stringify({
          id: 'x',
          turns: [
            { role: 'user', text: 'a' },
            { role: 'user', text: 'b' },
          ],
        }),
        'l.jsonl',
        { maxTurnsPerConversation: 1 },
      ),
    /too many messages/,
  ],
  [
    'message too long',
    () => parseAnyConversationFile(JSON.stringify({ id: 'x', turns: [{ role: 'user', text: 'abcdef' }] }), 'l.jsonl', { maxTextChars: 3 }),
    /message 0 is too long/,
  ],
  ['JSONL bad line', () => parseAnyConversationFile('{"id":"a","turns":[]}\n{"id":"b","turns":[}\n', 'd.jsonl'), /^d\.jsonl line 2: not valid JSON/],
  [
    'JSONL turn without text',
    () => parseAnyConversationFile('{"id":"a","turns":[{"role":"user"}]}\n{"id":"b","turns":[]}\n', 'd.jsonl'),
    /d\.jsonl line 1 \(id a\): turn 0: has no text/,
  ],
  [
    'JSONL line that is not a conversation',
    () => parseAnyConversationFile('{"id":"a"}\n{"id":"b"}\n', 'd.jsonl'),
    /d\.jsonl line 1: not a conversation: expected "turns" or "messages"/,
  ],
  [
    'bundle from a newer version',
    () => parseAnyConversationFile('{"format":"persona-observatory","version":9,"conversations":[]}', 'b.json'),
    /b\.json: version 9 was written by a newer Persona Observatory/,
  ],
  [
    'bundle field of wrong type',
    () => parseAnyConversationFile(bundleText.replace('"role":"user"', '"role":"system"'), 'b.json'),
    /b\.json: conversations\[0\] \(key unknown:x\) turns\[0\]: role should be one of "user", "assistant", got a string \("system"\)/,
  ],
  [
    'bundle with inconsistent key',
    () => parseAnyConversationFile(bundleText.replace('"key":"unknown:x:0"', '"key":"unknown:y:0"'), 'b.json'),
    /turns\[0\]: key should be "unknown:x:0"/,
  ],
  [
    'bundle with duplicate conversation',
    () => parseAnyConversationFile(bundleText.replace(/(\{"conversation".*\})\n/, '$1,\n$1\n'), 'b.json'),
    /conversation unknown:x appears twice/,
  ],
  ['not a zip', () => parseConversationZip(new Uint8Array([1, 2, 3, 4]), 'e.zip'), /e\.zip: not a readable zip file/],
  ['zip without conversations', () => parseConversationZip(zipFiles([{ name: 'a.txt', data: 'x' }]), 'e.zip'), /e\.zip: contains no \.json or \.jsonl file/],
  [
    'zip bomb guard',
    () => parseConversationZip(zipFiles([{ name: 'conversations.json', data: '[' + ' '.repeat(5000) + ']' }]), 'e.zip', { maxChars: 1000 }),
    /e\.zip: unpacks to more than 1000 bytes/,
  ],
  [
    'bad file inside a zip names the entry',
    () => parseConversationZip(zipFiles([{ name: 'conversations.json', data: '[{"uuid": 5, "chat_messages": []}]' }]), 'e.zip'),
    /^e\.zip\/conversations\.json: conversation 1: uuid should be a string, got number/,
  ],
];

describe('malformed input is refused with what and where', () => {
  it.each(CASES)('%s', (_name, run, message) => {
    const err = errorOf(run);
    expect(err.name).toBe('FormatError');
    expect(err.message).toMatch(message);
  });
});
