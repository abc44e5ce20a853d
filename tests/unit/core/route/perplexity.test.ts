import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createPerplexityAskParser,
  parsePerplexityAsk,
  parsePerplexityThread,
  perplexityRequestedOf,
  type PerplexityResult,
} from '../../../../src/core/route/perplexity.ts';
import { routeFixture } from '../../../fixtures/paths.ts';
import { allSplits, feedBytes } from './byte-splits.ts';

const text = (name: string) => readFileSync(routeFixture(`perplexity/${name}`), 'utf8');
const bytes = (name: string) => new Uint8Array(readFileSync(routeFixture(`perplexity/${name}`)));
const SLUG = 'how-do-tides-work-Ab3dEf9xQk2';
const U1 = '2a4c6e8f-1111-4aaa-8bbb-000000000001';
const SECRETS = ['rwt_SYNTHETIC', 'Tides rise', 'How do tides', 'Spring tides', 'Thanks'];

function parseSplit(data: Uint8Array, cuts: readonly number[]): PerplexityResult {
  const parser = createPerplexityAskParser({ requested: 'gpt54_thinking' });
  feedBytes((t) => parser.push(t), data, cuts);
  return parser.finish();
}

describe('Perplexity (parser only; not wired: no reply id on the page)', () => {
  it('the ask request: params.model_preference only', () => {
    expect(perplexityRequestedOf(text('ask-request.json'))).toBe('gpt54_thinking');
    for (const bad of ['', '{', '{"model_preference":"x"}', '{"params":{"model_preference":"<b>"}}']) expect(perplexityRequestedOf(bad)).toBeNull();
  });

  it('the ask stream: the latest values per backend_uuid, two objects in one event, no token or text kept', () => {
    const result = parsePerplexityAsk(text('ask.sse'), { requested: 'gpt54_thinking' });
    expect(result.drops).toEqual({});
    expect(result.routes).toEqual([
      {
        site: 'perplexity',
        conversationId: SLUG,
        messageId: U1,
        requested: 'gpt54_thinking',
        shown: null,
        served: 'sonar',
        flags: ['requested-from:user-selected', 'served-from:display-model'],
        via: 'stream',
      },
    ]);
    const json = JSON.stringify(result);
    for (const s of SECRETS) expect(json).not.toContain(s);
  });

  it('the same result at every two-way split, random splits and 1-byte pieces', () => {
    const data = bytes('ask.sse');
    const whole = parseSplit(data, []);
    expect(whole.routes).toHaveLength(1);
    for (const cuts of allSplits(data.length)) expect(parseSplit(data, cuts)).toEqual(whole);
  });

  it('frames that name no model: the request model is the requested one, nothing served', () => {
    const full = text('ask.sse');
    const early = parsePerplexityAsk(full.slice(0, full.indexOf(': keep-alive')), { requested: 'gpt54_thinking' });
    expect(early.routes.map((r) => [r.requested, r.served, r.flags])).toEqual([['gpt54_thinking', null, ['requested-from:request']]]);
    expect(parsePerplexityAsk(full.slice(0, full.indexOf(': keep-alive'))).routes).toEqual([]);
  });

  it('the thread record: one route per entry naming a model', () => {
    const result = parsePerplexityThread(JSON.parse(text('thread.json')), SLUG);
    expect(result.drops).toEqual({});
    expect(result.routes.map((r) => [r.messageId.slice(-1), r.requested, r.served, r.via, r.conversationId])).toEqual([
      ['1', 'gpt54_thinking', 'sonar', 'record', SLUG],
      ['2', 'claude46sonnetthinking', 'claude46sonnetthinking', 'record', SLUG],
    ]);
    const json = JSON.stringify(result);
    for (const s of SECRETS) expect(json).not.toContain(s);
  });

  it('malformed and hostile input is ignored and counted', () => {
    const hostile = [
      'data: {"backend_uuid": broken}\n\n',
      'data: ["backend_uuid"]\n\n',
      'data: {"backend_uuid":"a b","display_model":"x"}\n\n',
      'data: {"backend_uuid":"ok-1","display_model":"<img>","user_selected_model":"pplx_alpha"}\n\n',
    ].join('');
    const result = parsePerplexityAsk(hostile);
    expect(result.drops).toEqual({ 'malformed-json': 1, 'not-an-object': 1, 'bad-field': 2 });
    expect(result.routes.map((r) => [r.messageId, r.requested, r.served])).toEqual([['ok-1', 'pplx_alpha', null]]);
    for (const bad of [null, [], {}, { entries: 'x' }, { entries: [null, 1, { display_model: 'sonar' }] }])
      expect(parsePerplexityThread(bad, null).routes).toEqual([]);
  });
});
