/** Pure guards from src/core that views apply before acting on stored or picked data. */
export { checkFileBytes } from '../../core/formats/limits.ts';
export { siteUrlOrNull } from '../../core/sites.ts';
