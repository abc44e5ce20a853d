/**
 * The median as `quantileSorted(sorted, 0.5)` gives it, found by selection instead of a full sort
 * (large piles: linear, not n log n). Reorders `a`. Finite values only.
 */
export function medianInPlace(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return 0;
  const pos = (n - 1) * 0.5;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  selectInPlace(a, lo);
  let atLo = a[lo];
  let atHi = atLo;
  if (hi !== lo) {
    atHi = a[hi];
    for (let i = hi + 1; i < n; i++) if (a[i] < atHi) atHi = a[i];
  }
  // A typed-array sort puts −0 before +0; selection treats them as equal. Give zeros the sign the sort would.
  if (atLo === 0 || atHi === 0) {
    let below = 0;
    for (let i = 0; i < n; i++) if (a[i] < 0 || Object.is(a[i], -0)) below++;
    if (atLo === 0) atLo = lo < below ? -0 : 0;
    if (atHi === 0) atHi = hi < below ? -0 : 0;
  }
  return atLo + (atHi - atLo) * (pos - lo);
}

/** Hoare-style quickselect: afterwards a[k] is the k-th smallest, smaller-or-equal values before it, larger-or-equal after. */
function selectInPlace(a: Float64Array, k: number): void {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    // Median of three as the pivot keeps sorted or constant runs linear.
    const mid = (left + right) >> 1;
    const x = a[left];
    const y = a[mid];
    const z = a[right];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}
