/**
 * File and terminal safety for every CLI command: inputs refused by size before they are read,
 * outputs never written through a symlink nor over an existing file without `--force`, and
 * control characters from captured text escaped before they reach a terminal.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** Largest input file (bytes), unless a command says otherwise. */
export const MAX_INPUT_BYTES = 400 * 1024 * 1024;

export class CliInputError extends Error {}

/** Reads a whole UTF-8 file (or stdin for '-') after checking its size. */
export async function readInputText(path: string, maxBytes = MAX_INPUT_BYTES): Promise<string> {
  return (await readInputBytes(path, maxBytes)).toString('utf8');
}

export async function readInputBytes(path: string, maxBytes = MAX_INPUT_BYTES): Promise<Buffer> {
  if (path === '-') return readStdin(maxBytes);
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new CliInputError(err.code === 'ENOENT' ? `cannot read ${path}: no such file` : `cannot read ${path}: ${err.code ?? err.message}`);
  });
  if (info.isDirectory()) throw new CliInputError(`cannot read ${path}: it is a directory`);
  if (info.size > maxBytes)
    throw new CliInputError(`${path} is too large (${info.size.toLocaleString('en-US')} bytes; the limit is ${maxBytes.toLocaleString('en-US')})`);
  const handle = await open(path, 'r');
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new CliInputError(`standard input is too large (over ${maxBytes.toLocaleString('en-US')} bytes)`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Opens `path` for writing: a new file, or (with `force`) an existing regular file truncated.
 * Never through a symlink (O_NOFOLLOW), and without `force` never over anything (O_EXCL).
 */
export async function openOutput(path: string, force: boolean): Promise<import('node:fs/promises').FileHandle> {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (force ? constants.O_TRUNC : constants.O_EXCL);
  try {
    return await open(path, flags, 0o644);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliInputError(`${path} exists; refusing to overwrite it (add --force)`);
    if (code === 'ELOOP') throw new CliInputError(`${path} is a symbolic link; refusing to write through it`);
    if (code === 'EISDIR') throw new CliInputError(`${path} is a directory`);
    throw new CliInputError(`cannot write ${path}: ${code ?? (err as Error).message}`);
  }
}

/** Writes `body` to a new file (see openOutput). */
export async function writeOutput(path: string, body: string, force: boolean): Promise<void> {
  const handle = await openOutput(path, force);
  try {
    await handle.writeFile(body, 'utf8');
  } finally {
    await handle.close();
  }
}

/**
 * C0 controls (but tab and newline), DEL and C1 controls as visible escapes (`\u001b`), so
 * captured text can't move the cursor, retitle the window or hide lines in a terminal.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes what a terminal would interpret in everything written to `stream` while it is a TTY. */
export function guardTerminal(stream: NodeJS.WriteStream): void {
  if (!stream.isTTY) return;
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? terminalSafe(chunk) : chunk, ...rest)) as typeof stream.write;
}
