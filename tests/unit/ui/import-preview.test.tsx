// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { buildPreview, fingerprint, uniqueBundles } from '../../../src/ui/dashboard/io/import-preview.ts';
import { formatName } from '../../../src/ui/dashboard/io/format-names.ts';
import { ImportPreview } from '../../../src/ui/dashboard/io/ImportPreview.tsx';
import type { ParsedEntry } from '../../../src/ui/dashboard/io/import-plan.ts';
import { bundle, conversation, services } from './fixtures.ts';
import { cleanup, mount, settle } from './render.tsx';

afterEach(cleanup);

/** The fixture conversation under another key (as another format would import it). */
function rekeyed(key: string) {
  const b = bundle();
  return { ...b, conversation: { ...b.conversation, key }, turns: b.turns.map((t) => ({ ...t, conversationKey: key, key: `${key}:${t.turnId}` })) };
}

describe('import preview and de-duplication across formats', () => {
  const entries: ParsedEntry[] = [
    { fileName: 'conversations.json', ok: true, format: 'chatgpt', bundles: [bundle()] },
    { fileName: 'rows.jsonl', ok: true, format: 'jsonl-turns', bundles: [rekeyed('unknown:other-id')] },
    { fileName: 'bad.json', ok: false, error: 'nope' },
  ];
  it('recognises one conversation by its text whatever the key', () => {
    expect(fingerprint(bundle())).toBe(fingerprint(rekeyed('unknown:z')));
    const p = buildPreview(entries);
    expect(p.rows.map((r) => r.duplicate?.kind ?? null)).toEqual([null, 'in-files']);
    expect(p.skipped).toBe(1);
    expect(uniqueBundles(entries).map((b) => b.conversation.key)).toEqual(['chatgpt:abc']);
  });
  it('marks conversations already in the store', () => {
    const p = buildPreview(entries, new Set(['chatgpt:abc']));
    expect(p.stored).toBe(1);
    expect(p.sites).toEqual([['chatgpt', 1]]);
  });
  it('shows counts, sites and duplicates before importing', async () => {
    const root = await mount(<ImportPreview entries={entries} />, services({ list: [conversation({ key: 'chatgpt:zzz' })] }));
    await settle();
    const text = root.textContent ?? '';
    expect(text).toContain('1 conversation');
    expect(text).toContain('ChatGPT 1');
    expect(text).toContain('1 duplicate in the picked files, left out');
    expect(root.querySelectorAll('tbody tr')).toHaveLength(2);
  });
  it('names formats in words', () => {
    expect(formatName('jsonl-turns')).toContain('label contract');
    expect(formatName('chatgpt')).toBe('ChatGPT account export');
    expect(formatName('something-new')).toBe('something-new');
  });
});
