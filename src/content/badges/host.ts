/**
 * The layer's host in the page: one zero-size, position:fixed element with a closed shadow root
 * holding our styles and the mount point. The page is not trusted: the host carries no id or
 * marker attribute (the capture observer knows it by identity, ../own-ui.ts) and its placement
 * styles are `!important`, so page CSS can't move, hide or resize it.
 */
import tokensCss from '../../common/tokens.css?inline';
import { markOwnNode } from '../own-ui.ts';
import badgesCss from './badges.css?inline';

/** Placement of the zero-size fixed host: `!important`, so page CSS can't move, hide or resize it. */
const HOST_STYLE = [
  'all:initial',
  'position:fixed',
  'top:0',
  'left:0',
  'width:0',
  'height:0',
  'z-index:2147483647',
  'display:block',
  'visibility:visible',
  'opacity:1',
  'transform:none',
  'clip-path:none',
  'filter:none',
  'pointer-events:auto',
]
  .map((d) => `${d} !important`)
  .join(';');

export interface LayerHost {
  host: HTMLElement;
  /** The (closed) shadow root: only our own code and unit tests hold it. */
  root: ShadowRoot;
  /** Where the badges and the panel are rendered. */
  mount: HTMLElement;
}

/** Creates the host, appends it to the page and keeps keys typed into it away from the site. */
export function createLayerHost(doc: Document): LayerHost {
  const host = doc.createElement('div');
  markOwnNode(host);
  // Zero-size fixed host: occupies no space in the site's layout whatever its CSS says.
  host.style.cssText = HOST_STYLE;
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = `${tokensCss}\n${badgesCss}`;
  const mount = doc.createElement('div');
  mount.className = 'po-layer';
  root.append(style, mount);
  (doc.documentElement ?? doc.body).append(host);

  // Typing in our panel must not trigger the site's shortcuts (they listen on document/window).
  for (const type of ['keydown', 'keyup', 'keypress'] as const) root.addEventListener(type, (e) => e.stopPropagation());
  return { host, root, mount };
}
