/** Public API of the router analysis (what the dashboard, CLI and bench import). */
export { analyzeRouter, ROUTER_VERSION } from './analyze-router.ts';
export { bundlesToRouterInput } from './input.ts';
export { classifyCues, CUE_CLASSES, CUE_DESCRIPTIONS } from './cues.ts';
export type * from './types.ts';
export { routerReportMarkdown, textPlot } from './markdown.ts';
export { formatEvidence } from './questions.ts';
export { routerPersonas, type RouterPersonas, type StatePersonas } from './personas.ts';
