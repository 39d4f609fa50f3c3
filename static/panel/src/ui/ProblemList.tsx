import type { Problem } from '../../../../src/domain/problem';
import { inFormOrder, placeOf } from '../gate/blocker-place';

/**
 * Problems or blockers in the form's order, each naming its field in the lead's words
 * ("Promise 3 · Two-way case sync — Owner", titles read from `record` when given); with
 * `onGoTo`, the name is a button that takes the lead there. `data-path` keeps the field path.
 */
export function ProblemList({
  problems,
  record,
  onGoTo,
  limit = 50,
}: {
  problems: readonly Problem[];
  record?: unknown;
  onGoTo?: ((path: string) => void) | undefined;
  limit?: number;
}) {
  const ordered = inFormOrder(record, problems);
  const shown = ordered.slice(0, limit);
  return (
    <ul className="problem-list">
      {shown.map((p, i) => {
        const { label } = placeOf(record, p.path);
        return (
          <li key={`${p.path}:${i}`} data-path={p.path}>
            {onGoTo && p.path ? (
              <button type="button" className="link-button problem-place" onClick={() => onGoTo(p.path)}>
                {label}
              </button>
            ) : (
              <span className="problem-place">{label}</span>
            )}
            {p.line !== undefined && <span className="subtle"> (line {p.line})</span>}
            <span> — {p.message}</span>
          </li>
        );
      })}
      {problems.length > shown.length && <li className="subtle">…and {problems.length - shown.length} more</li>}
    </ul>
  );
}
