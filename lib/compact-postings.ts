/**
 * The compact build's inverted index (schema 2): one fingerprint in
 * POSTING_SAMPLE is kept, chosen by its hash, so a page and a story keep the
 * same ones; each kept hit counts as POSTING_SAMPLE when candidates are
 * ranked (a copy shares hundreds of fingerprints with its story, a
 * three-paragraph excerpt about forty: five kept). The kept fingerprints are
 * bucketed by their top bits (a table read in place); each entry packs the
 * rest of the hash and the story's position in as few bits as they need,
 * sorted by hash then story.
 */

/** One fingerprint in four is kept. */
export const POSTING_SAMPLE = 4;
/** Entries per bucket aimed at: a look-up reads about this many. */
const ENTRIES_PER_BUCKET = 8;
const MIN_BUCKET_BITS = 4;
const MAX_ENTRY_BITS = 32;

export interface PostingLayout {
  sample: number;
  bucketBits: number;
  storyBits: number;
  entries: number;
}

/** Whether a fingerprint is one the compact build keeps. */
export const keptFingerprint = (hash: number, sample = POSTING_SAMPLE) => (hash & (sample - 1)) === 0;

/** Packs (fingerprint, story) pairs of kept fingerprints: the bucket table and the entries. */
export function packPostings(
  pairs: Uint32Array,
  storyCount: number,
  sample = POSTING_SAMPLE,
): { layout: PostingLayout; buckets: Uint32Array; entries: Uint8Array } {
  const n = pairs.length / 2;
  const sampleBits = Math.log2(sample);
  // Bits of a kept fingerprint that say anything (the low ones are zero by choice).
  const hashBits = 32 - sampleBits;
  const storyBits = Math.max(1, Math.ceil(Math.log2(Math.max(2, storyCount))));
  const bucketBits = Math.min(
    hashBits,
    Math.max(
      MIN_BUCKET_BITS,
      Math.ceil(Math.log2(Math.max(1, n / ENTRIES_PER_BUCKET))),
      hashBits + storyBits - MAX_ENTRY_BITS,
    ),
  );
  const restBits = hashBits - bucketBits;
  const entryBits = restBits + storyBits;
  const order = new Uint32Array(n).map((_, i) => i);
  order.sort((a, b) => pairs[2 * a]! - pairs[2 * b]! || pairs[2 * a + 1]! - pairs[2 * b + 1]!);
  const buckets = new Uint32Array((1 << bucketBits) + 1);
  const entries = new Uint8Array(Math.ceil((n * entryBits) / 8) + 4);
  let bit = 0;
  order.forEach((from) => {
    const q = pairs[2 * from]! >>> sampleBits;
    buckets[(q >>> restBits) + 1]!++;
    const value = (q % 2 ** restBits) * 2 ** storyBits + pairs[2 * from + 1]!;
    for (let b = entryBits - 1; b >= 0; b--, bit++)
      if (Math.floor(value / 2 ** b) % 2) entries[bit >>> 3]! |= 0x80 >>> (bit & 7);
  });
  for (let b = 1; b < buckets.length; b++) buckets[b]! += buckets[b - 1]!;
  return { layout: { sample, bucketBits, storyBits, entries: n }, buckets, entries };
}

/** Reads `width` bits (≤ 32) at `bit`, most significant first. */
function field(bytes: Uint8Array, bit: number, width: number): number {
  let v = 0;
  let at = bit;
  let left = width;
  while (left > 0) {
    const inByte = 8 - (at & 7);
    const take = Math.min(inByte, left);
    const chunk = (bytes[at >>> 3]! >>> (inByte - take)) & ((1 << take) - 1);
    v = v * 2 ** take + chunk;
    at += take;
    left -= take;
  }
  return v;
}

/** The stories holding a fingerprint, as MatchIndex.eachPosting reads them. */
export function postingLookup(
  layout: PostingLayout,
  buckets: Uint32Array,
  entries: Uint8Array,
  storyCount: number,
): (hash: number, max: number, visit: (story: number, weight?: number) => void) => boolean {
  const sampleBits = Math.log2(layout.sample);
  const restBits = 32 - sampleBits - layout.bucketBits;
  const entryBits = restBits + layout.storyBits;
  const storyScale = 2 ** layout.storyBits;
  const restAt = (i: number) => Math.floor(field(entries, i * entryBits, entryBits) / storyScale);
  return (hash, max, visit) => {
    // Not a kept fingerprint: no story is listed for it here, which says nothing of how common it is.
    if (!keptFingerprint(hash, layout.sample)) return true;
    const q = hash >>> sampleBits;
    const bucket = q >>> restBits;
    const rest = q % 2 ** restBits;
    const end = Math.min(buckets[bucket + 1]!, layout.entries);
    // A bucket can hold a fingerprint of thousands of stories ("said on Wednesday"): search, do not scan.
    let lo = buckets[bucket]!;
    for (let hi = end; lo < hi;) {
      const mid = (lo + hi) >>> 1;
      if (restAt(mid) < rest) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    let count = 0;
    while (first + count < end && count <= max && restAt(first + count) === rest) count++;
    // Too common to tell stories apart: not worth reading.
    if (count > max) return false;
    for (let i = first; count > 0; i++, count--) {
      const story = field(entries, i * entryBits, entryBits) % storyScale;
      // A damaged file may point past the last story: such entries are dropped, not followed.
      if (story < storyCount) visit(story, layout.sample);
    }
    return true;
  };
}
