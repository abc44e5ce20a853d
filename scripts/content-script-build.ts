/**
 * The content script as ONE classic file (`content.js`), built after the extension. @crxjs turns
 * a content script into a loader that imports module chunks, and those chunks must be
 * web-accessible under stable names, so any page on a chat site could probe for them and learn
 * the extension is installed. A single IIFE needs no web-accessible file at all, and Firefox
 * runs it as an ordinary content script.
 */
import preact from '@preact/preset-vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'vite';

export const CONTENT_SCRIPT_FILE = 'content.js';
const ENTRY = 'src/content/index.ts';

/** The manifest without content-script files: @crxjs must not build them (see above). */
export function withoutContentScriptFiles<M extends Record<string, unknown>>(manifest: M): M {
  const scripts = (manifest.content_scripts as Array<Record<string, unknown>> | undefined) ?? [];
  for (const cs of scripts) if (!Array.isArray(cs.js) || cs.js.length !== 1 || cs.js[0] !== ENTRY) throw new Error(`manifest.json: expected one content script, ${ENTRY}`);
  return { ...manifest, content_scripts: undefined };
}

/** After the extension is written: build content.js and put the content script back in the manifest. */
export function contentScriptAsClassicFile(outDir: string, contentScripts: unknown): Plugin {
  return {
    name: 'persona-observatory:content-script-iife',
    apply: 'build',
    async closeBundle() {
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
          lib: { entry: ENTRY, formats: ['iife'], name: 'personaObservatoryContent', fileName: () => CONTENT_SCRIPT_FILE },
        },
      });
      const path = join(outDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(path, 'utf8'));
      manifest.content_scripts = (contentScripts as Array<Record<string, unknown>>).map((cs) => ({ ...cs, js: [CONTENT_SCRIPT_FILE] }));
      writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}
