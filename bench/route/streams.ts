/**
 * Streams for the route benchmark: the four ChatGPT fixture streams as they are, and a long
 * reply built from the safety-routing fixture with `extraDeltas` more text deltas (a few words
 * each) before its closing patch — the shape of a long answer. Read from the vendored fixtures.
 */
import { readFileSync } from 'node:fs';
import { routeFixture, sharedFixture } from '../../tests/fixtures/paths.ts';

export function readSharedFixture(sub: string): string {
  return readFileSync(sharedFixture(sub), 'utf8');
}

export const FIXTURE_STREAMS = ['plain-gpt-5.sse', 'autoswitch-gpt-5-thinking.sse', 'safety-route-gpt-5-chat-safety.sse', 'downgrade-gpt-5-mini.sse'].map(
  (name) => ({ name, text: readSharedFixture(`network/chatgpt/${name}`) }),
);

const WORDS = ['the', 'tide', 'rises', 'because', 'the', 'moon', 'pulls', 'on', 'the', 'oceans,', 'and', 'the', 'earth', 'turns', 'beneath', 'it.'];

export function longReply(extraDeltas: number): string {
  const base = readSharedFixture('network/chatgpt/safety-route-gpt-5-chat-safety.sse');
  const closing = base.indexOf('event: delta\ndata: {"p": "", "o": "patch"');
  const at = closing >= 0 ? closing : base.indexOf('data: {"type": "message_marker"', base.indexOf('"last_token"') - 200);
  let extra = '';
  for (let i = 0; i < extraDeltas; i++) extra += `event: delta\ndata: {"v": " ${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]}"}\n\n`;
  return base.slice(0, at) + extra + base.slice(at);
}

/** The stream cut into network-like pieces: one event each (as ChatGPT flushes), or fixed sizes. */
export function pieces(text: string, mode: 'event' | number): string[] {
  if (mode === 'event') return text.split(/(?<=\n\n)/);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += mode) out.push(text.slice(i, i + mode));
  return out;
}

/**
 * A long Grok reply: the hand-built NDJSON fixture with `extraTokens` more token lines (a few
 * words each) before its final response line, as Grok streams a long answer.
 */
export function longGrokReply(extraTokens: number): string {
  const base = readFileSync(routeFixture('grok/new-conversation.ndjson'), 'utf8');
  const at = base.indexOf('{"result":{"response":{"modelResponse"');
  let extra = '';
  for (let i = 0; i < extraTokens; i++)
    extra += `${JSON.stringify({ result: { response: { token: ` ${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]}`, isThinking: false } } })}\n`;
  return base.slice(0, at) + extra + base.slice(at);
}
