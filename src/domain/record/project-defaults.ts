import type { HandoffRecord } from './record';

/**
 * What a project's settings page sets for every record of the project (the app keeps them per
 * project): the kickoff issue and its kickoff status, and the approval owner of change requests.
 * null: the settings name none.
 */
export type ProjectDefaults = {
  kickoffIssue: string | null;
  kickoffStatus: string | null;
  approvalOwner: string | null;
};

/** Where a setting in force comes from: the record wins where it names one; the project's default fills in. */
export type InForce = { value: string | null; from: 'record' | 'project' | null };

/**
 * The record wins: it is the deal's own document, signed off as it stands, so what it names is
 * what that deal agreed; the project's settings fill in what it leaves out.
 */
export function inForce(record: HandoffRecord | null, defaults: ProjectDefaults) {
  const pick = (mine: string | undefined, fallback: string | null): InForce =>
    mine !== undefined
      ? { value: mine, from: 'record' }
      : fallback !== null
        ? { value: fallback, from: 'project' }
        : { value: null, from: null };
  // The kickoff issue and its status go together (as the record's schema says): one side's pair, never a mix.
  const own = record?.automation?.kickoffIssue === undefined ? undefined : record.automation;
  return {
    kickoffIssue: pick(own?.kickoffIssue, defaults.kickoffIssue),
    kickoffStatus: pick(own?.kickoffStatus, own ? null : defaults.kickoffStatus),
    approvalOwner: pick(record?.people?.['approval-owner'], defaults.approvalOwner),
  };
}

/** The record with the project's defaults filled in where it names none: what triggers and change control act on. */
export function withProjectDefaults(record: HandoffRecord, defaults: ProjectDefaults): HandoffRecord {
  const force = inForce(record, defaults);
  const automation = {
    ...record.automation,
    ...(force.kickoffIssue.value === null ? {} : { kickoffIssue: force.kickoffIssue.value }),
    ...(force.kickoffStatus.value === null ? {} : { kickoffStatus: force.kickoffStatus.value }),
  };
  const people = {
    ...record.people,
    ...(force.approvalOwner.value === null ? {} : { 'approval-owner': force.approvalOwner.value }),
  };
  return {
    ...record,
    ...(Object.keys(automation).length > 0 ? { automation } : {}),
    ...(Object.keys(people).length > 0 ? { people } : {}),
  };
}
