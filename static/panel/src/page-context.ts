import { view } from '@forge/bridge';
import { z } from 'zod';

/**
 * The parts of the Forge context the panel uses: which project page it is on, and the site's address for issue links.
 */
const pageContext = z.object({
  siteUrl: z.url(),
  extension: z.object({ project: z.object({ key: z.string().min(1) }) }),
});

export type PageContext = { projectKey: string; siteUrl: string };

export async function loadPageContext(): Promise<PageContext> {
  const context = pageContext.parse(await view.getContext());
  return { projectKey: context.extension.project.key, siteUrl: context.siteUrl.replace(/\/$/, '') };
}
