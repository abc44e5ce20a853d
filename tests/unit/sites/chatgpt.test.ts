// ChatGPT adapter on every real saved ChatGPT page. Expected values were read off the HTML
// (grep / DOM inspection of each file), not printed from the adapter.
import { describe, expect, it } from 'vitest';
import { captureFile, expectTurns, SITE_PAGES, type ExpectedTurn } from './helpers.ts';

const dir = `${SITE_PAGES}/chatgpt`;
const URL_C = 'https://chatgpt.com/c/6890a1b2-0000-4000-8000-000000000001';
const u = (starts: string): ExpectedTurn => ({ role: 'user', starts });
const a = (starts: string, model?: string | null, thinking?: string | null): ExpectedTurn => ({ role: 'assistant', starts, model, thinking });

describe('chatgpt adapter on real pages', () => {
  it('reads the conversation id from /c/, /g/…/c/ and /share/ URLs', () => {
    const file = `${dir}/covai__chatgpt-chat-2026-05.html`;
    expect(captureFile(file, 'chatgpt', URL_C).conversationId).toBe('6890a1b2-0000-4000-8000-000000000001');
    expect(captureFile(file, 'chatgpt', 'https://chatgpt.com/g/g-p-abc123-proj/c/abc-123').conversationId).toBe('abc-123');
    expect(captureFile(file, 'chatgpt', 'https://chat.openai.com/share/xyz-9').conversationId).toBe('xyz-9');
  });

  it('covai 2026-05 (section layout, gpt-5-5)', () => {
    const c = captureFile(`${dir}/covai__chatgpt-chat-2026-05.html`, 'chatgpt', URL_C);
    expectTurns(c, [u('Please write a short response that includes:'), a('Here is a short example response', 'gpt-5-5', null)]);
    expect(c.turns[0].text).not.toMatch(/You said/);
    expect(c.turns[1].text).not.toMatch(/ChatGPT said/);
  });

  it('2026-01 real capture (article layout, Spanish UI): 26 turns, gpt-4o → gpt-4-1-mini → gpt-4o', () => {
    const c = captureFile(`${dir}/nuncaeslupus__real-capture-2026-01.html`, 'chatgpt', URL_C);
    const starts = [
      'Yes You can point the TESSERA',
      'As, the endpoint speaks the Same REQUEST',
      'History file and, prints Replies',
      'Makes, it easy to pipe Into',
      'Time, Without changing the address',
      'Token.! Yes you can point',
      'which: means: one {configuration,covers,both,the}:',
      'Pick, a profile — give it',
      'Proposed change so 1:',
      'The underlying gateway is — the 401',
      'A profile that matches the kind',
      'Editing! A mid curl sized profile,',
      'Reply arrives! You know the TOKEN',
      'Some, editors ship an extension —',
      'Was copied completely because A',
      'One. Finally — make sure, the',
      'To, confirm The wiring is',
      'Editor. — The extension panel lets',
      'Looks like An.authentication, problem',
      'Move — on to picking Fragment.dev',
      'Correctly, from Your machine.',
      'File, which means! One configuration',
      'Is whether the, address ends',
      'Finally — make sure the! Machine',
      'Many Smaller profiles simply Do',
      'Switch — to a profile from.',
    ];
    expectTurns(
      c,
      starts.map((s, i) => (i % 2 === 0 ? u(s) : a(s, i === 21 ? 'gpt-4-1-mini' : 'gpt-4o', null))),
    );
    const models = c.turns.filter((t) => t.role === 'assistant').map((t) => t.model);
    expect(models.indexOf('gpt-4-1-mini')).toBe(10);
    expect(models.filter((m) => m === 'gpt-4o')).toHaveLength(12);
    // sr-only "Tú dijiste:" / "ChatGPT Plus" headings are chrome, not text
    expect(c.turns.some((t) => /Tú dijiste|ChatGPT Plus/.test(t.text))).toBe(false);
    // site ids: data-message-id of the first message
    expect(c.turns[1].id).toBe('2fe8eabf-74f6-4f49-a144-5d90ca31b45f');
  });

  it('formatting showcase 2026-07: headings, table and code fence kept as Markdown', () => {
    const c = captureFile(`${dir}/nuncaeslupus__formatting-showcase-2026-07.html`, 'chatgpt', URL_C);
    expectTurns(c, [u('Reply with a short formatting showcase'), a('Fictional Widget Factory', 'gpt-5-5')]);
    const text = c.turns[1].text;
    expect(text).toMatch(/^## Fictional Widget Factory/);
    expect(text).toContain('| Widget | Batch | Status |');
    expect(text).toContain('| Alpha | F-101 | Ready |');
    expect(text).toContain('```python\nfactory = "Fictional"');
    expect(text).toContain('> Every fictional widget passed pretend inspection.');
    expect(text).not.toMatch(/Copy table|\bRun\b\n/);
  });

  it('long code 2026-07: one 160-line python fence', () => {
    const c = captureFile(`${dir}/nuncaeslupus__longcode-160-lines-2026-07.html`, 'chatgpt', URL_C);
    expectTurns(c, [u('Output one fenced python code block'), a('python x_001 = 001', 'gpt-5-5')]);
    const code = c.turns[1].text.split('\n');
    expect(code[0]).toBe('```python');
    expect(code.filter((l) => /^x_\d{3} = \d{3}$/.test(l))).toHaveLength(160);
    expect(code[160]).toBe('x_160 = 160');
  });

  it('deep research 2026-07: the report in a cross-origin frame is a visible "reply not captured" placeholder, not "ChatGPT said:"', () => {
    const c = captureFile(`${dir}/nuncaeslupus__deep-research-2026-07.html`, 'chatgpt', URL_C);
    expectTurns(c, [
      u('Deep research How did tidal mills'),
      a('[reply not captured: the Deep Research report is in a frame', null, null),
      u('Great! Now summarise that'),
      a('A tidal mill trapped the incoming tide', 'gpt-5-5', null),
    ]);
    expect(c.turns.map((t) => t.id)).toEqual(['turn-a1', 'request-WEB:turn-a2-0', 'turn-a3', 'turn-a4']);
    expect(c.turns[1].notCaptured).toMatch(/Deep Research report/);
    expect(c.turns[3].notCaptured).toBeUndefined();
  });

  it('2025-11 Korean UI: thinking header kept apart from the reply', () => {
    const c = captureFile(`${dir}/yongseopkim__chatgpt-2025-11.html`, 'chatgpt', URL_C);
    expectTurns(c, [u('전체 복사는 확실히 너무'), a('1. 질문 정리', 'gpt-5-1-thinking', '15s 동안 생각함')]);
    expect(c.turns[1].text).not.toContain('생각함');
  });

  it('edge 000 (2026-07): thinking "22s 동안 처리함", gpt-5-6-thinking', () => {
    const c = captureFile(`${dir}/yongseopkim__edge_chatgpt_000-2026-07.html`, 'chatgpt', URL_C);
    expectTurns(c, [u('인터넷에서 본 아래 글에 대한'), a('결론 이 글의 핵심 태도는', 'gpt-5-6-thinking', '22s 동안 처리함')]);
  });

  it('edge 001 (2026-07): an empty unmounted shell is skipped; three thinking replies', () => {
    const c = captureFile(`${dir}/yongseopkim__edge_chatgpt_001-2026-07.html`, 'chatgpt', URL_C);
    expectTurns(c, [
      u('반도체 수요에 비해 데이터센터가'),
      a('결론 말씀하신 내용은 대체로', 'gpt-5-6-thinking', '3m 47s 동안 처리함'),
      a('가능합니다. 핵심은 수요가', 'gpt-5-6-thinking'),
      u('같은 요청에 대해 다른 관점의'),
      a('총평 이 답변은', 'gpt-5-6-thinking', '1m 28s 동안 처리함'),
      u('이전 너의 대답에 대한'),
      a('먼저 평가 추가 답변의', 'gpt-5-6-thinking', '1m 3s 동안 처리함'),
    ]);
    // Citation pills become [n] markers; their URLs are kept apart, in marker order (issue 16).
    expect(c.turns.some((t) => t.text.includes('webpage-citation-pill') || t.text.includes('+1'))).toBe(false);
    const cited = c.turns[1];
    expect(cited.text).toMatch(/많습니다\. \[1\]/);
    expect(cited.citations?.length).toBe(11);
    expect(cited.citations?.[0]).toBe('https://www.cbre.com/insights/books/north-america-data-center-trends-h2-2025?utm_source=chatgpt.com');
    const markers = [...cited.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(Math.max(...markers)).toBe(11);
    expect(c.turns[0].citations).toBeUndefined();
  });

  it('edge 003 (2026-07): an image-generation turn is described by its alt text', () => {
    const c = captureFile(`${dir}/yongseopkim__edge_chatgpt_003-2026-07.html`, 'chatgpt', URL_C);
    expectTurns(c, [u('대화를 통해 추측해 볼 수 있는 나'), a('[image: 생성된 이미지: 지적이고', null)]);
    expect(c.turns[1].text).toBe('[image: 생성된 이미지: 지적이고 미래적인 학문적 포트레이트]');
  });
});
