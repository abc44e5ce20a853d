import { describe, expect, it } from 'vitest';
import { importChatGptExport } from '../../../../src/core/formats/chatgpt-export.ts';
import { exportCsv } from '../../../../src/core/formats/csv.ts';
import { exportJsonl } from '../../../../src/core/formats/jsonl-export.ts';
import { importJsonl } from '../../../../src/core/formats/jsonl-import.ts';
import { exportBundleJson, importBundleJson } from '../../../../src/core/formats/bundle-json.ts';
import { DEFAULT_LIMITS } from '../../../../src/core/formats/limits.ts';
import { readShared } from './fixtures.ts';

const record = () => JSON.parse(readShared('network/chatgpt/conversation-model-changes.json')) as Record<string, unknown>;

describe('ChatGPT account export → route', () => {
  it('each reply carries its label, default and resolved model as an "export" route', () => {
    const [bundle] = importChatGptExport([record()], 'export.json', DEFAULT_LIMITS);
    const replies = bundle.turns.filter((t) => t.role === 'assistant' && t.alternativeOf === null);
    expect(replies.map((t) => t.route && [t.route.requested, t.route.shown, t.route.served, t.route.source])).toEqual([
      ['auto', 'gpt-5', 'gpt-5', 'export'],
      ['auto', 'gpt-5-thinking', 'gpt-5-thinking', 'export'],
      ['auto', 'gpt-5-mini', 'gpt-5-mini', 'export'],
    ]);
    expect(bundle.turns.filter((t) => t.role === 'user').every((t) => t.route === null)).toBe(true);
  });

  it('the route goes through the JSON bundle, JSONL and CSV', () => {
    const bundles = importChatGptExport([record()], 'export.json', DEFAULT_LIMITS);
    const routes = bundles[0].turns.map((t) => t.route);
    const viaBundle = importBundleJson(JSON.parse(exportBundleJson(bundles)), 'b.json', DEFAULT_LIMITS);
    expect(viaBundle[0].turns.map((t) => t.route)).toEqual(routes);
    const viaJsonl = importJsonl(exportJsonl(bundles), 'b.jsonl', DEFAULT_LIMITS).bundles;
    expect(viaJsonl[0].turns.map((t) => t.route)).toEqual(routes);
    const csv = exportCsv(bundles).split('\r\n');
    const header = csv[0].split(',');
    const served = header.indexOf('route_served');
    expect(served).toBeGreaterThan(0);
    expect(csv.some((row) => row.includes('gpt-5-mini,requested-from:default served-from:resolved-echo,export'))).toBe(true);
  });

  it('files written before routes existed (no route key) still import, with route null', () => {
    const bundles = importChatGptExport([record()], 'export.json', DEFAULT_LIMITS);
    const old = JSON.parse(exportBundleJson(bundles)) as { conversations: { turns: Record<string, unknown>[] }[] };
    for (const t of old.conversations[0].turns) delete t.route;
    expect(importBundleJson(old, 'old.json', DEFAULT_LIMITS)[0].turns.every((t) => t.route === null)).toBe(true);
  });
});
