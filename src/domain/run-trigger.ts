/**
 * What starts a provisioning run: someone on the Handoff page, the kickoff issue, the kickoff
 * date, a Jira Automation rule's "Provision handoff" step, or someone asking the Rovo agent.
 */
export const TRIGGERS = ['user', 'kickoff-issue', 'kickoff-date', 'automation', 'rovo'] as const;
export type RunTrigger = (typeof TRIGGERS)[number];
/** How a run was started, in the words the history shows. */
export const STARTED_BY: Record<RunTrigger, string> = {
  user: 'from the Handoff page',
  'kickoff-issue': 'by the kickoff issue reaching its status',
  'kickoff-date': 'on the kickoff date',
  automation: 'by a Jira Automation rule',
  rovo: 'by asking the Handoff agent in Rovo',
};

/**
 * Runs a person started, as themselves: the page, a rule (Automation acts as the person its
 * connection names) and the agent. Their permissions count as well as the app's.
 */
export const startedByPerson = (trigger: RunTrigger): boolean =>
  trigger === 'user' || trigger === 'automation' || trigger === 'rovo';
