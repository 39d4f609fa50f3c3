/**
 * Runs `write` one at a time, and a call is answered by a run that began after it: whatever the
 * caller changed before calling is in that run. Concurrent creates share one ledger and one
 * Epic mirror, so their writes must never land out of order (an older state written last would
 * forget a pending create); calls that pile up while a write is in flight share the next one.
 */
export function coalesced(write: () => Promise<void>): () => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  return () => {
    if (queued) return queued;
    const next = tail
      .catch(() => undefined)
      .then(() => {
        // From here on a new call must wait for a later run: this one may have read the state already.
        queued = undefined;
        return write();
      });
    queued = next;
    tail = next;
    return next;
  };
}
