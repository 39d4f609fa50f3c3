import { useCallback, useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import { itemIdOf } from '../../../../src/domain/plan/plan-items';
import type { PlanItemKind } from '../../../../src/domain/plan/plan-types';
import type { HandoffRecord } from '../../../../src/domain/record/record';

type TrackedList = 'promises' | 'dependencies' | 'risks' | 'questions';
/** The record's lists whose items each became an issue: taking one out of a provisioned record descopes it. */
const TRACKED_LISTS: readonly (readonly [TrackedList, PlanItemKind])[] = [
  ['promises', 'promise'],
  ['dependencies', 'dependency'],
  ['risks', 'risk'],
  ['questions', 'question'],
];

/** The plan kind of a list's items, or null for a list whose items are no issues (contacts, milestones…). */
export function trackedKind(listKey: string): PlanItemKind | null {
  return TRACKED_LISTS.find(([list]) => list === listKey)?.[1] ?? null;
}

/** Reasons, and the saved record they were given against (its `savedAt`). */
const stored = z.object({ base: z.string().nullable(), reasons: z.record(z.string(), z.string()) });
type Stored = z.infer<typeof stored>;
const keyOf = (projectKey: string) => `handoff:descope-reasons:${projectKey}`;

/**
 * Why the lead took each provisioned item out of the draft, by item id: kept in this browser
 * beside the draft (draft-store.ts), so a reload loses no reason and proposing again brings the
 * same reasons (the same change, which finds its change request already open). They hold only
 * while the draft they were given in does: once it is saved, discarded or its change applied
 * (the draft is no longer dirty, or another record was saved since), they count no more.
 */
export function useDescopeReasons(projectKey: string, savedAt: string | null, dirty: boolean) {
  const [state, setState] = useState<Stored>(() => load(projectKey));
  const reasons = useMemo(() => (dirty && state.base === savedAt ? state.reasons : {}), [dirty, state, savedAt]);
  useEffect(() => keep(projectKey, { base: savedAt, reasons }), [projectKey, savedAt, reasons]);

  const give = useCallback(
    (itemId: string, reason: string) => setState({ base: savedAt, reasons: { ...reasons, [itemId]: reason } }),
    [savedAt, reasons],
  );
  const drop = useCallback(
    (itemId: string) =>
      setState({ base: savedAt, reasons: Object.fromEntries(Object.entries(reasons).filter(([id]) => id !== itemId)) }),
    [savedAt, reasons],
  );
  /** The reasons of the items the draft takes out of the saved record: what a proposal of the draft carries. */
  const forProposal = useCallback(
    (saved: HandoffRecord | null, draft: HandoffRecord | null): Record<string, string> => {
      if (!saved || !draft) return {};
      const kept = new Set(trackedIds(draft, saved.id));
      const removed = new Set(trackedIds(saved, saved.id).filter((id) => !kept.has(id)));
      return Object.fromEntries(Object.entries(reasons).filter(([id]) => removed.has(id)));
    },
    [reasons],
  );
  return { reasons, give, drop, forProposal };
}

export type DescopeReasons = ReturnType<typeof useDescopeReasons>;

/** Item ids of the record's tracked items, named under `recordId` (the saved record's: a change keeps the id). */
function trackedIds(record: HandoffRecord, recordId: string): string[] {
  return TRACKED_LISTS.flatMap(([list, kind]) => (record[list] ?? []).map((item) => itemIdOf(recordId, kind, item.id)));
}

function load(projectKey: string): Stored {
  try {
    const parsed = stored.safeParse(JSON.parse(localStorage.getItem(keyOf(projectKey)) ?? 'null'));
    return parsed.success ? parsed.data : { base: null, reasons: {} };
  } catch {
    return { base: null, reasons: {} }; // storage refused or a damaged entry: no reasons kept
  }
}

function keep(projectKey: string, value: Stored): void {
  try {
    if (Object.keys(value.reasons).length) localStorage.setItem(keyOf(projectKey), JSON.stringify(value));
    else localStorage.removeItem(keyOf(projectKey));
  } catch {
    // Refused: the reasons stay in the page, only not across a reload.
  }
}
