import { TrackerError } from '../../provision/tracker-error';
import type { createJiraClient } from './jira-client';
import { jiraPath } from './jira-path';
import { linkTypes } from './jira-schemas';

type LinkType = { id: string; name: string };

/**
 * GET /rest/api/3/issueLinkType — link type names are discovered, never assumed (a site may
 * have renamed "Blocks"). One request, once per tracker, for every type the adapter uses.
 */
export function createLinkTypes(client: ReturnType<typeof createJiraClient>) {
  let all: Promise<Array<LinkType & { inward: string; outward: string }>> | undefined;
  const load = () =>
    (all ??= client
      .send('GET', jiraPath`/rest/api/3/issueLinkType`)
      .then((call) => client.read(linkTypes, call, 'GET /rest/api/3/issueLinkType').issueLinkTypes)
      .catch((error: unknown) => {
        all = undefined;
        throw error;
      }));

  const find = async (phrase: string): Promise<LinkType> => {
    const found = (await load()).find((t) => t.outward.toLowerCase() === phrase || t.name.toLowerCase() === phrase);
    if (!found)
      throw new TrackerError({
        tracker: 'jira',
        operation: 'GET /rest/api/3/issueLinkType',
        status: 200,
        detail: `the site has no "${phrase}" link type`,
      });
    return found;
  };

  return {
    /** "Blocks": dependencies → what they block. */
    blocks: () => find('blocks'),
    /** "Relates": a change request → the issues it touches. */
    relates: () => find('relates to'),
  };
}
