/** Minimal key/value view of storage.session (absent in older browsers → null, in-memory only). */
export interface SessionArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/** An in-memory SessionArea (tests; browsers without storage.session). */
export function memorySession(): SessionArea {
  const data = new Map<string, unknown>();
  return {
    get: async (key) => data.get(key),
    set: async (key, value) => {
      data.set(key, value);
    },
  };
}
