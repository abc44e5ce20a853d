/** Epoch ms → ISO-8601 UTC text for exports; null when unknown or out of Date's range. */
export function isoTime(ms: number | null): string | null {
  // Date covers ±8.64e15 ms; anything beyond would throw a RangeError.
  return ms === null || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15 ? null : new Date(ms).toISOString();
}
