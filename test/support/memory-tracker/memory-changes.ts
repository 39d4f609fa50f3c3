import type { Account, ChangeTicket } from '../../../src/provision/change-types';
import type { Tracker } from '../../../src/provision/change-tracker';
import { newKey, notFound, type MemoryChangeRequest, type MemoryState } from './memory-state';

type Request = (operation: string, kind: 'read' | 'create' | 'write') => unknown;
type ChangeMethods = Pick<
  Tracker,
  'createChangeRequest' | 'findChangeRequests' | 'readChangeRequest' | 'approveChangeRequest' | 'saveChangeState'
>;

/** Change requests in memory: one request per call, approval by whoever the tracker acts as. */
export function memoryChanges(state: MemoryState, actor: Account, request: Request): ChangeMethods {
  const ticket = (c: MemoryChangeRequest): ChangeTicket => ({
    key: c.key,
    summary: c.summary,
    created: c.created,
    state: structuredClone(c.state),
    approval: c.approved
      ? { approved: true, by: c.approved.by, at: c.approved.at }
      : { approved: false, by: null, at: null },
  });
  const change = (operation: string, key: string) => {
    const found = state.changes.get(key);
    if (!found) throw notFound(operation, key);
    return found;
  };
  return {
    async createChangeRequest(draft) {
      request('createChangeRequest', 'create');
      const key = newKey(state);
      state.changes.set(key, {
        key,
        summary: draft.summary,
        description: draft.description,
        assignee: draft.assigneeAccount,
        state: structuredClone(draft.state),
        payload: [...draft.payload],
        created: state.now(),
        approved: null,
        comments: [],
        related: new Set(),
      });
      return key;
    },
    async findChangeRequests(recordId) {
      request('findChangeRequests', 'read');
      return [...state.changes.values()].filter((c) => c.state.recordId === recordId).map(ticket);
    },
    async readChangeRequest(key) {
      request('readChangeRequest', 'read');
      const found = state.changes.get(key);
      return found ? { ...ticket(found), payload: [...found.payload] } : null;
    },
    async approveChangeRequest(key) {
      request('approveChangeRequest', 'write');
      const found = change('approveChangeRequest', key);
      found.approved = { by: actor, at: state.now() };
      return null;
    },
    async saveChangeState(key, next) {
      request('saveChangeState', 'write');
      change('saveChangeState', key).state = structuredClone(next);
    },
  };
}
