import { view } from '@forge/bridge';
import { z } from 'zod';

/**
 * The parts of the Forge context the panel uses: which module it is drawn in (the project page,
 * an issue's context panel, the project settings page — one resource serves all three), the
 * project, the issue when there is one, and the site's address for issue links.
 */
const pageContext = z.object({
  siteUrl: z.url(),
  locale: z.string().default('en-US'),
  timezone: z.string().default('UTC'),
  extension: z.object({
    type: z.string().default('jira:projectPage'),
    project: z.object({ key: z.string().min(1) }),
    issue: z.object({ key: z.string().min(1) }).optional(),
  }),
});

/** Which of the app's modules the panel is drawn in. */
export type PanelModule = { kind: 'project-page' } | { kind: 'issue-context'; issueKey: string } | { kind: 'settings' };

export type PageContext = {
  projectKey: string;
  siteUrl: string;
  locale: string;
  timeZone: string;
  module: PanelModule;
};

export async function loadPageContext(): Promise<PageContext> {
  const context = pageContext.parse(await view.getContext());
  const { extension } = context;
  return {
    projectKey: extension.project.key,
    siteUrl: context.siteUrl.replace(/\/$/, ''),
    // Forge gives Jira's locale as `en_US` on some surfaces; Intl takes `en-US`.
    locale: context.locale.replace('_', '-'),
    timeZone: context.timezone,
    module: moduleOf(extension.type, extension.issue?.key),
  };
}

function moduleOf(type: string, issueKey: string | undefined): PanelModule {
  if (type === 'jira:issueContext' && issueKey) return { kind: 'issue-context', issueKey };
  if (type === 'jira:projectSettingsPage') return { kind: 'settings' };
  return { kind: 'project-page' };
}
