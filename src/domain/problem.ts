/**
 * A problem a person can act on: where it is (a field path such as `promises[0].owner`, and
 * for files the line and column) and a sentence saying what to do.
 */
export type Problem = { path: string; message: string; line?: number; column?: number };

export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** `['promises', 0, 'owner']` → `promises[0].owner`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    const name = String(segment);
    return path ? `${path}.${name}` : name;
  }, '');
}
