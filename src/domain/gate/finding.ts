import type { Problem } from '../problem';

/** What one gate rule found: blockers stop "go", warnings are worth a look. */
export type Findings = { blockers: Problem[]; warnings: Problem[] };

export const none = (): Findings => ({ blockers: [], warnings: [] });

export function merge(all: readonly Findings[]): Findings {
  return { blockers: all.flatMap((f) => f.blockers), warnings: all.flatMap((f) => f.warnings) };
}
