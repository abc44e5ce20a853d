// The pure capture decision: no DOM, no timers. Streaming, the quiet period, re-sends only on
// change, statuses once, and a refused batch retried.
import { describe, expect, it } from 'vitest';
import type { CapturedTurn } from '../../../src/core/model/types.ts';
import { emptySettleState, forgetSent, settle, settleStatus } from '../../../src/content/capture/settle.ts';

const QUIET = 100;
const HREF = 'https://claude.ai/chat/c1';
function turn(id: string, text: string, extra: Partial<CapturedTurn> = {}): CapturedTurn {
  return { id, role: id.startsWith('u') ? 'user' : 'assistant', text, model: null, selectedModel: null, streaming: false, ...extra } as CapturedTurn;
}

describe('settle', () => {
  it('holds a new turn for the quiet period, then sends it once', () => {
    const turns = [turn('u1', 'hi'), turn('a1', 'hello')];
    const first = settle(emptySettleState(), { href: HREF, turns }, 0, QUIET);
    expect(first.batch).toBeNull();
    expect(first.pending).toBe(2);
    expect(first.recheckInMs).toBe(QUIET);
    const early = settle(first.state, { href: HREF, turns }, 40, QUIET);
    expect(early.batch).toBeNull();
    expect(early.recheckInMs).toBe(60);
    const due = settle(early.state, { href: HREF, turns }, 100, QUIET);
    expect(due.batch?.map((t) => t.id)).toEqual(['u1', 'a1']);
    expect(due.recheckInMs).toBeNull();
    const again = settle(due.state, { href: HREF, turns }, 500, QUIET);
    expect(again.batch).toBeNull();
    expect(again.pending).toBe(0);
  });

  it('does not change the state it was given', () => {
    const s0 = emptySettleState();
    settle(s0, { href: HREF, turns: [turn('a1', 'x')] }, 0, QUIET);
    expect(s0.seen.size).toBe(0);
    expect(s0.sent.size).toBe(0);
  });

  it('a streaming turn is pending (listed for the badge layer) until it stops and holds still', () => {
    let r = settle(emptySettleState(), { href: HREF, turns: [turn('a1', 'Hel', { streaming: true })] }, 0, QUIET);
    expect([...r.pendingIds]).toEqual(['a1']);
    expect(r.recheckInMs).toBeNull(); // the stream's own mutations bring the next look
    r = settle(r.state, { href: HREF, turns: [turn('a1', 'Hello there')] }, 50, QUIET);
    expect(r.batch).toBeNull();
    expect([...r.pendingIds]).toEqual(['a1']);
    r = settle(r.state, { href: HREF, turns: [turn('a1', 'Hello there')] }, 150, QUIET);
    expect(r.batch?.map((t) => t.text)).toEqual(['Hello there']);
    expect(r.pendingIds.size).toBe(0);
  });

  it('re-sends a changed turn and sends only the finished ones with a count of the rest', () => {
    let r = settle(emptySettleState(), { href: HREF, turns: [turn('a1', 'one')] }, 0, QUIET);
    r = settle(r.state, { href: HREF, turns: [turn('a1', 'one')] }, 100, QUIET);
    expect(r.batch).toHaveLength(1);
    r = settle(r.state, { href: HREF, turns: [turn('a1', 'one, edited'), turn('a2', 'two')] }, 200, QUIET);
    expect(r.batch).toBeNull();
    r = settle(r.state, { href: HREF, turns: [turn('a1', 'one, edited'), turn('a2', 'two'), turn('a3', 'three')] }, 300, QUIET);
    expect(r.batch?.map((t) => t.id)).toEqual(['a1', 'a2']);
    expect(r.pending).toBe(1);
  });

  it('a batch the worker did not store is sent again', () => {
    let r = settle(emptySettleState(), { href: HREF, turns: [turn('a1', 'x')] }, 0, QUIET);
    r = settle(r.state, { href: HREF, turns: [turn('a1', 'x')] }, 100, QUIET);
    const refused = forgetSent(r.state, r.batch!);
    // Same page, nothing changed: without the forget it would stay quiet.
    expect(settle(r.state, { href: HREF, turns: [turn('a1', 'x')] }, 200, QUIET).batch).toBeNull();
    expect(settle(refused, { href: HREF, turns: [turn('a1', 'x')] }, 200, QUIET).batch).toHaveLength(1);
  });

  it('a page with no turns says "ok" once', () => {
    const r = settle(emptySettleState(), { href: HREF, turns: [] }, 0, QUIET);
    expect(r.batch).toEqual([]);
    expect(settle(r.state, { href: HREF, turns: [] }, 10, QUIET).batch).toBeNull();
  });

  it('a status is delivered once per page and status', () => {
    const s = settleStatus(emptySettleState(), `${HREF}|layout-not-recognized|x`);
    expect(s).not.toBeNull();
    expect(settleStatus(s!, `${HREF}|layout-not-recognized|x`)).toBeNull();
    expect(settleStatus(s!, `${HREF}|ok`)).not.toBeNull();
  });
});
