import { z } from 'zod';
import { bullets, link, paragraph, strong, toPlainText } from '../../domain/rich-text';
import type { Account } from '../../provision/change-types';
import type { LinkOutcome } from '../../provision/tracker';
import type { Tracker } from '../../provision/change-tracker';
import { runBatch, type BatchAction } from './asana-batch';
import type { AsanaApis, createAsanaCaller } from './asana-client';
import { DESCOPED_SECTION, type createAsanaPlaces } from './asana-places';
import { overviewName } from './asana-notes';
import { read } from './asana-schemas';
import { dependencyBatch } from './asana-dependencies';

type Context = {
  apis: AsanaApis;
  caller: ReturnType<typeof createAsanaCaller>;
  places: ReturnType<typeof createAsanaPlaces>;
  itemUrl: (key: string) => string;
  batchLimit: number;
  /** Who the work is by when the token is an app's grant (see asana-tracker.ts `signsAs`). */
  signsAs?: string;
};
type ItemWrites = Pick<
  Tracker,
  'removeLinks' | 'updateItem' | 'comment' | 'linkRelated' | 'readTrail' | 'currentAccount'
>;

/** How the comment `linkRelated` posts begins: the comments that relate a task to others. */
const RELATED = 'Related tasks:';
const storyPage = z.object({
  data: z.array(z.object({ resource_subtype: z.string().optional(), text: z.string().optional() })),
  next_page: z.object({ offset: z.string() }).nullable().optional(),
});

/**
 * Changes to tasks that exist: field edits and section moves after
 * their comment; dependencies removed; who is acting.
 */
export function asanaItemWrites(ctx: Context): ItemWrites {
  let me: Promise<Account> | undefined;
  const story = (key: string, text: string): BatchAction => ({
    method: 'post',
    relative_path: `/tasks/${ctx.places.taskOf(key)}/stories`,
    data: { text },
  });
  /** GET /tasks/{task_gid}/stories, 100 a page: the comments, oldest first (Asana's own stories left out). */
  const commentsOn = async (task: string): Promise<string[]> => {
    const comments: string[] = [];
    let offset: string | undefined;
    do {
      const opts = { opt_fields: 'resource_subtype,text', limit: 100, ...(offset ? { offset } : {}) };
      const page = read(
        storyPage,
        await ctx.caller.call('GET /tasks/{task_gid}/stories', () => ctx.apis.stories.getStoriesForTask(task, opts)),
        'GET /tasks/{task_gid}/stories',
      );
      for (const story of page.data) if (story.resource_subtype === 'comment_added') comments.push(story.text ?? '');
      offset = page.next_page?.offset;
    } while (offset);
    return comments;
  };

  return {
    /** Dependencies removed for up to ten tasks a POST /batch; removing what is not there changes nothing. */
    async removeLinks(links) {
      const outcomes: LinkOutcome[] = [];
      for (let i = 0; i < links.length; i += ctx.batchLimit)
        outcomes.push(...(await dependencyBatch(ctx, links.slice(i, i + ctx.batchLimit), 'removeDependencies')));
      return outcomes;
    },

    /**
     * The comment first, then the section move, then the fields, each its own POST /batch:
     * Asana runs a batch's actions in no promised order and not atomically, so one batch could
     * change a field and lose its comment. Stopped in between, the task has a comment whose
     * change is still to come, and the re-run (the use case works out the same update from the
     * unchanged fields) finishes it: the comment is not posted again while it is the task's
     * newest comment (GET /tasks/{task_gid}/stories first; someone commenting in between costs
     * a second copy, never a lost one). The section before the fields, so that a task back in
     * scope whose move went through is worked out with the same fields, hence the same comment.
     * So: the stories (a request per 100), the comment, the move (and its section, made once),
     * the fields — 1 to 4 requests.
     */
    async updateItem(update) {
      const task = ctx.places.taskOf(update.key);
      if (update.comment) {
        const text = toPlainText(update.comment);
        if (!sameText((await commentsOn(task)).at(-1), text))
          await runBatch(ctx, [story(update.key, text)], 'POST /tasks/{task_gid}/stories');
      }
      const sectionName = update.descoped === undefined ? undefined : update.descoped ? DESCOPED_SECTION : update.group;
      const project = sectionName ? await ctx.places.projectOf(update.key) : null;
      if (sectionName && project) {
        const section = await ctx.places.section(project, sectionName);
        const move = { method: 'post', relative_path: `/sections/${section}/addTask`, data: { task } } as const;
        await runBatch(ctx, [move], 'POST /sections/{section_gid}/addTask');
      }
      const isOverview = task !== update.key;
      const fields = {
        ...(update.summary !== undefined ? { name: isOverview ? overviewName(update.summary) : update.summary } : {}),
        ...(update.due !== undefined ? { due_on: update.due } : {}),
        ...(update.assigneeAccount !== undefined ? { assignee: update.assigneeAccount } : {}),
      };
      if (Object.keys(fields).length)
        await runBatch(
          ctx,
          [{ method: 'put', relative_path: `/tasks/${task}`, data: fields }],
          'PUT /tasks/{task_gid}',
        );
    },

    /** POST /tasks/{task_gid}/stories (in a batch of one) — the comment as plain text. */
    async comment(key, body) {
      await runBatch(ctx, [story(key, toPlainText(body))], 'POST /tasks/{task_gid}/stories');
    },

    /** Asana has no generic relation between tasks: one comment on `from` with a link to each. */
    async linkRelated(from, to) {
      if (!to.length) return;
      const body = [paragraph(strong(RELATED)), bullets(to.map((key) => [link(ctx.itemUrl(key), ctx.itemUrl(key))]))];
      await runBatch(ctx, [story(from, toPlainText(body))], 'POST /tasks/{task_gid}/stories');
    },

    /**
     * GET /tasks/{task_gid}/stories, 100 a page: the comments (Asana's own stories left out),
     * and the tasks the "Related tasks" comments link to (Asana has no relation to read back).
     */
    async readTrail(key) {
      const comments = await commentsOn(ctx.places.taskOf(key));
      const url = new RegExp(`${escapeRegExp(ctx.itemUrl(''))}(\\d+)`, 'g');
      const related = comments
        .filter((c) => c.startsWith(RELATED))
        .flatMap((c) => [...c.matchAll(url)].map((m) => m[1] ?? ''));
      return { related: [...new Set(related)], comments };
    },

    /** GET /users/me — one request, once per tracker. */
    currentAccount() {
      me ??= ctx.caller
        .call('GET /users/me', () => ctx.apis.users.getUser('me', { opt_fields: 'name' }))
        .then((found) => {
          const { data } = read(
            z.object({ data: z.object({ gid: z.string(), name: z.string().optional() }) }),
            found,
            'GET /users/me',
          );
          const name = data.name ?? data.gid;
          return { account: data.gid, name: ctx.signsAs ? `${ctx.signsAs} through ${name}'s Asana grant` : name };
        })
        .catch((error: unknown) => {
          me = undefined;
          throw error;
        });
      return me;
    },
  };
}

/** Compared as a person reads them: Asana may trim or re-wrap the whitespace of a comment it stores. */
function sameText(stored: string | undefined, text: string): boolean {
  const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
  return stored !== undefined && norm(stored) === norm(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
