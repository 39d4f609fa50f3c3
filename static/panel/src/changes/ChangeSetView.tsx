import type { ChangeSet, Move } from '../../../../src/domain/change/change-set';
import { Lozenge } from '../ui/Lozenge';

const shown = (value: string | null) => value ?? 'none';

function FromTo({ move }: { move: Move<string | null> }) {
  return (
    <span className="from-to">
      <del>{shown(move.from)}</del> → <ins>{shown(move.to)}</ins>
    </span>
  );
}

/**
 * What a proposed change does, in the order a reviewer weighs it:
 * new work, dropped work, moved work, then who and what scope.
 */
export function ChangeSetView({ change }: { change: ChangeSet }) {
  const empty =
    change.added.length +
      change.removed.length +
      change.changed.length +
      change.milestones.length +
      change.owners.length +
      change.scope.length ===
    0;
  return (
    <div className="change-set" aria-label="Proposed change">
      {empty && (
        <p className="subtle">Only text outside the plan changes (fields: {change.fields.join(', ') || 'none'}).</p>
      )}
      {change.added.length > 0 && (
        <section>
          <h4>Added</h4>
          <ul>
            {change.added.map((a) => (
              <li key={a.itemId}>
                <Lozenge appearance="new">added</Lozenge> {a.summary}{' '}
                <span className="subtle">
                  · {shown(a.assignee)} · due {shown(a.due)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {change.removed.length > 0 && (
        <section>
          <h4>Removed</h4>
          <ul>
            {change.removed.map((r) => (
              <li key={r.itemId}>
                <Lozenge appearance="removed">descoped</Lozenge> {r.summary}{' '}
                <span className="subtle">— why: {r.why}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {change.changed.length > 0 && (
        <section>
          <h4>Changed</h4>
          <ul>
            {change.changed.map((c) => (
              <li key={c.itemId}>
                <Lozenge appearance="moved">changed</Lozenge> {c.summary}
                <ul className="change-fields">
                  {c.summaryChange && (
                    <li>
                      Summary: <FromTo move={c.summaryChange} />
                    </li>
                  )}
                  {c.due && (
                    <li>
                      Due: <FromTo move={c.due} />
                    </li>
                  )}
                  {c.assignee && (
                    <li>
                      Assignee: <FromTo move={c.assignee} />
                    </li>
                  )}
                  {c.blocksAdded.length > 0 && <li>Now blocks: {c.blocksAdded.join(', ')}</li>}
                  {c.blocksRemoved.length > 0 && <li>No longer blocks: {c.blocksRemoved.join(', ')}</li>}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
      {change.milestones.length > 0 && (
        <section>
          <h4>Milestones</h4>
          <ul>
            {change.milestones.map((m) => (
              <li key={m.id}>
                {m.name}: <FromTo move={m} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {change.owners.length > 0 && (
        <section>
          <h4>Owners</h4>
          <ul>
            {change.owners.map((o) => (
              <li key={o.role}>
                <code>{o.role}</code>: <FromTo move={o} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {change.scope.length > 0 && (
        <section>
          <h4>Scope</h4>
          <ul>
            {change.scope.map((s) => (
              <li key={s.text}>
                {s.text}: <FromTo move={s} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
