/** Dense indexes of ids kept sorted ascending (the in-memory graph's authors, the paper facts' papers). */

/** The index of `id` in the ascending `ids`, or -1 (binary search). */
export function sortedIndexOf(ids: ArrayLike<number>, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = ids[mid]!;
    if (value === id) return mid;
    if (value < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
