import { useMemo } from 'react';
import type { HandoffRecord } from '../../../../src/domain/record/record';
import type { GateView } from '../../../../src/forge/resolvers/resolvers';
import type { Loaded } from '../use-resolver';
import { liveGate, notLookedUp } from './live-gate';

/**
 * `saved`: the resolver's gate of the saved record; `live`: the gate of the unsaved draft, run
 * here as the lead types; `unreadable`: the draft does not read as a record, so the saved gate.
 */
export type GateMode = 'saved' | 'live' | 'unreadable';
export type ShownGate = { view: GateView | null; mode: GateMode; notLookedUp: string[] };

/** The gate the page shows: the draft's while it differs from what the resolver last checked. */
export function useShownGate(draft: HandoffRecord | null, dirty: boolean, gate: Loaded<GateView>): ShownGate {
  const checked = gate.value;
  // Right after a save the resolver is still checking the new record: the draft's gate meanwhile.
  const differs = dirty || gate.loading;
  return useMemo(() => {
    if (!checked || !differs) return { view: checked, mode: 'saved', notLookedUp: [] };
    if (!draft) return { view: checked, mode: 'unreadable', notLookedUp: [] };
    return { view: liveGate(draft, checked), mode: 'live', notLookedUp: notLookedUp(draft, checked) };
  }, [checked, differs, draft]);
}
