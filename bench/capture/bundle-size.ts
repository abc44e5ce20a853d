/**
 * Size of what a chat page loads for our content script: the manifest's content-script files
 * plus every module they import (static `from "./x.js"`, and the loader's
 * `import(chrome.runtime.getURL("assets/…"))`), each file gzipped on its own (zlib default
 * level, as Vite reports it) and summed. Reads the built extension; prints, asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  files: { path: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
}

const IMPORTS = [/from\s*"(\.[^"]+)"/g, /import\s*"(\.[^"]+)"/g, /import\(\s*"(\.[^"]+)"\s*\)/g];
const RUNTIME_URL = /getURL\(\s*"([^"]+)"\s*\)/g;

export function contentScriptSize(dist: string): BundleSize {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { content_scripts?: { js?: string[] }[] };
  const queue = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []).map((p) => normalize(p));
  const seen = new Set<string>();
  const files: BundleSize['files'] = [];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const code = readFileSync(join(dist, path));
    files.push({ path, bytes: code.length, gzip: gzipSync(code).length });
    const text = code.toString('utf8');
    for (const re of IMPORTS) for (const m of text.matchAll(re)) queue.push(relative(dist, join(dist, dirname(path), m[1])));
    for (const m of text.matchAll(RUNTIME_URL)) queue.push(normalize(m[1]));
  }
  return { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = contentScriptSize(process.argv[2] ?? 'dist/chrome');
  for (const f of size.files) console.log(`  ${f.path}: ${(f.bytes / 1024).toFixed(1)} KiB, gzip ${(f.gzip / 1024).toFixed(1)} KiB`);
  console.log(`content script total: ${(size.bytes / 1024).toFixed(1)} KiB, gzip ${(size.gzip / 1024).toFixed(1)} KiB  [target ≤ 50 KB gzip]`);
}
