/**
 * Turns the one manifest source (manifest.json, written for Chrome) into the manifest of a
 * build target. Firefox MV3 wants an event page (background.scripts), a gecko id and the
 * data-collection declaration; Chrome wants the service worker as written.
 */
export type BuildTarget = 'chrome' | 'firefox';

export const GECKO_ID = 'persona-observatory@persona-observatory.org';

type Manifest = Record<string, unknown> & { background?: { service_worker?: string; scripts?: string[]; type?: string } };

export function browserManifest(source: Manifest, target: BuildTarget, version: string): Manifest {
  const manifest: Manifest = structuredClone(source);
  manifest.version = version;
  if (target === 'chrome') return manifest;
  const worker = manifest.background?.service_worker;
  if (!worker) throw new Error('manifest.json: background.service_worker is missing');
  manifest.background = { scripts: [worker], type: 'module' };
  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: '142.0',
      data_collection_permissions: { required: ['none'] },
    },
  };
  return manifest;
}
