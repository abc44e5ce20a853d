import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { bundleJsonChunks } from '../../../../src/core/formats/bundle-json.ts';
import { csvColumns, exportCsv } from '../../../../src/core/formats/csv.ts';
import { parseAnyConversationFile } from '../../../../src/core/formats/detect.ts';
import { exportJsonl, jsonlChunks } from '../../../../src/core/formats/jsonl-export.ts';
import { exportMarkdown } from '../../../../src/core/formats/markdown.ts';
import { exportZip, parseConversationZip } from '../../../../src/core/formats/zip.ts';
import { FEATURES } from '../../../../src/core/features/registry.ts';
import { unzipSync, strFromU8 } from 'fflate';
import { sampleBundle } from './sample-bundle.ts';
import { DATA_EXCERPTS } from '../../../fixtures/paths.ts';

describe('JSONL export', () => {
  const line = JSON.parse(exportJsonl([sampleBundle()]).trim()) as Record<string, unknown>;

  it('puts the main line in chat-messages shape with details beside it', () => {
    expect(line.messages).toEqual([
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: '=SUM(A1:A2)\nsecond line' },
      { role: 'user', content: '- a list item\n- another' },
      { role: 'assistant', content: 'lol ok 😀' },
    ]);
    const details = line.details as { turnId: string; analysis: { labels: { text: string }[] } | null; annotations: { label: string }[] }[];
    expect(details.map((d) => d.turnId)).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(details[3].analysis?.labels[0].text).toBe('tone: formal → playful');
    expect(details[3].annotations[0].label).toBe('sarcastic');
    expect(details[0].analysis).toBeNull();
    expect((line.alternatives as { alternativeOf: string; content: string }[])[0]).toMatchObject({ alternativeOf: 'a1', content: 'An alternative, reply' });
  });

  it('imports back to the same records (lossless for a consistent bundle)', () => {
    const [b] = parseAnyConversationFile(exportJsonl([sampleBundle()])).bundles;
    const original = sampleBundle();
    expect(b.conversation).toEqual(original.conversation);
    expect(b.turns).toEqual(original.turns);
    expect(b.analyses).toEqual(original.analyses);
    expect(b.annotations).toEqual(original.annotations);
  });
});

describe('label-contract and chat-messages JSONL', () => {
  it('reads the shared data conversation files: ids, roles, models; system turns skipped', async () => {
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(join(DATA_EXCERPTS, 'chatgpt_export_pkuppens_2023.head5.jsonl'), 'utf8');
    const parsed = parseAnyConversationFile(lines, 'pkuppens.jsonl');
    expect(parsed.format).toBe('jsonl-turns');
    const first = JSON.parse(lines.split('\n')[0]) as { id: string; turns: { role: string; text: string; model?: string }[] };
    // The rows name no site, but every model is a ChatGPT model: the site is inferred, not "unknown".
    expect(parsed.bundles[0].conversation.key).toBe(`chatgpt:${first.id}`);
    expect(parsed.bundles[0].turns.map((t) => [t.role, t.text, t.model])).toEqual(
      first.turns.map((t) => [t.role, t.text, t.role === 'assistant' ? (t.model ?? null) : null]),
    );
  });

  it('keeps the route the site reported on a reply, and names the turn when a route is malformed', () => {
    const route = { requested: 'auto', shown: null, served: 'gpt-5-mini', flags: ['auto-switched'], source: 'export' };
    const row = (r: unknown) =>
      JSON.stringify({
        id: 'c1',
        turns: [
          { role: 'user', text: 'q', route: r },
          { role: 'assistant', text: 'a', route: r },
        ],
      });
    const turns = parseAnyConversationFile(row(route), 'a.jsonl').bundles[0].turns;
    expect(turns.map((t) => t.route)).toEqual([null, route]); // a user turn carries no route
    expect(parseAnyConversationFile(row(null), 'a.jsonl').bundles[0].turns[1].route).toBeNull();
    expect(() => parseAnyConversationFile(row({ ...route, served: 5 }), 'a.jsonl')).toThrow(/turn 1: route/);
  });

  it('infers the site from a site field, a url, or models of one vendor; otherwise unknown', () => {
    const row = (extra: string, model = 'x') => `{"id":"c1",${extra}"turns":[{"role":"user","text":"q"},{"role":"assistant","text":"a","model":"${model}"}]}`;
    expect(parseAnyConversationFile(row('"site":"claude",'), 'a.jsonl').bundles[0].conversation.site).toBe('claude');
    expect(parseAnyConversationFile(row('"url":"https://chatgpt.com/c/c1",'), 'a.jsonl').bundles[0].conversation.site).toBe('chatgpt');
    expect(parseAnyConversationFile(row('', 'claude-3-opus-20240229'), 'a.jsonl').bundles[0].conversation.site).toBe('claude');
    expect(parseAnyConversationFile(row('', 'my-local-model'), 'a.jsonl').bundles[0].conversation.site).toBe('unknown');
    expect(parseAnyConversationFile(row('"site":"nonsense",'), 'a.jsonl').bundles[0].conversation.site).toBe('unknown');
  });

  it('chat-messages lines (fine-tuning style) and system roles', () => {
    const text =
      '{"messages":[{"role":"system","content":"be nice"},{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}\n{"id":7,"turns":[{"role":"user","text":"x"}]}\n';
    const parsed = parseAnyConversationFile(text, 'ft.jsonl');
    expect(parsed.format).toBe('jsonl-mixed');
    expect(parsed.bundles[0].turns.map((t) => [t.turnId, t.role])).toEqual([
      ['1', 'user'],
      ['2', 'assistant'],
    ]);
    expect(parsed.bundles[1].conversation.key).toBe('unknown:7');
    // A record without id gets a content-derived id, the same on re-import.
    expect(parseAnyConversationFile(text).bundles[0].conversation.key).toBe(parsed.bundles[0].conversation.key);
  });
});

