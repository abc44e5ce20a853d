import { describe, expect, it } from 'vitest';
import { checkFileBytes } from '../../../src/core/formats/limits.ts';
import { FormatError } from '../../../src/core/model/errors.ts';
import { siteUrlOrNull } from '../../../src/core/sites.ts';
import { importBundles } from '../../../src/store/import.ts';
import { getConversation } from '../../../src/store/read.ts';
import { sampleBundle } from '../core/formats/sample-bundle.ts';
import { freshDB } from './helpers.ts';

describe('imported conversation URLs (issue 21)', () => {
  it("keep only https URLs of the conversation's own site", () => {
    expect(siteUrlOrNull('https://chatgpt.com/c/1', 'chatgpt')).toBe('https://chatgpt.com/c/1');
    for (const url of ['javascript:alert(1)', 'http://chatgpt.com/c/1', 'https://claude.ai/chat/1', 'https://evil.example/c/1', 'data:text/html,x']) {
      expect(siteUrlOrNull(url, 'chatgpt'), url).toBeNull();
    }
    expect(siteUrlOrNull('https://chatgpt.com/c/1', 'unknown')).toBeNull();
  });

  it('the store drops any other URL on import, keeping the conversation', async () => {
    const db = await freshDB();
    const evil = sampleBundle();
    const good = sampleBundle();
    evil.conversation = { ...evil.conversation, key: 'chatgpt:evil', conversationId: 'evil', url: 'javascript:alert(document.cookie)' };
    good.conversation = { ...good.conversation, key: 'chatgpt:good', conversationId: 'good', url: 'https://chatgpt.com/c/good' };
    for (const b of [evil, good]) {
      b.turns = b.turns
        .filter((t) => t.alternativeOf === null)
        .map((t) => ({ ...t, conversationKey: b.conversation.key, key: `${b.conversation.key}:${t.turnId}` }));
    }
    for (const b of [evil, good]) b.analyses = [];
    for (const b of [evil, good]) b.annotations = [];
    expect(await importBundles(db, [evil, good])).toMatchObject({ added: 2 });
    expect((await getConversation(db, 'chatgpt:evil'))?.url).toBeNull();
    expect((await getConversation(db, 'chatgpt:good'))?.url).toBe('https://chatgpt.com/c/good');
  });
});

describe('import file size', () => {
  it('is checked from the size alone, before reading', () => {
    expect(() => checkFileBytes(401 * 1024 * 1024, 'big.json')).toThrow(FormatError);
    expect(() => checkFileBytes(401 * 1024 * 1024, 'big.json')).toThrow(/file is too large \(420,478,976 bytes; the limit is 419,430,400\)/);
    expect(() => checkFileBytes(10, 'small.json')).not.toThrow();
  });
});
