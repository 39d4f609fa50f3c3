/**
 * Field paths as the gate and the validator write them (`promises[2].owner`), and the page
 * elements that edit them: every field's element id is `field:` + its path, so a blocker
 * can take the lead straight to the input that fixes it.
 */
export type Segment = string | number;

export function segmentsOf(path: string): Segment[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : (m[1] ?? '')));
}

export function pathOf(segments: readonly Segment[]): string {
  return segments.reduce<string>(
    (path, s) => (typeof s === 'number' ? `${path}[${s}]` : path ? `${path}.${s}` : s),
    '',
  );
}

export function fieldId(path: string): string {
  return `field:${path}`;
}

/** The path, then each enclosing one: `promises[2].owner`, `promises[2]`, `promises`. */
export function pathAndAncestors(path: string): string[] {
  const segments = segmentsOf(path);
  return segments.map((_, i) => pathOf(segments.slice(0, segments.length - i)));
}

/** Whether `path` is `base` or lies inside it. */
export function isWithin(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}[`);
}

/** Focuses the element of the path, or of the nearest enclosing path that has one; false when none is on the page. */
export function focusField(path: string): boolean {
  for (const candidate of pathAndAncestors(path)) {
    const element = document.getElementById(fieldId(candidate));
    if (element) {
      element.scrollIntoView({ block: 'center' });
      element.focus({ preventScroll: true });
      return true;
    }
  }
  return false;
}
