import { useEffect, useState } from 'react';
import type { GateView } from '../../../../src/forge/resolvers/resolvers';
import { counted } from '../../../../src/domain/words';
import { Lozenge } from '../ui/Lozenge';
import { compareRanks, inFormOrder, placeOf } from './blocker-place';

type Props = { view: GateView; record: unknown; onGoTo(path: string): void };

/**
 * The gate, compact, kept in view while the lead works far below the banner: how many blockers
 * are left and the next one after the field last edited, in form order, one click away.
 */
export function GateBar({ view, record, onGoTo }: Props) {
  const lastField = useLastField();
  const blockers = inFormOrder(record, view.blockers);
  if (blockers.length === 0) return null;
  const places = blockers.map((b) => ({ path: b.path, ...placeOf(record, b.path) }));
  const after = lastField === null ? null : placeOf(record, lastField).rank;
  const next = (after && places.find((p) => compareRanks(p.rank, after) > 0)) ?? places[0];
  if (!next) return null;
  return (
    <div className="gate-bar" role="region" aria-label="Gate">
      <Lozenge appearance="removed" bold>
        Not yet
      </Lozenge>
      <span>{counted(blockers.length, 'blocker')}</span>
      <button type="button" className="link-button" onClick={() => onGoTo(next.path)}>
        Next: {next.label}
      </button>
    </div>
  );
}

/** The path of the record field focused last (fields' ids are `field:<path>`), the bar's own lifetime aside. */
function useLastField(): string | null {
  const [path, setPath] = useState<string | null>(() => fieldPathOf(document.activeElement));
  useEffect(() => {
    const onFocus = (event: FocusEvent) => setPath((last) => fieldPathOf(event.target) ?? last);
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, []);
  return path;
}

function fieldPathOf(element: EventTarget | null): string | null {
  const id = element instanceof HTMLElement ? element.id : '';
  return id.startsWith('field:') ? id.slice('field:'.length) : null;
}
