import type { Problem } from '../../../../src/domain/problem';

/** Problems or blockers, each naming its field; with `onGoTo`, the field path is a button that takes the lead there. */
export function ProblemList({
  problems,
  onGoTo,
  limit = 50,
}: {
  problems: readonly Problem[];
  onGoTo?: ((path: string) => void) | undefined;
  limit?: number;
}) {
  const shown = problems.slice(0, limit);
  return (
    <ul className="problem-list">
      {shown.map((p, i) => (
        <li key={`${p.path}:${i}`}>
          {onGoTo && p.path ? (
            <button type="button" className="link-button" onClick={() => onGoTo(p.path)}>
              <code>{p.path}</code>
            </button>
          ) : (
            <code>{p.path || '(whole record)'}</code>
          )}
          {p.line !== undefined && <span className="subtle"> line {p.line}</span>}
          <span> — {p.message}</span>
        </li>
      ))}
      {problems.length > shown.length && <li className="subtle">…and {problems.length - shown.length} more</li>}
    </ul>
  );
}
