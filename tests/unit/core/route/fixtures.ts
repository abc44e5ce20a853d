/** Shared network fixtures: tests/fixtures/shared/<sub> once vendored, else ../shared/fixtures/<sub>. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export function sharedFixturePath(sub: string): string {
  const vendored = resolve(REPO, 'tests/fixtures/shared', sub);
  return existsSync(vendored) ? vendored : resolve(REPO, '../shared/fixtures', sub);
}

export const readShared = (sub: string): string => readFileSync(sharedFixturePath(sub), 'utf8');
export const readSharedBytes = (sub: string): Uint8Array => new Uint8Array(readFileSync(sharedFixturePath(sub)));

export const SSE_FILES = [
  'plain-gpt-5.sse', 'autoswitch-gpt-5-thinking.sse', 'safety-route-gpt-5-chat-safety.sse', 'downgrade-gpt-5-mini.sse',
] as const;
