/**
 * The items whose key was not seen before, in order: the first of each
 * stays. One credit per agency and place, one quote per wording, one meta
 * line per kind and text.
 */
export function uniqueBy<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}
