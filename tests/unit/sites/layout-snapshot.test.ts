// The layout report (issue 16): structure without text unless asked, ids and URLs redacted.
import { describe, expect, it } from 'vitest';
import { layoutSnapshot, type SnapshotNode } from '../../../src/sites/layout-snapshot.ts';
import { parseSavedPage } from '../../../src/cli/saved-page.ts';

const PAGE = `<main><section data-testid="conversation-turn-1" data-turn="user" id="turn-5f1e0c7a-aaaa-4bbb">
  <div data-message-author-role="user" data-message-id="5f1e0c7a-aaaa-4bbb-8ccc" aria-label="My secret title">My secret question</div></section>
  <a href="https://example.test/private?q=secret">Private link</a><script>var secret = 1;</script></main>`;

function all(node: SnapshotNode): SnapshotNode[] {
  return [node, ...(node.children ?? []).flatMap(all)];
}

describe('layout snapshot', () => {
  const doc = parseSavedPage(PAGE);
  const meta = {
    url: 'https://chatgpt.com/c/5f1e0c7a-aaaa-4bbb-8ccc?x=secret',
    site: 'chatgpt',
    status: 'layout-not-recognized: check "no-assistant-turn" failed',
    now: new Date(0),
  };

  it('keeps tags, structural attributes and text lengths, and no text', () => {
    const snap = layoutSnapshot(doc.documentElement, meta);
    const json = JSON.stringify(snap);
    expect(json).not.toMatch(/secret|Private link/i);
    expect(snap.url).toBe('https://chatgpt.com/c/#');
    const message = all(snap.root).find((n) => n.attrs?.['data-message-author-role'] === 'user')!;
    expect(message.tag).toBe('div');
    expect(message.textLength).toBe('My secret question'.length);
    expect(message.text).toBeUndefined();
    expect(message.attrs?.['aria-label']).toBe('<15 chars>');
    expect(message.attrs?.['data-message-id']).toBe('#');
    expect(all(snap.root).find((n) => n.attrs?.['data-turn'] === 'user')?.attrs?.id).toBe('turn-#');
    expect(snap.status).toContain('no-assistant-turn');
  });

  it('includes text and attribute values only when asked', () => {
    const snap = layoutSnapshot(doc.documentElement, meta, { includeText: true });
    const message = all(snap.root).find((n) => n.attrs?.['data-message-author-role'] === 'user')!;
    expect(message.text).toBe('My secret question');
    expect(message.attrs?.['aria-label']).toBe('My secret title');
    // Script bodies are never listed, even with text.
    expect(JSON.stringify(snap)).not.toContain('var secret');
  });

  it('summarises what is past the element limit instead of listing it', () => {
    const snap = layoutSnapshot(doc.documentElement, meta, { maxElements: 3 });
    expect(snap.elements).toBe(3);
    expect(all(snap.root).some((n) => (n.omitted ?? 0) > 0)).toBe(true);
  });
});
