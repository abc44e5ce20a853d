import { describe, expect, it } from 'vitest';
import { classifyCues } from '../../../../src/core/router/cues.ts';

describe('user-turn cue classifier', () => {
  it.each([
    ['continue', ['continuation']],
    ['Please continue', ['continuation']],
    ['keep going', ['continuation']],
    ['go on.', ['continuation']],
    ['ok', ['boredom']],
    ['meh', ['boredom']],
    ['whatever', ['boredom']],
    ['this is boring', ['boredom']],
    ["That's wrong, you printed a rhombus", ['complaint']],
    ['not what I asked for', ['complaint']],
    ['Are you sure?', ['pushback']],
    ["I don't think that's right", ['pushback']],
    ['I feel so lonely lately', ['vulnerability']],
    ["I can't cope anymore", ['vulnerability']],
    ['Are you conscious?', ['meta']],
    ['What model are you?', ['meta']],
    ['How do I sort a list in Python?', []],
    ['Thanks!', []],
  ])('%s → %j', (text, expected) => {
    expect(classifyCues(text)).toEqual(expected);
  });

  it('"continue" and "keep going" are never boredom (they mean a cut-off reply)', () => {
    for (const t of ['continue', 'Continue', 'keep going', 'please continue', 'continue please', 'go ahead']) expect(classifyCues(t)).not.toContain('boredom');
  });

  it('reads only the opening of long pasted turns', () => {
    const pasted = 'Here is my essay draft. '.repeat(20) + 'Are you sure the author is right?';
    expect(classifyCues(pasted)).toEqual([]);
  });
});
