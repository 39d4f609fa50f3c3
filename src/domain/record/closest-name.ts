import { closest, distance } from 'fastest-levenshtein';

/** The allowed name a typo most likely meant, when it is close enough to be worth saying. */
export function closestName(typed: string, allowed: readonly string[]): string | undefined {
  if (allowed.length === 0) return undefined;
  const best = closest(typed, [...allowed]);
  return distance(typed.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(typed.length / 3))
    ? best
    : undefined;
}
