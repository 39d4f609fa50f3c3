import { view } from '@forge/bridge';
import { z } from 'zod';

/**
 * The parts of the Forge context the panel uses: which project page it is on, and the site's address for issue links.
 */
const pageContext = z.object({
  siteUrl: z.url(),
  locale: z.string().default('en-US'),
  timezone: z.string().default('UTC'),
  extension: z.object({ project: z.object({ key: z.string().min(1) }) }),
});

export type PageContext = { projectKey: string; siteUrl: string; locale: string; timeZone: string };

export async function loadPageContext(): Promise<PageContext> {
  const context = pageContext.parse(await view.getContext());
  return {
    projectKey: context.extension.project.key,
    siteUrl: context.siteUrl.replace(/\/$/, ''),
    // Forge gives Jira's locale as `en_US` on some surfaces; Intl takes `en-US`.
    locale: context.locale.replace('_', '-'),
    timeZone: context.timezone,
  };
}
