/**
 * A Jira REST path built the way `route` from `@forge/api` builds one: every interpolated
 * value is encoded, and a value that would climb out of the path (`..`) is refused before any
 * request is made. The pieces are kept, so Forge wiring can hand them to the real `route`.
 */
export type JiraPath = {
  readonly strings: readonly string[];
  readonly values: readonly string[];
  readonly text: string;
};

export class UnsafePathError extends Error {}

export function jiraPath(strings: TemplateStringsArray, ...values: (string | number)[]): JiraPath {
  const safe = values.map((value) => {
    const text = String(value);
    if (text === '.' || text === '..' || text.length === 0)
      throw new UnsafePathError(`refusing path segment "${text}"`);
    return text;
  });
  const text = strings.reduce(
    (path, piece, i) => path + piece + (i < safe.length ? encodeURIComponent(safe[i] ?? '') : ''),
    '',
  );
  return { strings: [...strings], values: safe, text };
}
