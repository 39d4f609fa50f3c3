/**
 * Why another record cannot be saved over a provisioned one: its live issues and open change
 * requests would lose the record they belong to. Said by the page before an import, and by the
 * resolver that refuses the save.
 */
export function replaceRefusal(provisionedTitle: string, incomingTitle: string, projectKey: string): string {
  return (
    `"${provisionedTitle}" is provisioned in ${projectKey}, so "${incomingTitle}" cannot replace it: its issues ` +
    'and change requests stay tied to it. A project holds one handoff; give the new one its own project.'
  );
}
