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
 * The candidates that hold every word of the topic — only those whose id names it ("import")
 * when there are any, not those whose text merely mentions it ("review of the import"). An item that holds
 * only some of the words is not what was asked about ("mobile app" is not the "Azure AD app"),
 * so none such is returned: an empty answer says the record does not mention it.
 */
export function bestMatches<T>(
  topic: string,
  candidates: readonly T[],
  wordsIn: (candidate: T) => { id: string; text: string },
): T[] {
  const wanted = [...new Set(wordsOf(topic).filter((w) => !NOISE.has(w)))];
  if (wanted.length === 0) return [];
  const scored = candidates.flatMap((candidate) => {
    const { id, text } = wordsIn(candidate);
    const inId = new Set(wordsOf(id));
    const inText = new Set([...inId, ...wordsOf(text)]);
    if (!wanted.every((w) => inText.has(w))) return [];
    return [{ candidate, named: wanted.some((w) => inId.has(w)) }];
  });
  const named = scored.filter((s) => s.named);
  return (named.length > 0 ? named : scored).map((s) => s.candidate);
}
