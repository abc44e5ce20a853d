// Replies not captured are kept everywhere but never analysed (src/core/placeholders.ts).
import { describe, expect, it } from 'vitest';
import { analyzeInput, attachAnalysis } from '../../../../src/core/formats/analysis-join.ts';
import { refreshCounts } from '../../../../src/core/formats/build-bundle.ts';
import { notCapturedReasonOf, notCapturedText, withoutPlaceholders } from '../../../../src/core/placeholders.ts';
import { analyzeConversation } from '../../../../src/core/analyze.ts';
import { sampleBundle } from './sample-bundle.ts';

function withPlaceholder() {
  const b = sampleBundle();
  const i = b.turns.findIndex((t) => t.role === 'assistant' && t.alternativeOf === null);
  const reason = 'the reply is in a frame the page does not let extensions read';
  b.turns[i] = { ...b.turns[i], text: notCapturedText(reason), notCaptured: reason };
  return { b, key: b.turns[i].key, reason };
}

describe('placeholders', () => {
  it('the reason reads back from the placeholder text, and from nothing else', () => {
    expect(notCapturedReasonOf(notCapturedText('rendered in a frame'))).toBe('rendered in a frame');
    expect(notCapturedReasonOf('[reply not captured: ]')).toBeNull();
    expect(notCapturedReasonOf('I said [reply not captured: x] once')).toBeNull();
    expect(notCapturedReasonOf('[report not captured: its panel is closed]')).toBeNull();
  });

  it('the router input leaves placeholder turns and their analyses out, and copies nothing else', () => {
    const { b, key } = withPlaceholder();
    b.analyses.push({ ...b.analyses[0], turnKey: key });
    const plain = sampleBundle();
    const [out, same] = withoutPlaceholders([b, plain]);
    expect(out.turns.map((t) => t.key)).toEqual(b.turns.filter((t) => t.key !== key).map((t) => t.key));
    expect(out.analyses.some((a) => a.turnKey === key)).toBe(false);
    expect(same).toBe(plain);
  });

  it('the detector input skips it, analyses attach to the other replies, and the reply count leaves it out', () => {
    const { b, key } = withPlaceholder();
    expect(analyzeInput(b).some((t) => t.text.startsWith('[reply not captured'))).toBe(false);
    const labelled = attachAnalysis(b, analyzeConversation(analyzeInput(b)));
    expect(labelled.analyses.some((a) => a.turnKey === key)).toBe(false);
    const replies = b.turns.filter((t) => t.role === 'assistant' && t.alternativeOf === null).length;
    expect(labelled.analyses).toHaveLength(replies - 1);
    expect(refreshCounts(b).conversation.assistantCount).toBe(replies - 1);
  });
});
