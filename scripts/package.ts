/**
 * `npm run package`: store-ready zips of both builds, written to dist/:
 * persona-observatory-<version>-chrome.zip and …-firefox.zip (files at the zip root, as the
 * Chrome Web Store and addons.mozilla.org expect).
 */
import { zipSync, type Zippable } from 'fflate';
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

function collect(dir: string, root = dir, out: Zippable = {}): Zippable {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, root, out);
    else out[relative(root, path).split('\\').join('/')] = [readFileSync(path), { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }];
  }
  return out;
}

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
for (const target of ['chrome', 'firefox']) {
  const dir = `dist/${target}`;
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} is not built: run npm run build`);
  const zip = zipSync(collect(dir));
  const file = `dist/persona-observatory-${version}-${target}.zip`;
  writeFileSync(file, zip);
  console.log(`${file}  ${(zip.length / 1024).toFixed(1)} KiB`);
}
