/** Vendored fixtures by their path under tests/fixtures/shared (network/chatgpt/…). */
import { readFileSync } from 'node:fs';
import { sharedFixture } from '../../../fixtures/paths.ts';

export const readShared = (sub: string): string => readFileSync(sharedFixture(sub), 'utf8');
export const readSharedBytes = (sub: string): Uint8Array => new Uint8Array(readFileSync(sharedFixture(sub)));

export const SSE_FILES = ['plain-gpt-5.sse', 'autoswitch-gpt-5-thinking.sse', 'safety-route-gpt-5-chat-safety.sse', 'downgrade-gpt-5-mini.sse'] as const;
