import { describe, expect, it } from 'vitest';
import { analyzeConversation, type AnalyzeTurn } from '../../../../src/core/analyze.ts';

const SHORT = [
  'Paris is the capital of France.',
  'Water boils at 100 degrees Celsius at sea level.',
  'The answer is 42.',
  'Use a hash map for constant-time lookups.',
  'Mercury is the closest planet to the Sun.',
  'Yes, that sentence is grammatical.',
];
const LONG = `# A complete guide!\n\nAbsolutely — I'd love to help you with this!! 😊\n\n## Step one\n\n- **First**, gather everything you need.\n- **Second**, I really think you'll enjoy this part!\n- **Third**, take your time.\n\n## Step two\n\n1. Open the box.\n2. Read every page carefully, because honestly it matters so much!\n3. Ask me anything at all — I'm always here for you!\n\nI hope this helps, and please let me know how it goes! 🎉`;

function conversation(last: string): AnalyzeTurn[] {
  return [...SHORT, last].flatMap((text, i) => [
    { role: 'user' as const, text: `Question ${i + 1}?` },
    { role: 'assistant' as const, text },
  ]);
}

describe('live estimate for the newest reply (online BOCPD)', () => {
  it('rises when the newest reply breaks with the conversation so far', () => {
    const broken = analyzeConversation(conversation(LONG)).replies.at(-1)!;
    const steady = analyzeConversation(conversation('Oxygen has the atomic number 8.')).replies.at(-1)!;
    expect(broken.confidence).toBeGreaterThan(steady.confidence);
    expect(broken.confidence).toBeGreaterThan(0.5);
    expect(steady.confidence).toBeLessThan(0.5);
  });

  it('is a probability and never decides a switch on its own', () => {
    const a = analyzeConversation(conversation(LONG));
    const last = a.replies.at(-1)!;
    expect(last.confidence).toBeGreaterThanOrEqual(0);
    expect(last.confidence).toBeLessThanOrEqual(1);
    expect(a.switches).not.toContain(last.index);
  });
});
