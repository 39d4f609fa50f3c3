/**
 * Which of a record's items a question is about: the question's topic ("SSO", "the data import")
 * against each item's words. Plain word matching, on purpose: the agent's model already turned
 * the question into a topic, and an answer must rest on what the record says, not on a guess —
 * so an item is named only when the topic's own words are in it.
 */

/** Words that say nothing about which item is meant. */
const NOISE = new Set([
  'a',
  'about',
  'an',
  'and',
  'did',
  'for',
  'handoff',
  'of',
  'on',
  'or',
  'promise',
  'promised',
  'sales',
  'the',
  'to',
  'what',
  'when',
  'who',
  'with',
]);

/** Lowercase words, a plural's "s" dropped so "imports" finds "import". */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

/**
 * The candidates that share the most of the topic's words (at least one), best first; a word in
 * an item's id counts a little more than one in its text, since ids name what the item is about
 * ("import") while texts mention other items ("review of the import"). None when no word of the
 * topic appears anywhere.
 */
export function bestMatches<T>(
  topic: string,
  candidates: readonly T[],
  wordsIn: (candidate: T) => { id: string; text: string },
): T[] {
  const wanted = [...new Set(wordsOf(topic).filter((w) => !NOISE.has(w)))];
  const scored = candidates.map((candidate) => {
    const { id, text } = wordsIn(candidate);
    const inId = new Set(wordsOf(id));
    const inText = new Set([...inId, ...wordsOf(text)]);
    const found = wanted.filter((w) => inText.has(w)).length;
    return { candidate, score: found === 0 ? 0 : found + (wanted.some((w) => inId.has(w)) ? 0.5 : 0) };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  return best === 0 ? [] : scored.filter((s) => s.score === best).map((s) => s.candidate);
}
