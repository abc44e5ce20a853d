// Claude adapter on every real saved Claude page. Expected values read off the HTML by hand.
import { describe, expect, it } from 'vitest';
import { captureFile, expectTurns, SITE_PAGES } from './helpers.ts';

const dir = `${SITE_PAGES}/claude`;
const URL_C = 'https://claude.ai/chat/0b7d6a52-1111-4222-8333-444455556666';

describe('claude adapter on real pages', () => {
  it('covai 2026-05: collapsed thinking summary kept apart; composer model is selectedModel only', () => {
    const c = captureFile(`${dir}/covai__claude-chat-2026-05.html`, 'claude', URL_C);
    expect(c.conversationId).toBe('0b7d6a52-1111-4222-8333-444455556666');
    expectTurns(c, [
      { role: 'user', starts: 'Please write a short response that includes:' },
      { role: 'assistant', starts: 'Here is a short response demonstrating', model: null, thinking: 'Identified markdown rendering demonstration request' },
    ]);
    const reply = c.turns[1];
    expect(reply.text).not.toMatch(/Claude responded|Identified markdown rendering/);
    expect(reply.text).toContain('```elixir');
    expect(reply.selectedModel).toBe('Sonnet 4.6 Adaptive');
  });

  it('artifact panel 2026-07 (rebuilt): the open artifact document is not a turn', () => {
    const c = captureFile(`${dir}/nuncaeslupus__artifact-panel-2026-07.html`, 'claude', URL_C);
    expectTurns(c, [
      { role: 'user', starts: 'Draft me a tide table helper:' },
      { role: 'assistant', starts: 'Both pieces are below.' },
    ]);
    expect(c.turns[1].text).not.toContain('Reading a tide table');
    expect(c.turns[1].selectedModel).toBe('Opus 4.8');
  });

  it('real capture (rebuilt): answer parts around a web-search widget joined, widget excluded', () => {
    const c = captureFile(`${dir}/nuncaeslupus__real-capture-rebuilt.html`, 'claude', URL_C);
    expectTurns(c, [
      { role: 'user', starts: 'This is invented placeholder text' },
      { role: 'assistant', starts: 'Sure — this is invented placeholder' },
    ]);
    expect(c.turns[1].text).toContain('A third invented paragraph');
    expect(c.turns[1].text).not.toContain('Placeholder search result title');
    expect(c.turns[1].selectedModel).toBe('Sonnet 4.5');
  });

  it('2025-11 Korean UI', () => {
    const c = captureFile(`${dir}/yongseopkim__claude-2025-11.html`, 'claude', URL_C);
    expectTurns(c, [
      { role: 'user', starts: '전체 복사는 확실히 너무' },
      { role: 'assistant', starts: '질문-답변 1쌍만 추출하는 방법', thinking: null },
    ]);
    expect(c.turns[1].text).toContain('```javascript\n// 개발자 도구 콘솔에서 실행');
  });

  it('edge 000: two reasoning blocks become thinking; the reply keeps only answer parts', () => {
    const c = captureFile(`${dir}/yongseopkim__edge_claude_000.html`, 'claude', URL_C);
    expectTurns(c, [{ role: 'assistant', starts: '현재 한국 구인 시장에서 당신 프로필에' }]);
    const t = c.turns[0];
    expect(t.thinking).toContain('사용자가 현재 구인 시장에서');
    expect(t.thinking).toContain('좋은 정보를 수집했다');
    expect(t.text).not.toContain('좋은 정보를 수집했다');
    expect(t.text).toContain('LLM/AI 에이전트 개발 포지션');
  });

  it('edge 002: status summary as thinking; all three answer parts in the text', () => {
    const c = captureFile(`${dir}/yongseopkim__edge_claude_002.html`, 'claude', URL_C);
    expectTurns(c, [{ role: 'assistant', starts: '그림 자체는 만들 수 있는데,', thinking: '야경 책상 장면을 시각적으로 구성했습니다' }]);
    expect(c.turns[0].text).toContain('얼굴은 일부러 비웠다');
    expect(c.turns[0].text).toContain('맞았는지 빗나갔는지는 당신이 안다.');
  });

  it('artifact-only page 2026-02: no chat turns → layout not recognized, nothing returned', () => {
    const c = captureFile(`${dir}/yongseopkim__claude_artifact_000.html`, 'claude', URL_C);
    expect(c.status).toBe('layout-not-recognized');
    expect(c.turns).toEqual([]);
    expect(c.detail).toMatch(/no turns/);
  });
});
