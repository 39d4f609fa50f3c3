import type { Problem } from '../../../../src/domain/problem';
import type { Segment } from '../field-path';
import type { RecordDoc } from './yaml-doc';

/** What every part of the form needs: the parsed draft, what is wrong where, and the edits it may make. */
export type FormContext = {
  doc: RecordDoc;
  /** Validation problems of the draft, by field path. */
  problems: ReadonlyMap<string, Problem[]>;
  /** Gate blockers of the saved record, by field path. */
  blockers: ReadonlyMap<string, Problem[]>;
  /** The draft cannot be edited field by field (its YAML does not parse). */
  readOnly: boolean;
  edit(path: readonly Segment[], value: unknown): void;
  addItem(listPath: readonly Segment[], item: Record<string, unknown>): void;
  removeItem(itemPath: readonly Segment[]): void;
};

export function byPath(problems: readonly Problem[]): Map<string, Problem[]> {
  const map = new Map<string, Problem[]>();
  for (const p of problems) map.set(p.path, [...(map.get(p.path) ?? []), p]);
  return map;
}
