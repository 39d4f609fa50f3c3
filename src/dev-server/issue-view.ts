/**
 * The Forge app's issue context on the local Jira's issue page: where the manifest's display
 * condition shows it (an issue carrying the `handoff` or `handoff-change` property, which only
 * the app writes), a frame of the panel drawing the `jira:issueContext` module for that issue.
 */
export function issueContextPanel(
  issue: { key: string; properties: Readonly<Record<string, unknown>> },
  panelOrigin: string,
): { title: string; url: string } | null {
  const marked = issue.properties.handoff !== undefined || issue.properties['handoff-change'] !== undefined;
  if (!marked) return null;
  return { title: 'Handoff', url: `${panelOrigin}/?module=issue-context&issue=${encodeURIComponent(issue.key)}` };
}
