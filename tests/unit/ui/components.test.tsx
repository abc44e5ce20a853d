// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StateChip } from '../../../src/common/StateChip.tsx';
import { LabelText } from '../../../src/common/LabelText.tsx';
import { TimelineStrip, modelRuns, type TimelineCell } from '../../../src/ui/components/TimelineStrip.tsx';
import { VirtualList } from '../../../src/ui/components/VirtualList.tsx';
import { AnnotationControls } from '../../../src/ui/components/AnnotationControls.tsx';
import { EvidenceList } from '../../../src/common/EvidenceList.tsx';
import { stateSlot } from '../../../src/ui/components/state-colors.ts';
import { formatConfidence, formatValue } from '../../../src/common/format.ts';
import { HOSTILE, annotationFor } from './fixtures.ts';
import { byText, cleanup, click, mount, settle, type } from './render.tsx';

afterEach(cleanup);

const cell = (i: number, over: Partial<TimelineCell> = {}): TimelineCell => ({
  index: i,
  state: i < 2 ? 'A' : 'B',
  stateName: i < 2 ? 'formal' : 'playful',
  persona: null,
  shift: i === 2,
  confidence: 0.8,
  topLabel: i === 2 ? 'tone: formal → playful' : null,
  model: i < 3 ? 'gpt-4o' : 'o3',
  annotation: null,
  ...over,
});

describe('small formatters and palette', () => {
  it('maps letters in order and clamps confidences', () => {
    expect(stateSlot('A')).toBe(0);
    expect(stateSlot('C')).toBe(2);
    expect(stateSlot('I')).toBe(0);
    // Confidence reads as a strength, never as a percentage ("100%" read as certainty).
    expect(formatConfidence(0.724)).toBe('moderate');
    expect(formatConfidence(0.95)).toBe('strong');
    expect(formatConfidence(0.3)).toBe('weak');
    expect(formatValue(null)).toBe('n/a');
    expect(formatValue(1.23456)).toBe('1.23');
  });
});

describe('StateChip and LabelText', () => {
  it('show the state name and the label words with confidence', async () => {
    const root = await mount(
      <p>
        <StateChip state="B" stateName="playful" /> <LabelText label={{ kind: 'tone', text: 'tone: formal → playful', confidence: 0.72, evidence: [] }} />
      </p>,
    );
    // Without a global persona the chip is the conversation's own segment: numbered and neutral.
    expect(root.querySelector('.po-chip')?.className).toContain('po-chip-segment');
    expect(root.querySelector('.po-chip')?.textContent).toBe('#2playful');
    expect(root.textContent).toContain('tone: formal → playful · moderate');
  });

  it('render hostile text as text', async () => {
    const root = await mount(<LabelText label={{ kind: 'tone', text: HOSTILE, confidence: 0.5, evidence: [] }} />);
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.textContent).toContain('<img src=x');
  });
});

describe('TimelineStrip', () => {
  it('has one cell per reply, shift markers and model runs', async () => {
    const onSelect = vi.fn();
    const cells = [0, 1, 2, 3].map((i) => cell(i));
    const root = await mount(<TimelineStrip cells={cells} selected={null} onSelect={onSelect} />);
    const buttons = root.querySelectorAll('.po-tl-cell');
    expect(buttons).toHaveLength(4);
    expect(root.querySelectorAll('.po-tl-marker')).toHaveLength(1);
    expect(buttons[2].getAttribute('aria-label')).toContain('Reply 3: segment 2: playful; shift: tone: formal → playful, moderate');
    // Readable model names, the site's raw slug on hover.
    expect([...root.querySelectorAll('.po-tl-model')].map((e) => e.textContent)).toEqual(['GPT-4o', 'o3']);
    expect(root.querySelector('.po-tl-model')?.getAttribute('title')).toContain('gpt-4o');
    await click(buttons[3]);
    expect(onSelect).toHaveBeenCalledWith(3);
  });

  it('moves between replies with the arrow keys (single tab stop)', async () => {
    const onSelect = vi.fn();
    const root = await mount(<TimelineStrip cells={[cell(0), cell(1)]} selected={0} onSelect={onSelect} />);
    const [first, second] = root.querySelectorAll<HTMLElement>('.po-tl-cell');
    expect(first.tabIndex).toBe(0);
    expect(second.tabIndex).toBe(-1);
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(onSelect).toHaveBeenCalledWith(1);
  });

  it('says so when there are no replies', async () => {
    const root = await mount(<TimelineStrip cells={[]} selected={null} onSelect={() => {}} />);
    expect(root.textContent).toContain('No assistant replies');
  });

  it('groups equal consecutive models', () => {
    expect(modelRuns([cell(0), cell(1, { model: null }), cell(2, { model: null }), cell(3)]).map((r) => [r.model, r.length])).toEqual([
      ['gpt-4o', 1],
      [null, 2],
      ['o3', 1],
    ]);
  });
});

describe('VirtualList', () => {
  it('renders only a window of 10 000 rows', async () => {
    const root = await mount(<VirtualList count={10_000} rowHeight={40} label="Rows" renderRow={(i) => <button type="button">row {i}</button>} />);
    const rows = root.querySelectorAll('[role="listitem"]');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0].getAttribute('aria-setsize')).toBe('10000');
    expect(root.querySelector('[role="list"]')?.getAttribute('style')).toContain('400000px');
  });
});

describe('EvidenceList', () => {
  it('lists moves by size with before/after', async () => {
    const root = await mount(
      <EvidenceList
        evidence={[
          { feature: 'a_small', before: 1, after: 1.1, effect: 0.2 },
          { feature: 'b_big', before: 5, after: 1, effect: -2 },
        ]}
      />,
    );
    const rows = [...root.querySelectorAll('tbody tr')].map((r) => r.textContent);
    expect(rows[0]).toContain('b big');
    expect(rows[0]).toContain('▼');
    expect(rows[1]).toContain('a small');
  });
});

describe('AnnotationControls', () => {
  it('saves at once and says so', async () => {
    const save = vi.fn(async (d: { kind: 'confirm' | 'reject' | 'relabel' | 'note'; label: string | null; note: string | null }) => ({
      ...annotationFor('k', d.kind, d.label, d.note),
    }));
    const root = await mount(<AnnotationControls idPrefix="t" annotation={null} vocabulary={[]} save={save} />);
    await click(byText(root, 'button', 'Confirm shift'));
    await settle();
    expect(save).toHaveBeenCalledWith({ kind: 'confirm', label: null, note: null });
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Saved');
    expect(byText(root, 'button', 'Confirm shift')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('relabels with free text', async () => {
    const save = vi.fn(async () => annotationFor('k', 'relabel', 'warmer'));
    const root = await mount(<AnnotationControls idPrefix="t" annotation={null} vocabulary={[]} save={save} />);
    await type(root.querySelector('#t-relabel'), 'warmer');
    await click(byText(root, 'button', 'Save label'));
    await settle();
    expect(save).toHaveBeenCalledWith({ kind: 'relabel', label: 'warmer', note: null });
  });

  it('shows a failed save', async () => {
    const save = vi.fn(async () => {
      throw new Error('store is full');
    });
    const root = await mount(<AnnotationControls idPrefix="t" annotation={null} vocabulary={[]} save={save} />);
    await click(byText(root, 'button', 'Not a shift'));
    await settle();
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Not saved: store is full');
  });
});
