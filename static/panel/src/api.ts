import { makeInvoke } from '@forge/bridge';
import type { ResolverError, ResolverResult } from '../../../src/forge/errors';
import type {
  ChangeKeyPayload,
  ProposePayload,
  RejectPayload,
  TransferPayload,
} from '../../../src/forge/resolvers/change-payloads';
import type { JobPayload } from '../../../src/forge/resolvers/job-resolver';
import type { PeopleNamesPayload, PeopleSearchPayload } from '../../../src/forge/resolvers/people-resolvers';
import type { RecordPayload, SignOffPayload } from '../../../src/forge/resolvers/payloads';
import type { HandoffDefinitions } from '../../../src/forge/resolvers/resolvers';
import type { TargetPayload } from '../../../src/forge/resolvers/target-resolvers';
import type { IssueContextPayload } from '../../../src/forge/resolvers/issue-context';
import type { SettingsPayload } from '../../../src/forge/resolvers/settings';
import type { IntakeMappingPayload } from '../../../src/forge/intake/intake-resolvers';

/**
 * The backend as the panel sees it: one function per resolver, typed by the resolvers'
 * own `HandoffDefinitions`. In Jira `invoke` goes through the host frame; under `npm start`
 * the dev server's bridge stand-in answers it with the same resolver definitions.
 */
const invoke = makeInvoke<HandoffDefinitions>();

export const loadRecord = () => reach(() => invoke('loadRecord', {}));
export const saveRecord = (payload: RecordPayload) => reach(() => invoke('saveRecord', payload));
export const validateRecord = (payload: RecordPayload) => reach(() => invoke('validateRecord', payload));
export const gate = () => reach(() => invoke('gate', {}));
export const plan = () => reach(() => invoke('plan', {}));
export const provision = () => reach(() => invoke('provision', {}));
export const signOff = (payload: SignOffPayload) => reach(() => invoke('signOff', payload));
export const whoAmI = () => reach(() => invoke('whoAmI', {}));
export const provisioningStatus = () => reach(() => invoke('provisioningStatus', {}));
export const reviewChange = (payload: ChangeKeyPayload) => reach(() => invoke('reviewChange', payload));
export const issueStatuses = () => reach(() => invoke('issueStatuses', {}));
export const proposeChange = (payload: ProposePayload) => reach(() => invoke('proposeChange', payload));
export const approveChange = (payload: ChangeKeyPayload) => reach(() => invoke('approveChange', payload));
export const rejectChange = (payload: RejectPayload) => reach(() => invoke('rejectChange', payload));
export const changeHistory = () => reach(() => invoke('changeHistory', {}));
export const coverage = () => reach(() => invoke('coverage', {}));
export const transferOwner = (payload: TransferPayload) => reach(() => invoke('transferOwner', payload));
export const job = (payload: JobPayload) => reach(() => invoke('job', payload));
export const searchPeople = (payload: PeopleSearchPayload) => reach(() => invoke('searchPeople', payload));
export const namePeople = (payload: PeopleNamesPayload) => reach(() => invoke('namePeople', payload));
export const previewTransfer = (payload: TransferPayload) => reach(() => invoke('previewTransfer', payload));
export const provisionTarget = () => reach(() => invoke('provisionTarget', {}));
export const setProvisionTarget = (payload: TargetPayload) => reach(() => invoke('setProvisionTarget', payload));
export const asanaWorkspaces = () => reach(() => invoke('asanaWorkspaces', {}));
export const connectAsana = () => reach(() => invoke('connectAsana', {}));
export const intakeInbox = () => reach(() => invoke('intakeInbox', {}));
export const openDraft = (recordId: string) => reach(() => invoke('openDraft', { recordId }));
export const dismissDraft = (recordId: string) => reach(() => invoke('dismissDraft', { recordId }));
export const intakeMapping = () => reach(() => invoke('intakeMapping', {}));
export const saveIntakeMapping = (payload: IntakeMappingPayload) => reach(() => invoke('saveIntakeMapping', payload));
export const issueContext = (payload: IssueContextPayload) => reach(() => invoke('issueContext', payload));
export const loadSettings = () => reach(() => invoke('loadSettings', {}));
export const saveSettings = (payload: SettingsPayload) => reach(() => invoke('saveSettings', payload));

/**
 * A call that never reached a resolver (the bridge refused it, the connection dropped)
 * answers in the resolvers' own failure shape, so every screen shows one kind of error.
 */
async function reach<T>(call: () => Promise<ResolverResult<T>>): Promise<ResolverResult<T>> {
  try {
    return await call();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failure: ResolverError = {
      code: 'INTERNAL',
      message: `Handoff could not reach its backend (${reason.trim()}). Nothing was lost; try again.`,
    };
    return { ok: false, error: failure };
  }
}
