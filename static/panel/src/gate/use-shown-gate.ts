import { useMemo } from 'react';
import type { HandoffRecord } from '../../../../src/domain/record/record';
import type { GateView } from '../../../../src/forge/resolvers/resolvers';
import type { Loaded } from '../use-resolver';
import { liveGate } from './live-gate';

/**
 * `saved`: the resolver's gate of the saved record; `live`: the gate of the unsaved draft, run
 * here as the lead types; `checking`: the record was just saved and the resolver is checking it
 * again, meanwhile its gate as run here; `unreadable`: the draft does not read as a record, so
 * the saved gate.
 */
export type GateMode = 'saved' | 'live' | 'checking' | 'unreadable';
export type ShownGate = { view: GateView | null; mode: GateMode; notLookedUp: string[] };

/** The gate the page shows: the draft's while it differs from what the resolver last checked. */
export function useShownGate(draft: HandoffRecord | null, dirty: boolean, gate: Loaded<GateView>): ShownGate {
  const checked = gate.value;
  const checking = gate.loading;
  return useMemo(() => {
    if (!checked || (!dirty && !checking)) return { view: checked, mode: 'saved', notLookedUp: [] };
    if (!draft) return { view: checked, mode: 'unreadable', notLookedUp: [] };
    return { ...liveGate(draft, checked), mode: dirty ? 'live' : 'checking' };
  }, [checked, dirty, checking, draft]);
}
