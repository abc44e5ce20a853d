import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClaudeStreamParser, parseClaudeStream, type ClaudeStreamResult } from '../../../../src/core/route/claude.ts';
import { requestedModelOf } from '../../../../src/core/route/chatgpt-request.ts';
import { routeFixture } from '../../../fixtures/paths.ts';
import { allSplits, feedBytes } from './byte-splits.ts';

const text = (name: string) => readFileSync(routeFixture(`claude/${name}`), 'utf8');
const bytes = (name: string) => new Uint8Array(readFileSync(routeFixture(`claude/${name}`)));
const REPLY = '4f1e2d3c-0000-4000-8000-000000000002';
const requested = requestedModelOf(text('request.json'));

function parseSplit(data: Uint8Array, cuts: readonly number[]): ClaudeStreamResult {
  const parser = createClaudeStreamParser({ requested, conversationId: 'conv-1' });
  feedBytes((t) => parser.push(t), data, cuts);
  return parser.finish();
}

describe('Claude completion stream (parser only; not wired: no reply id on the page)', () => {
  it('the request model is read from the body', () => {
    expect(requested).toBe('claude-fable-5');
  });

  it('a plain reply: served from message_start, requested from the request, nothing else kept', () => {
    const result = parseClaudeStream(text('completion-sonnet.sse'), { requested: 'claude-sonnet-4-6', conversationId: 'conv-1' });
    expect(result.drops).toEqual({});
    expect(result.route).toEqual({
      site: 'claude',
      conversationId: 'conv-1',
      messageId: REPLY,
      requested: 'claude-sonnet-4-6',
      shown: null,
      served: 'claude-sonnet-4-6',
      flags: ['requested-from:request', 'served-from:message-start'],
      via: 'stream',
    });
    expect(JSON.stringify(result)).not.toMatch(/Bonjour|within_limit|req_011/);
  });

  it('a fallback: another model served it, and the unknown event is named (never its contents)', () => {
    const result = parseClaudeStream(text('completion-fallback.sse'), { requested });
    expect(result.drops).toEqual({});
    expect(result.route).toMatchObject({ requested: 'claude-fable-5', served: 'claude-opus-4-8' });
    expect(result.route?.flags).toEqual(['requested-from:request', 'served-from:message-start', 'event:model_fallback_notice']);
    expect(JSON.stringify(result)).not.toContain('another model');
  });

  for (const name of ['completion-sonnet.sse', 'completion-fallback.sse']) {
    it(`${name}: the same result at every two-way split, random splits and 1-byte pieces`, () => {
      const data = bytes(name);
      const whole = parseSplit(data, []);
      expect(whole.route).not.toBeNull();
      for (const cuts of allSplits(data.length)) expect(parseSplit(data, cuts)).toEqual(whole);
    });
  }

  it('cut off before message_stop: incomplete; before message_start: no route', () => {
    const full = text('completion-sonnet.sse');
    const cut = parseClaudeStream(full.slice(0, full.indexOf('event: message_stop')), { requested });
    expect(cut.route?.flags).toContain('incomplete');
    expect(parseClaudeStream(full.slice(0, 30), { requested }).route).toBeNull();
  });

  it('malformed, hostile and oversize events are ignored and counted', () => {
    const hostile = [
      'event: message_start\ndata: {"type":"message_start","message":{"uuid":"a b","model":"<script>"}}\n\n',
      'event: message_start\ndata: {broken\n\n',
      'event: message_start\ndata: []\n\n',
      'event: Weird-Name!\ndata: {}\n\n',
      `event: ping\ndata: ${'x'.repeat(3000)}\n\n`,
      'event: message_start\ndata: {"type":"message_start","message":{"uuid":"ok-1","model":"claude-x"}}\n\n',
    ].join('');
    const result = parseClaudeStream(hostile, { requested: null, maxEventChars: 1000 });
    expect(result.drops).toEqual({ 'bad-field': 3, 'malformed-json': 1, 'not-an-object': 1, 'oversize-event': 1 });
    expect(result.route).toMatchObject({ messageId: 'ok-1', served: 'claude-x', requested: null });
    const many = Array.from({ length: 10 }, (_, i) => `event: extra_${i}\ndata: {}\n\n`).join('');
    expect(parseClaudeStream(many + hostile.split('\n\n').at(-2)! + '\n\n').route?.flags.filter((f) => f.startsWith('event:'))).toHaveLength(4);
  });
});
