/**
 * A minimal Marionette (Firefox's remote protocol) client: enough to open a WebDriver session
 * that accepts our self-signed test certificate, navigate, and run a script in the page.
 * Frames are `<byteLength>:<json>`; commands `[0, id, name, params]`, replies `[1, id, error, result]`.
 */
import { connect, type Socket } from 'node:net';

export class Marionette {
  private socket: Socket;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private greeting: Promise<void>;

  private constructor(socket: Socket) {
    this.socket = socket;
    let greeted: () => void;
    this.greeting = new Promise((r) => {
      greeted = r;
    });
    let first = true;
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const colon = this.buffer.indexOf(0x3a);
        if (colon < 0) return;
        const length = Number(this.buffer.subarray(0, colon).toString());
        if (this.buffer.length < colon + 1 + length) return;
        const body = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString()) as unknown;
        this.buffer = this.buffer.subarray(colon + 1 + length);
        if (first) {
          first = false;
          greeted();
          continue;
        }
        const [, id, error, result] = body as [number, number, { error: string; message: string } | null, unknown];
        const w = this.waiting.get(id);
        this.waiting.delete(id);
        if (!w) continue;
        if (error) w.reject(new Error(`marionette: ${error.error}: ${error.message}`));
        else w.resolve(result);
      }
    });
    socket.on('error', (e) => {
      for (const w of this.waiting.values()) w.reject(e);
    });
  }

  /** Connect, retrying while Firefox starts. */
  static async connect(port: number, timeoutMs = 30_000): Promise<Marionette> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        const m = new Marionette(socket);
        await Promise.race([m.greeting, new Promise((_, rej) => setTimeout(() => rej(new Error('no greeting')), 5_000))]);
        return m;
      } catch (err) {
        if (Date.now() > end) throw new Error(`could not reach Marionette on port ${port}: ${String(err)}`);
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  send<T = unknown>(name: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    const json = Buffer.from(JSON.stringify([0, id, name, params]));
    this.socket.write(`${json.length}:`);
    this.socket.write(json);
    return new Promise<T>((resolve, reject) => this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  close(): void {
    this.socket.destroy();
  }
}
