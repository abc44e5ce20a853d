import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGrokStreamParser, grokRequestOf, parseGrokRecord, parseGrokStream, type GrokRequest, type GrokResult } from '../../../../src/core/route/grok.ts';
import { parseRouteObservation } from '../../../../src/core/route/observation.ts';
import { routeFixture } from '../../../fixtures/paths.ts';
import { allSplits, feedBytes } from './byte-splits.ts';

const text = (name: string) => readFileSync(routeFixture(`grok/${name}`), 'utf8');
const bytes = (name: string) => new Uint8Array(readFileSync(routeFixture(`grok/${name}`)));
const CONV = '0f6b2c3e-8a41-4d7b-9c35-2e1f6a9b7c10';

function parseSplit(data: Uint8Array, cuts: readonly number[], request: GrokRequest | null, conversationId: string | null = null): GrokResult {
  const parser = createGrokStreamParser({ request, conversationId });
  feedBytes((t) => parser.push(t), data, cuts);
  return parser.finish();
}

describe('Grok request', () => {
  it('reads modelName and isReasoning only', () => {
    expect(grokRequestOf(text('request-new.json'))).toEqual({ model: 'grok-4', reasoning: false });
    expect(grokRequestOf(text('request-reasoning.json'))).toEqual({ model: 'grok-4', reasoning: true });
  });
  it('bad bodies give nothing, never throw', () => {
    for (const body of ['', 'not json', '{"modelName":', '[1]', '{"modelName":"<script>"}', '{"modelName":42,"isReasoning":"yes"}', 'null'])
      expect(grokRequestOf(body)).toEqual({ model: null, reasoning: null });
  });
});

describe('Grok stream parser on the fixtures', () => {
  const request = grokRequestOf(text('request-new.json'));

  it('new conversation: every field of the reply', () => {
    const result = parseGrokStream(text('new-conversation.ndjson'), { request });
    expect(result.drops).toEqual({});
    expect(result.observations).toEqual([
      {
        site: 'grok',
        conversationId: CONV,
        messageId: 'response-7c1d4e2a-3b5f-4a69-8e0d-1f2a3b4c5d6e',
        requested: 'grok-4',
        shown: null,
        served: 'grok-4',
        flags: ['requested-from:request', 'served-from:response-model'],
        via: 'stream',
      },
    ]);
    expect(parseRouteObservation(result.observations[0])).toEqual(result.observations[0]);
  });

  it('a reply naming another model, CRLF line ends, reasoning requested, conversation from the path', () => {
    const result = parseGrokStream(text('reply-other-model.ndjson'), { request: grokRequestOf(text('request-reasoning.json')), conversationId: CONV });
    expect(result.drops).toEqual({});
    expect(result.observations).toHaveLength(1);
    const [o] = result.observations;
    expect(o).toMatchObject({ conversationId: CONV, requested: 'grok-4', served: 'grok-3-mini', shown: null });
    expect(o.flags).toEqual(['requested-from:request', 'served-from:response-model', 'reasoning-requested']);
  });

  for (const name of ['new-conversation.ndjson', 'reply-other-model.ndjson']) {
    it(`${name}: the same result at every two-way split, random splits and 1-byte pieces`, () => {
      const data = bytes(name);
      const whole = parseSplit(data, [], request);
      expect(whole.observations).toHaveLength(1);
      for (const cuts of allSplits(data.length)) expect(parseSplit(data, cuts, request)).toEqual(whole);
    });

    it(`${name}: keeps no message text or title`, () => {
      const json = JSON.stringify(parseGrokStream(text(name), { request }));
      for (const secret of ['Grüße', 'Here is', 'Sure', 'Greetings', 'Thinking', 'Considering']) expect(json).not.toContain(secret);
    });
  }
});

