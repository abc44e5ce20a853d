/** Writes docs/instrument.md from the registry (see bench/lib/instrument-doc.ts). */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderInstrumentDoc } from './instrument-doc.ts';
import { DETECTOR_VERSION } from '../../src/core/analyze.ts';

const path = resolve(import.meta.dirname, '../../docs/instrument.md');
writeFileSync(path, renderInstrumentDoc(DETECTOR_VERSION));
console.log(`wrote ${path}`);
