/**
 * Each content script as ONE classic file, built after the extension: the isolated content
 * script (`content.js`) and the main-world route observer (`route-observer.js`). @crxjs turns a
 * content script into a loader that imports module chunks, and those chunks must be
 * web-accessible under stable names, so any page on a chat site could probe for them and learn
 * the extension is installed. A single IIFE needs no web-accessible file at all, runs in the
 * page's world without a loader, and Firefox runs it as an ordinary content script.
 */
import preact from '@preact/preset-vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'vite';

export const CONTENT_SCRIPT_FILE = 'content.js';
/** Every content-script entry of manifest.json and the classic file it is built into. */
const OUTPUTS: Record<string, string> = {
  'src/content/index.ts': CONTENT_SCRIPT_FILE,
  'src/content/route/main-world.ts': 'route-observer.js',
};

function entryOf(cs: Record<string, unknown>): string {
  const js = cs.js;
  if (!Array.isArray(js) || js.length !== 1 || !(js[0] in OUTPUTS))
    throw new Error(`manifest.json: each content script must be one of ${Object.keys(OUTPUTS).join(', ')}`);
  return js[0] as string;
}

/** The manifest without content-script files: @crxjs must not build them (see above). */
export function withoutContentScriptFiles<M extends Record<string, unknown>>(manifest: M): M {
  const scripts = (manifest.content_scripts as Array<Record<string, unknown>> | undefined) ?? [];
  scripts.forEach(entryOf);
  return { ...manifest, content_scripts: undefined };
}

/** After the extension is written: build content.js and put the content script back in the manifest. */
export function contentScriptAsClassicFile(outDir: string, contentScripts: unknown): Plugin {
  return {
    name: 'persona-observatory:content-script-iife',
    apply: 'build',
    async closeBundle() {
      const scripts = contentScripts as Array<Record<string, unknown>>;
      for (const entry of new Set(scripts.map(entryOf))) {
        await build({
          configFile: false,
          logLevel: 'warn',
          plugins: [preact()],
          define: { 'process.env.NODE_ENV': JSON.stringify('production') },
          build: {
            outDir,
            emptyOutDir: false,
            sourcemap: false,
            assetsInlineLimit: 0,
            copyPublicDir: false,
            // Readable function names in a profile (bench:capture's where-the-time-goes): CONTENT_UNMINIFIED=1 npm run build.
            minify: process.env.CONTENT_UNMINIFIED === '1' ? false : undefined,
            lib: { entry, formats: ['iife'], name: 'personaObservatory', fileName: () => OUTPUTS[entry] },
          },
        });
      }
      const path = join(outDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(path, 'utf8'));
      manifest.content_scripts = scripts.map((cs) => ({ ...cs, js: [OUTPUTS[entryOf(cs)]] }));
      writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}
