/** What starts a provisioning run: someone on the Handoff page, the kickoff issue, or the kickoff date. */
export const TRIGGERS = ['user', 'kickoff-issue', 'kickoff-date'] as const;
export type RunTrigger = (typeof TRIGGERS)[number];
/** How a run was started, in the words the history shows. */
export const STARTED_BY: Record<RunTrigger, string> = {
  user: 'from the Handoff page',
  'kickoff-issue': 'by the kickoff issue reaching its status',
  'kickoff-date': 'on the kickoff date',
};