describe('CSV export', () => {
  const csv = exportCsv([sampleBundle()]);
  const rows = Papa.parse<string[]>(csv.trim(), { skipEmptyLines: true }).data;

  it('one row per turn, base columns then one column per registry feature', () => {
    expect(rows[0]).toEqual(csvColumns());
    expect(rows[0].slice(-FEATURES.length)).toEqual(FEATURES.map((f) => f.name));
    expect(rows).toHaveLength(1 + 5);
    const col = (name: string) => rows[0].indexOf(name);
    const a2 = rows.find((r) => r[col('turn_id')] === 'a2') as string[];
    expect(a2[col('labels')]).toBe('tone: formal → playful');
    expect(a2[col('shift')]).toBe('true');
    expect(a2[col('annotation_kinds')]).toBe('relabel');
    expect(a2[col('annotation_notes')]).toBe('not playful');
    expect(a2[col('words_log')]).toBe('0.9');
    expect(rows.find((r) => r[col('turn_id')] === 'a1b')?.[col('alternative_of')]).toBe('a1');
    expect(rows.find((r) => r[col('turn_id')] === 'u1')?.[col('created_at')]).toBe('2023-11-14T22:13:20.000Z');
  });

  it('escapes spreadsheet formulas, including multi-line cells', () => {
    const col = rows[0].indexOf('text');
    expect(rows.find((r) => r[0] && r[rows[0].indexOf('turn_id')] === 'a1')?.[col]).toBe("'=SUM(A1:A2)\nsecond line");
    expect(rows.find((r) => r[rows[0].indexOf('turn_id')] === 'u2')?.[col]).toBe("'- a list item\n- another");
    expect(rows.find((r) => r[rows[0].indexOf('turn_id')] === 'a2')?.[col]).toBe('lol ok 😀');
  });

  it('optional BOM and custom feature columns', () => {
    const text = exportCsv([sampleBundle()], { bom: true, features: [{ name: 'sentiment' }] });
    expect(text.startsWith('\uFEFFconversation_key')).toBe(true);
    expect(text.split('\r\n')[0].endsWith(',annotation_notes,route_requested,route_shown,route_served,route_flags,route_source,sentiment')).toBe(true);
  });
});

describe('Markdown export', () => {
  const md = exportMarkdown([sampleBundle()]);
  it('shows turns, labels, annotations and alternatives inline', () => {
    expect(md).toContain('# Sample, with "quotes"');
    expect(md).toContain('### 4 · Assistant · gpt-4o');
    expect(md).toContain('> **Segment 2** (playful) · **shift** (moderate, 0.83)');
    expect(md).toContain('> - tone: formal → playful (moderate, 0.70; Slang 0 → 4.20)');
    expect(md).toContain('> **Your judgement:** Relabelled · label “sarcastic” · note: not playful');
    // One wording per judgement: the human-facing text never says the stored kind "reject".
    expect(exportMarkdown([{ ...sampleBundle(), annotations: sampleBundle().annotations.map((a) => ({ ...a, kind: 'reject' as const })) }])).toContain(
      '**Your judgement:** Not a shift',
    );
    expect(md).toContain('> ### Alternative to 2 · Assistant · gpt-4o');
    expect(md).toContain('**Thinking:**');
    expect(md.indexOf('### 2 ·')).toBeLessThan(md.indexOf('Alternative to 2'));
    expect(md.indexOf('Alternative to 2')).toBeLessThan(md.indexOf('### 3 ·'));
  });
});

describe('progress, cancellation, chunks', () => {
  const many = Array.from({ length: 5 }, (_, i) => ({
    ...sampleBundle(),
    conversation: { ...sampleBundle().conversation, key: `chatgpt:c${i}`, conversationId: `c${i}` },
  }));

  it('reports progress per conversation and yields one chunk per conversation', () => {
    const seen: [number, number][] = [];
    const chunks = [...jsonlChunks(many, { onProgress: (d, t) => seen.push([d, t]) })];
    expect(chunks).toHaveLength(5);
    expect(seen).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
  });

  it('stops when the signal aborts', () => {
    const controller = new AbortController();
    let produced = 0;
    expect(() => {
      for (const _chunk of bundleJsonChunks(many, { signal: controller.signal, onProgress: (d) => d === 2 && controller.abort() })) produced++;
    }).toThrow(/abort/i);
    expect(produced).toBe(3); // header + 2 conversations
  });
});

describe('zip', () => {
  it('bundles several formats, and an account-export zip imports', () => {
    const progress: number[] = [];
    const zip = exportZip([sampleBundle()], ['json', 'csv', 'md'], { onProgress: (d) => progress.push(d) });
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['persona-observatory.csv', 'persona-observatory.json', 'persona-observatory.md']);
    expect(progress).toEqual([1, 2, 3]);
    const back = parseConversationZip(zip, 'export.zip');
    expect(back.format).toBe('bundle');
    expect(back.bundles[0].turns).toEqual(sampleBundle().turns);
    expect(strFromU8(files['persona-observatory.md'])).toContain('# Sample');
  });
});
