/**
 * The Handoff project page of a project: where a rule's message or the agent sends people to
 * follow a run. Forge project pages live at `/jira/software/projects/<KEY>/apps/<app id>/<environment id>`
 * (the address Jira shows for an app's project page; Jira redirects a company-managed project's).
 */
export function handoffPageUrl(
  siteUrl: string,
  projectKey: string,
  app: { appId: string; environmentId: string },
): string {
  const site = siteUrl.replace(/\/+$/, '');
  return `${site}/jira/software/projects/${encodeURIComponent(projectKey)}/apps/${app.appId}/${app.environmentId}`;
}
