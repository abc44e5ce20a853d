// Sites with no real saved page (Poe, HuggingChat, Copilot) and Grok (real page has no turns):
// fixtures built from the reference's documented markup, see tests/fixtures/sites/README.md.
import { describe, expect, it } from 'vitest';
import { captureFile, expectTurns, REFERENCE_BUILT_SITES } from './helpers.ts';

describe('reference-built fixtures', () => {
  it('poe: bot name per reply as model, data-complete="false" reply is streaming', () => {
    const c = captureFile(`${REFERENCE_BUILT_SITES}/poe-reference-built.html`, 'poe', 'https://poe.com/chat/2x9abcdefg');
    expect(c.conversationId).toBe('2x9abcdefg');
    expect(c.turns.map((t) => [t.id, t.role, t.model, t.streaming])).toEqual([
      ['message-1001', 'user', null, false],
      ['message-1002', 'assistant', 'Claude-Sonnet-4.5', false],
      ['message-1003', 'user', null, false],
      ['message-1004', 'assistant', 'GPT-5', true],
    ]);
    expect(c.turns[1].text).toBe(
      'A tide mill is a water mill driven by **tidal rise and fall**.\n\n- A pond fills at high tide.\n- The water drives a wheel on the ebb.',
    );
    expect(c.turns[1].selectedModel).toBe('Claude-Sonnet-4.5');
  });

  it('huggingchat: routed model per reply, reasoning as thinking, branch counter', () => {
    const c = captureFile(`${REFERENCE_BUILT_SITES}/huggingchat-reference-built.html`, 'huggingchat', 'https://huggingface.co/chat/conversation/66509f00aa11');
    expect(c.conversationId).toBe('66509f00aa11');
    expectTurns(c, [
      { role: 'user', starts: 'Why is the sky blue?' },
      { role: 'assistant', starts: 'Sunlight is scattered by air molecules,', model: 'Llama-3.3-70B-Instruct', thinking: 'Rayleigh scattering' },
    ]);
    expect(c.turns[0].branch).toEqual({ index: 2, count: 3 });
    expect(c.turns[0].text).toBe('Why is the sky blue?');
    expect(c.turns[1].text).toContain('```text\nI ∝ 1/λ⁴\n```');
    expect(c.turns[1].text).not.toMatch(/Rayleigh|Routed to|Copy/);
  });

  it('copilot: data-content roles, sr-only and reactions excluded', () => {
    const c = captureFile(`${REFERENCE_BUILT_SITES}/copilot-reference-built.html`, 'copilot', 'https://copilot.microsoft.com/chats/u1yRSJwM2me3A96y5VL2y');
    expect(c.conversationId).toBe('u1yRSJwM2me3A96y5VL2y');
    expectTurns(c, [
      { role: 'user', starts: 'Suggest a name for a bakery' },
      { role: 'assistant', starts: 'How about Rise & Shine?', model: null },
      { role: 'user', starts: 'Two more, please' },
      { role: 'assistant', starts: '1. Crumb & Co.' },
    ]);
    expect(c.turns.some((t) => /You said|Copilot said|Like|Share/.test(t.text))).toBe(false);
  });

  it('grok: alignment classes give roles; response ids; composer model as selectedModel', () => {
    const c = captureFile(`${REFERENCE_BUILT_SITES}/grok-reference-built.html`, 'grok', 'https://grok.com/c/2b7c1f00-aaaa-4bbb-8ccc-00000000000f');
    expectTurns(c, [
      { role: 'user', starts: 'Explain entropy in one sentence.' },
      { role: 'assistant', starts: 'Entropy measures how many microscopic', model: null },
    ]);
    expect(c.turns[1].id).toBe('response-2b7c1f00-aaaa-4bbb-8ccc-000000000002');
    expect(c.turns[1].branch).toEqual({ index: 1, count: 2 });
    expect(c.turns[1].selectedModel).toBe('Grok 4');
  });
});
