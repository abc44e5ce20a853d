import { beforeEach, describe, expect, it } from 'vitest';
import type { CapturedTurn } from '../../../src/core/model/types.ts';
import { storeCapture } from '../../../src/store/capture.ts';
import { listConversations } from '../../../src/store/read.ts';
import type { ObservatoryDB, StoreName } from '../../../src/store/schema.ts';
import { ALL_STORES } from '../../../src/store/schema.ts';
import { SNIPPET_MAX, makeSnippet, searchConversationsByText, searchTerms } from '../../../src/store/search.ts';
import { freshDB, turn } from './helpers.ts';

let db: ObservatoryDB;
beforeEach(async () => {
  db = await freshDB();
});

const capture = (id: string, turns: CapturedTurn[], title = `title ${id}`) =>
  storeCapture(db, { site: 'chatgpt', conversationId: id, url: `https://x/${id}`, title, turns }, 1);

const keys = async (query: string, opts = {}) => (await searchConversationsByText(db, query, opts)).matches.map((m) => m.conversationKey);

async function dump(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of ALL_STORES as StoreName[]) out[name] = [await db.getAllKeys(name), await db.getAll(name)];
  return out;
}

describe('searchConversationsByText', () => {
  beforeEach(async () => {
    await capture('c1', [turn('u0', 'user', 'Tell me about the Moon'), turn('a0', 'assistant', 'The moon orbits Earth.')]);
    await capture('c2', [
      turn('u0', 'user', 'What is a lighthouse?'),
      turn('a0', 'assistant', 'A tower with a lamp.'),
      turn('u1', 'user', 'and the moon?'),
      turn('a1', 'assistant', 'Tides follow it.'),
    ]);
    await capture('c3', [turn('u0', 'user', 'nothing relevant here'), turn('a0', 'assistant', 'indeed')]);
  });

  it('AND across turns: every term somewhere in the conversation, not necessarily one turn', async () => {
    expect(await keys('moon')).toEqual(['chatgpt:c1', 'chatgpt:c2']);
    expect(await keys('lighthouse tides')).toEqual(['chatgpt:c2']); // terms in two different turns
    expect(await keys('moon lighthouse')).toEqual(['chatgpt:c2']);
    expect(await keys('moon penguin')).toEqual([]);
    expect(await keys('   ')).toEqual([]);
  });

  it('reports the first matching turn (user or assistant) and a snippet from it', async () => {
    const r = await searchConversationsByText(db, 'TIDES');
    expect(r.matches).toEqual([{ conversationKey: 'chatgpt:c2', turnKey: 'chatgpt:c2:a1', role: 'assistant', snippet: 'Tides follow it.' }]);
    expect(r).toMatchObject({ terms: ['tides'], complete: true, scanned: 8, total: 8 });
  });

  it('folds case and Unicode compatibility forms on both sides', async () => {
    await capture('u1', [turn('u0', 'user', 'ÜBER die Straße'), turn('a0', 'assistant', 'ﬁne ＦＵＬＬＷＩＤＴＨ text, Ωmega')]);
    expect(await keys('über')).toEqual(['chatgpt:u1']);
    expect(await keys('STRASSE')).toEqual([]); // toLowerCase is not full case folding: ß ≠ ss
    expect(await keys('straße fine')).toEqual(['chatgpt:u1']); // 'ﬁ' ligature → 'fi'
    expect(await keys('fullwidth ωMEGA')).toEqual(['chatgpt:u1']);
    expect(await keys('ＵＢＥＲ')).toEqual([]); // U+00DC needs the umlaut
    // decomposed e + combining acute in the text, precomposed é in the query (NFKC composes)
    await capture('u2', [turn('u0', 'user', 'cafe\u0301 au lait')]);
    expect(await keys('café')).toEqual(['chatgpt:u2']);
    expect(searchTerms('  Café  CAFÉ x ')).toEqual(['café', 'x']);
  });

  it('stops at limit and says the scan was not complete', async () => {
    const r = await searchConversationsByText(db, 'the', { limit: 1 });
    expect(r.matches.map((m) => m.conversationKey)).toEqual(['chatgpt:c1']);
    expect(r.complete).toBe(false);
    expect(r.scanned).toBeLessThan(r.total);
  });

  it('reports progress against count(), page by page', async () => {
    const seen: [number, number][] = [];
    const r = await searchConversationsByText(db, 'moon', { pageSize: 3, onProgress: (p) => seen.push([p.scanned, p.total]) });
    expect(seen).toEqual([
      [0, 8],
      [3, 8],
      [6, 8],
      [8, 8],
    ]);
    expect(r.scanned).toBe(8);
  });

  it('honours an AbortSignal between pages with an AbortError', async () => {
    const before = new AbortController();
    before.abort();
    await expect(searchConversationsByText(db, 'moon', { signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const during = new AbortController();
    let calls = 0;
    const run = searchConversationsByText(db, 'zzz', {
      pageSize: 2,
      signal: during.signal,
      onProgress: () => {
        if (++calls === 2) during.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(2); // nothing read after the abort
  });

  it('never writes', async () => {
    const before = await dump();
    const modes: string[] = [];
    const open = db.transaction.bind(db);
    db.transaction = ((stores: StoreName, mode?: IDBTransactionMode) => {
      modes.push(mode ?? 'readonly');
      return open(stores, mode);
    }) as typeof db.transaction;
    await searchConversationsByText(db, 'moon lighthouse', { pageSize: 2 });
    await searchConversationsByText(db, 'the', { limit: 1 });
    expect(modes.length).toBeGreaterThan(4);
    expect(new Set(modes)).toEqual(new Set(['readonly']));
    expect(await dump()).toEqual(before);
  });

  it('handles conversation keys that extend one another (interleaved key ranges)', async () => {
    await capture('k', [turn('a1', 'user', 'alpha'), turn('z1', 'assistant', 'omega shared')]);
    await capture('k:m', [turn('b', 'user', 'beta shared'), turn('c', 'assistant', 'gamma')]);
    // store order: chatgpt:k:a1 < chatgpt:k:m:b < chatgpt:k:m:c < chatgpt:k:z1
    expect(await keys('alpha omega', { pageSize: 1 })).toEqual(['chatgpt:k']);
    expect(await keys('beta gamma', { pageSize: 1 })).toEqual(['chatgpt:k:m']);
    expect(await keys('alpha beta')).toEqual([]); // terms in two different conversations
    expect(await keys('shared')).toEqual(['chatgpt:k', 'chatgpt:k:m']); // k:m completes first; results in store order
  });

  it('keeps hostile text as plain text in the snippet', async () => {
    const evil = '<img src=x onerror=alert(1)> <script>steal()</script>\u202Egnp.exe\nline2\u0000';
    await capture('h1', [turn('u0', 'user', evil)]);
    const [m] = (await searchConversationsByText(db, 'onerror')).matches;
    expect(m.snippet).toBe('<img src=x onerror=alert(1)> <script>steal()</script> gnp.exe line2');
    expect(typeof m.snippet).toBe('string');
  });
});

describe('makeSnippet', () => {
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  const long = `${'a'.repeat(400)} NEEDLE ${'b'.repeat(400)}`;

  it('is at most SNIPPET_MAX characters, centred on the match, with ellipses where cut', () => {
    const s = makeSnippet(long, 'needle');
    expect(s.length).toBeLessThanOrEqual(SNIPPET_MAX);
    expect(s.length).toBeGreaterThan(SNIPPET_MAX - 3);
    expect(s).toContain('NEEDLE');
    expect(s.startsWith('…') && s.endsWith('…')).toBe(true);
    expect(Math.abs(s.indexOf('NEEDLE') - (s.length - s.indexOf('NEEDLE') - 6))).toBeLessThanOrEqual(2);
  });

  it('at the start or end of the text, only one ellipsis; short text is returned whole', () => {
    expect(makeSnippet(`NEEDLE ${'b'.repeat(400)}`, 'needle')).toMatch(/^NEEDLE b+…$/);
    expect(makeSnippet(`${'a'.repeat(400)} NEEDLE`, 'needle')).toMatch(/^…a+ NEEDLE$/);
    expect(makeSnippet('  short\n\ntext ', 'x')).toBe('short text');
  });

  it('maps the match back through length-changing folds and never splits a surrogate pair', () => {
    const s = makeSnippet(`${'İ'.repeat(300)}ﬁnd me${'x'.repeat(300)}`, 'find');
    expect(s).toContain('ﬁnd me');
    for (let shift = 0; shift < 4; shift++) {
      const emoji = makeSnippet(`${'x'.repeat(shift)}${'😀'.repeat(200)}target${'😀'.repeat(200)}`, 'target');
      expect(emoji.length).toBeLessThanOrEqual(SNIPPET_MAX);
      expect(emoji).toContain('target');
      expect(emoji).not.toMatch(LONE_SURROGATE);
    }
    const huge = makeSnippet(`${'x'.repeat(100)}${'y'.repeat(500)}`, 'y'.repeat(300));
    expect(huge.length).toBeLessThanOrEqual(SNIPPET_MAX);
  });
});

describe('listConversations with text matches', () => {
  it('shows title/id/model matches OR text matches, keeping filters and sort', async () => {
    await capture('c1', [turn('u0', 'user', 'about otters')], 'Otters');
    await capture('c2', [turn('u0', 'user', 'sea otters sleep holding hands'), turn('a0', 'assistant', 'yes', { model: 'gpt-4o' })], 'Animals');
    await storeCapture(db, { site: 'claude', conversationId: 'c3', url: 'https://x/c3', title: 'Other', turns: [turn('u0', 'user', 'otters!')] }, 5);
    const text = await searchConversationsByText(db, 'otters');
    expect(text.matches.map((m) => m.conversationKey)).toEqual(['chatgpt:c1', 'chatgpt:c2', 'claude:c3']);
    const list = async (q: Parameters<typeof listConversations>[1]) => (await listConversations(db, q)).conversations.map((c) => c.key);
    const textMatches = text.matches.map((m) => m.conversationKey);
    expect(await list({ search: 'otters' })).toEqual(['chatgpt:c1']); // unchanged without text matches
    expect(await list({ search: 'otters', textMatches, sort: 'title', direction: 'asc' })).toEqual(['chatgpt:c2', 'claude:c3', 'chatgpt:c1']);
    expect(await list({ search: 'otters', textMatches, site: 'chatgpt' })).toEqual(['chatgpt:c1', 'chatgpt:c2']);
    expect(await list({ search: 'otters', textMatches: new Set(textMatches), model: 'gpt-4o' })).toEqual(['chatgpt:c2']);
    expect(await list({ textMatches })).toHaveLength(3); // no search: text matches do not filter
  });
});
