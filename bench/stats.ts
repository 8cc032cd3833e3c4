// Statistics for a noisy shared machine: medians of repeated runs, nearest-rank percentiles,
// and ratios against a reference measured in the same run (never a lone absolute time).

export interface Summary {
  n: number;
  min: number;
  median: number;
  p50: number;
  p99: number;
  max: number;
}

function sorted(samples: readonly number[]): number[] {
  const finite = samples.filter((x) => Number.isFinite(x));
  if (finite.length === 0) throw new Error('no samples');
  return [...finite].sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in (0, 100]): the smallest sample with at least p% of samples <= it. */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside (0, 100]`);
  const s = sorted(samples);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

/** Median: the middle sample, or the mean of the two middle ones. */
export function median(samples: readonly number[]): number {
  const s = sorted(samples);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  const s = sorted(samples);
  return { n: s.length, min: s[0], median: median(s), p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] };
}

/** Ratio of medians, e.g. engine time / ripgrep time. */
export function ratioOfMedians(subject: readonly number[], reference: readonly number[]): number {
  const ref = median(reference);
  if (ref <= 0) throw new RangeError('reference median must be positive');
  return median(subject) / ref;
}

/** Least-squares slope and intercept of y over x; the bench uses it to show linear growth. */
export function linearFit(points: readonly { x: number; y: number }[]): { slope: number; intercept: number; r2: number } {
  if (points.length < 2) throw new Error('need at least two points');
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  if (sxx === 0) throw new Error('all x are equal');
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssTot = points.reduce((a, p) => a + (p.y - my) ** 2, 0);
  const ssRes = points.reduce((a, p) => a + (p.y - (slope * p.x + intercept)) ** 2, 0);
  return { slope, intercept, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}

export type Direction = 'max' | 'min';

/** 'max': the figure must stay at or below target (times, sizes); 'min': at or above (throughput). */
export function meets(value: number, target: number, direction: Direction): boolean {
  return direction === 'max' ? value <= target : value >= target;
}
