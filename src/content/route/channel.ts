/**
 * The one-way channel from the main-world route observer to the isolated content script:
 * `window.postMessage({ source, v, payload }, location.origin)` where `payload` is one
 * RouteObservation as a JSON string. Strings only: the isolated world measures and parses it
 * itself, and never touches a page object.
 */
export const ROUTE_CHANNEL_SOURCE = 'persona-observatory/route';
export const ROUTE_CHANNEL_VERSION = 1;

export interface RouteChannelMessage {
  source: typeof ROUTE_CHANNEL_SOURCE;
  v: typeof ROUTE_CHANNEL_VERSION;
  payload: string;
}
