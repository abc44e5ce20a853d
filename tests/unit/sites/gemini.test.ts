// Gemini adapter on every real saved Gemini page. Expected values read off the HTML by hand.
import { describe, expect, it } from 'vitest';
import { captureFile, expectTurns, SITE_PAGES } from './helpers.ts';

const dir = `${SITE_PAGES}/gemini`;
const URL_C = 'https://gemini.google.com/app/0123456789abcdef';

describe('gemini adapter on real pages', () => {
  it('covai 2026-05: mode picker "Pro" is selectedModel, reply model stays null', () => {
    const c = captureFile(`${dir}/covai__gemini-chat-2026-05.html`, 'gemini', URL_C);
    expect(c.conversationId).toBe('0123456789abcdef');
    expectTurns(c, [
      { role: 'user', starts: 'Please write a short response that includes:' },
      { role: 'assistant', starts: 'Here is a concise response combining', model: null },
    ]);
    expect(c.turns.map((t) => t.id)).toEqual(['c1b4f3fd8ed152d7:user', 'c1b4f3fd8ed152d7:model']);
    expect(c.turns[1].selectedModel).toBe('Pro');
    expect(c.turns.some((t) => /You said|Gemini said/.test(t.text))).toBe(false);
    // Issue 16: the display maths (div.math-block[data-math], KaTeX without annotation) was dropped.
    expect(c.turns[1].text).toContain('$$e^{i\\pi} + 1 = 0$$');
  });

  it('real capture 2026-01+07: three exchanges, collapsed "Show thinking" is not thinking', () => {
    const c = captureFile(`${dir}/nuncaeslupus__real-capture-2026-01+07.html`, 'gemini', URL_C);
    expectTurns(c, [
      { role: 'user', starts: 'How does a wing actually generate lift?' },
      { role: 'assistant', starts: 'Lift is generated through two complementary', thinking: null },
      { role: 'user', starts: 'Why does 100 GSM paper fly further' },
      { role: 'assistant', starts: 'The 100 GSM paper is preferred', thinking: null },
      { role: 'user', starts: 'Give me the HTML for a small infographic' },
      { role: 'assistant', starts: 'I will generate a complete, single-file HTML', thinking: null },
    ]);
    expect(c.turns.some((t) => t.text.includes('Show thinking'))).toBe(false);
    expect(c.turns[1].selectedModel).toBe('Flash');
  });

  it('deep research 2026-07: the open report panel is the answer of the reply whose chip opened it (not a turn of its own)', () => {
    const c = captureFile(`${dir}/nuncaeslupus__deep-research-2026-07.html`, 'gemini', URL_C);
    expectTurns(c, [
      { role: 'user', starts: 'How costly is a rules-based European equity sleeve to run?' },
      { role: 'assistant', starts: "Here's a research plan for that topic." },
      { role: 'user', starts: 'Start research' },
      { role: 'assistant', starts: "I've completed your research." },
    ]);
    // Issue 16: the report panel is the answer; before, only the one-line summary was captured.
    expect(c.turns.filter((t) => t.text.includes('Executive')).map((t) => t.id)).toEqual([c.turns[3].id]);
    expect(c.turns[3].text.indexOf('Executive')).toBeGreaterThan(c.turns[3].text.indexOf("I've completed your research."));
    // the sanitised screen-reader label ("Placeholder text.") is chrome
    expect(c.turns[1].text.startsWith('Placeholder')).toBe(false);
  });

  it('table 2026-07: code block with language header, then a Markdown table', () => {
    const c = captureFile(`${dir}/nuncaeslupus__table-2026-07.html`, 'gemini', URL_C);
    expectTurns(c, [
      { role: 'user', starts: 'Make a markdown table comparing three fictional' },
      { role: 'assistant', starts: 'python markdown_content =' },
    ]);
    const text = c.turns[1].text;
    expect(text.startsWith('```python\nmarkdown_content =')).toBe(true);
    expect(text).not.toMatch(/Show code|Gemini said/);
    expect(text).toMatch(/\| Fund \| Jurisdiction \|/);
  });
});