describe('Grok stream parser on broken and hostile streams', () => {
  it('cut anywhere it never throws; a cut-off last line is counted, a route only from a whole response line', () => {
    const full = text('new-conversation.ndjson');
    for (let cut = 0; cut < full.length; cut += 7) {
      const result = parseGrokStream(full.slice(0, cut));
      for (const o of result.observations) expect(o.served).toBe('grok-4');
    }
    const lastLine = full.lastIndexOf('{"result":{"response":{"modelResponse"');
    const cutInside = parseGrokStream(full.slice(0, lastLine + 40));
    expect(cutInside.observations).toEqual([]);
    expect(cutInside.drops['malformed-json']).toBe(1);
  });

  it('malformed lines, non-objects, bad ids and slugs are ignored and counted', () => {
    const lines = [
      '{"result":{"response":{"modelResponse":{"responseId":"a b","sender":"ASSISTANT","model":"grok-4"}}}}',
      '{"result":{"response":{"modelResponse":{"responseId":"ok-1","sender":"ASSISTANT","model":"<img src=x>"}}}}',
      '{"modelResponse" oops',
      '["modelResponse"]',
      '{"result":{"response":{"modelResponse":{"responseId":"u-1","sender":"human","model":"grok-4"}}}}',
      '{"result":{"response":{"modelResponse":{"responseId":"ok-2","sender":"assistant","model":"grok-4","partial":true}}}}',
    ];
    const result = parseGrokStream(`${lines.join('\n')}\n`);
    expect(result.drops).toEqual({ 'bad-field': 2, 'malformed-json': 1, 'not-an-object': 1 });
    expect(result.observations.map((o) => [o.messageId, o.served, o.flags])).toEqual([
      ['response-ok-2', 'grok-4', ['served-from:response-model', 'incomplete']],
    ]);
  });

  it('oversize lines and streams are dropped and counted, memory stays bounded', () => {
    const long = `{"result":{"response":{"token":"${'x'.repeat(5000)}"}}}\n`;
    const parser = createGrokStreamParser({ maxLineChars: 1000, maxStreamChars: 20_000 });
    parser.push(long.slice(0, 2500));
    parser.push(long.slice(2500));
    parser.push(text('new-conversation.ndjson'));
    expect(parser.overLimit).toBe(false);
    const result = parser.finish();
    expect(result.drops['oversize-event']).toBe(1);
    expect(result.observations).toHaveLength(1);
    const big = createGrokStreamParser({ maxStreamChars: 100 });
    big.push('x'.repeat(101));
    expect(big.overLimit).toBe(true);
    expect(big.finish().drops['oversize-stream']).toBe(1);
  });

  it('prototype keys do not become routes', () => {
    const result = parseGrokStream(
      '{"result":{"response":{"modelResponse":{"__proto__":{"sender":"assistant","responseId":"p-1","model":"grok-4"}}}},"conversationId":1}\n',
    );
    expect(result.observations).toEqual([]);
  });
});

describe('Grok record (load-responses)', () => {
  it('one observation per assistant response, user turns skipped, partial flagged', () => {
    const result = parseGrokRecord(JSON.parse(text('load-responses.json')), CONV);
    expect(result.drops).toEqual({});
    expect(result.observations.map((o) => [o.messageId, o.requested, o.served, o.flags, o.via])).toEqual([
      ['response-7c1d4e2a-3b5f-4a69-8e0d-1f2a3b4c5d6e', null, 'grok-4', ['served-from:response-model'], 'record'],
      ['response-9a8b7c6d-5e4f-4321-a0b1-c2d3e4f5a6b7', null, 'grok-3-mini', ['served-from:response-model'], 'record'],
      ['response-9a8b7c6d-5e4f-4321-a0b1-c2d3e4f5a6b8', null, 'grok-4', ['served-from:response-model', 'incomplete'], 'record'],
    ]);
    expect(JSON.stringify(result)).not.toContain('Grüße');
  });
  it('anything else gives nothing', () => {
    for (const bad of [null, [], {}, { responses: 'x' }, { responses: [null, 1, 'x', { sender: 'assistant' }] }])
      expect(parseGrokRecord(bad, CONV).observations).toEqual([]);
  });
});
