import type { RunClaim, RunClaims } from '../../../src/provision/run-claims';
import type { MemoryState } from './memory-state';

/**
 * Run claims in memory: one value per record, read and written whole, one request each — a
 * linearizable register, which is all the claim protocol assumes of a tracker. The place is
 * always there (no record needs a project first).
 */
export function memoryClaims(
  state: MemoryState,
  request: (operation: string, kind: 'read' | 'write') => void,
): RunClaims {
  return {
    async read(recordId) {
      request('readClaim', 'read');
      const claim = state.claims.get(recordId);
      return { kind: 'slot', claim: claim ? { ...claim } : null };
    },
    async write(recordId, claim: RunClaim) {
      request('writeClaim', 'write');
      state.claims.set(recordId, { ...claim });
    },
    async clear(recordId) {
      request('clearClaim', 'write');
      state.claims.delete(recordId);
    },
  };
}
