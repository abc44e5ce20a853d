/**
 * Capture halts after a store write error (quota exceeded or otherwise) and stays halted,
 * with the reason shown in the popup, until the user resumes or frees space. Persisted in
 * session storage so a restarted worker remembers it.
 */
import type { SessionArea } from './session.ts';

const SESSION_KEY = 'captureHalt';

export class CaptureGate {
  private reason: string | null = null;

  constructor(private readonly session: SessionArea | null) {}

  get storeError(): string | null {
    return this.reason;
  }

  async restore(): Promise<void> {
    const saved = await this.session?.get(SESSION_KEY);
    this.reason = typeof saved === 'string' ? saved : null;
  }

  halt(reason: string): void {
    this.reason = reason;
    void this.session?.set(SESSION_KEY, reason);
  }

  resume(): void {
    if (this.reason === null) return;
    this.reason = null;
    void this.session?.set(SESSION_KEY, null);
  }
}
