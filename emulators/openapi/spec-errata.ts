import type { OpenApiDocument } from './spec-document';

/**
 * A place where the official spec and the real API disagree, and the schema that says what
 * the API does. Each one names why, so the list reads as the emulator's known deviations.
 */
export type Erratum = { at: readonly string[]; schema: unknown; why: string };

/**
 * Replaces each erratum's node in the (freshly read, unshared) document. A path that no
 * longer exists throws: a new version of the spec may have fixed or moved the mistake.
 */
export function applyErrata(doc: OpenApiDocument, errata: readonly Erratum[]): OpenApiDocument {
  for (const erratum of errata) {
    const parent = erratum.at
      .slice(0, -1)
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), doc);
    const last = erratum.at.at(-1);
    if (!isObject(parent) || last === undefined || !(last in parent)) {
      throw new Error(`spec erratum no longer applies, nothing at ${erratum.at.join('/')} (${erratum.why})`);
    }
    parent[last] = erratum.schema;
  }
  return doc;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
