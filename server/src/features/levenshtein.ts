// Edit distance for "did you mean" suggestions.

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The closest candidate within a third of the word's length (at least 2 edits), or undefined;
 * among equally close ones the first in code-unit order, whatever order the candidates come in.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word || Math.abs(candidate.length - word.length) > limit) continue;
    const distance = levenshtein(word, candidate);
    if (distance <= limit && (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best))) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
