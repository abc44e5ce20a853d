/** Vendored fixtures by their path under tests/fixtures/shared (network/chatgpt/…). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../../fixtures/paths.ts';

export function sharedFixturePath(sub: string): string {
  return join(FIXTURES, 'shared', sub);
}

export const readShared = (sub: string): string => readFileSync(sharedFixturePath(sub), 'utf8');
export const readSharedBytes = (sub: string): Uint8Array => new Uint8Array(readFileSync(sharedFixturePath(sub)));

export const SSE_FILES = ['plain-gpt-5.sse', 'autoswitch-gpt-5-thinking.sse', 'safety-route-gpt-5-chat-safety.sse', 'downgrade-gpt-5-mini.sse'] as const;
