/** Small helpers the benchmark and generator scripts share. */

/** xorshift32: small, fast, the same sequence for the same seed everywhere (0 would stick at 0, so it becomes 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

/** The q-quantile (0..1) of measurements, nearest rank. */
export function quantile(xs: readonly number[], q: number): number {
  return [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
}
