import { z } from 'zod';
import type { Account } from '../../provision/change-types';
import type { LinkOutcome } from '../../provision/tracker';
import type { Tracker } from '../../provision/change-tracker';
import { TrackerError } from '../../provision/tracker-error';
import { adfToText, richTextToAdf } from './adf';
import type { createJiraClient } from './jira-client';
import { DESCOPED_LABEL } from './jira-jql';
import type { createLinkTypes } from './jira-link-types';
import { jiraPath } from './jira-path';
import { issueLinks } from './jira-schemas';

type Context = { client: ReturnType<typeof createJiraClient>; types: ReturnType<typeof createLinkTypes> };
type ItemWrites = Pick<
  Tracker,
  'removeLinks' | 'updateItem' | 'comment' | 'linkRelated' | 'readTrail' | 'currentAccount'
>;

const myself = z.object({ accountId: z.string(), displayName: z.string().optional() });
const commentPage = z.object({
  comments: z.array(z.object({ body: z.unknown() })),
  startAt: z.number().default(0),
  total: z.number().optional(),
});
const trailIssue = z.object({
  fields: z.object({ issuelinks: issueLinks.default([]), comment: commentPage.optional() }),
});
/** Comments a page of GET /rest/api/3/issue/{key}/comment: past the first page the issue itself carries. */
const COMMENT_PAGE = 100;

/** Changes to issues that exist: edits, comments, links removed or related, and who is acting. */
export function jiraItemWrites({ client, types }: Context): ItemWrites {
  let me: Promise<Account> | undefined;

  /** A link outcome from a write that may fail for this link alone (429 and 5xx are the whole call's). */
  const attempt = async (blocked: string, blocker: string, write: () => Promise<unknown>): Promise<LinkOutcome> => {
    try {
      await write();
      return { blocked, blocker, ok: true };
    } catch (error) {
      if (!(error instanceof TrackerError) || error.rateLimited || error.transient) throw error;
      return { blocked, blocker, ok: false, error: error.message };
    }
  };

  return {
    /**
     * GET /rest/api/3/issue/{blocker}?fields=issuelinks to find the link's id, then DELETE
     * /rest/api/3/issueLink/{id}: two requests per link; a link already gone is done.
     */
    async removeLinks(links) {
      const type = await types.blocks();
      const outcomes: LinkOutcome[] = [];
      for (const { blocked, blockers } of links) {
        for (const blocker of blockers) {
          outcomes.push(
            await attempt(blocked, blocker, async () => {
              const call = await client.send('GET', jiraPath`/rest/api/3/issue/${blocker}?fields=${'issuelinks'}`);
              const fields = client.read(
                z.object({ fields: z.object({ issuelinks: issueLinks.default([]) }) }),
                call,
                'GET /rest/api/3/issue/{key}',
              ).fields;
              const link = fields.issuelinks.find((l) => l.type.id === type.id && l.outwardIssue?.key === blocked);
              if (link?.id)
                await client.send('DELETE', jiraPath`/rest/api/3/issueLink/${link.id}`, undefined, [204, 404]);
            }),
          );
        }
      }
      return outcomes;
    },

    /**
     * PUT /rest/api/3/issue/{key} — fields set, the `descoped` label added or removed and the
     * comment added through `update`, all in the one request: Jira applies them together or
     * not at all.
     */
    async updateItem(update) {
      const fields = {
        ...(update.summary !== undefined ? { summary: update.summary } : {}),
        ...(update.due !== undefined ? { duedate: update.due } : {}),
        ...(update.assigneeAccount !== undefined
          ? { assignee: update.assigneeAccount === null ? null : { accountId: update.assigneeAccount } }
          : {}),
      };
      const operations = {
        ...(update.descoped !== undefined
          ? { labels: [update.descoped ? { add: DESCOPED_LABEL } : { remove: DESCOPED_LABEL }] }
          : {}),
        ...(update.comment ? { comment: [{ add: { body: richTextToAdf(update.comment) } }] } : {}),
      };
      await client.send('PUT', jiraPath`/rest/api/3/issue/${update.key}`, { fields, update: operations }, [204]);
    },

    /** POST /rest/api/3/issue/{key}/comment — an ADF comment. One request. */
    async comment(key, body) {
      await client.send('POST', jiraPath`/rest/api/3/issue/${key}/comment`, { body: richTextToAdf(body) }, [201]);
    },

    /** POST /rest/api/3/issueLink with the "Relates" type, one request per issue; linking twice changes nothing. */
    async linkRelated(from, to) {
      const type = await types.relates();
      for (const key of to) {
        await client.send(
          'POST',
          jiraPath`/rest/api/3/issueLink`,
          { type: { name: type.name }, inwardIssue: { key: from }, outwardIssue: { key } },
          [201],
        );
      }
    },

    /**
     * GET /rest/api/3/issue/{key}?fields=issuelinks,comment — the links and the first page of
     * comments in one request; GET /rest/api/3/issue/{key}/comment for each further page.
     */
    async readTrail(key) {
      const relates = await types.relates();
      const call = await client.send('GET', jiraPath`/rest/api/3/issue/${key}?fields=${'issuelinks,comment'}`);
      const { issuelinks, comment } = client.read(trailIssue, call, 'GET /rest/api/3/issue/{key}').fields;
      const comments = (comment?.comments ?? []).map((c) => adfToText(c.body));
      let total = comment?.total ?? comments.length;
      while (comments.length < total) {
        const page = client.read(
          commentPage,
          await client.send(
            'GET',
            jiraPath`/rest/api/3/issue/${key}/comment?startAt=${comments.length}&maxResults=${COMMENT_PAGE}`,
          ),
          'GET /rest/api/3/issue/{key}/comment',
        );
        if (!page.comments.length) break;
        comments.push(...page.comments.map((c) => adfToText(c.body)));
        total = page.total ?? total;
      }
      const related = issuelinks
        .filter((l) => l.type.id === relates.id)
        .flatMap((l) => l.outwardIssue?.key ?? l.inwardIssue?.key ?? []);
      return { related, comments };
    },

    /** GET /rest/api/3/myself — one request, once per tracker. */
    currentAccount() {
      me ??= client
        .send('GET', jiraPath`/rest/api/3/myself`)
        .then((call) => {
          const user = client.read(myself, call, 'GET /rest/api/3/myself');
          return { account: user.accountId, name: user.displayName ?? user.accountId };
        })
        .catch((error: unknown) => {
          me = undefined;
          throw error;
        });
      return me;
    },
  };
}
