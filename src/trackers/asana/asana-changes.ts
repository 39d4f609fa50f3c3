import { z } from 'zod';
import { toPlainText } from '../../domain/rich-text';
import type { ChangeTicket } from '../../provision/change-types';
import type { Tracker } from '../../provision/change-tracker';
import { TrackerError } from '../../provision/tracker-error';
import { runBatch } from './asana-batch';
import { changeNotes, payloadInNotes, stateInExternal, stateInNotes, withState } from './asana-change-notes';
import { CHANGE_REQUESTS_SECTION } from './asana-places';
import { envelope, read, task } from './asana-schemas';
import { projectTasks, type RecordContext } from './asana-search';

type Context = RecordContext;
type ChangeMethods = Pick<
  Tracker,
  'createChangeRequest' | 'findChangeRequests' | 'readChangeRequest' | 'approveChangeRequest' | 'saveChangeState'
>;
type Task = z.infer<typeof task>;

const FIELDS = 'name,notes,completed,completed_at,completed_by.name,created_at';

/**
 * Change requests as tasks made in the record project's "Change requests" section (found in
 * whichever section they are in now), assigned to the approval owner; the change in the notes
 * (Asana links the URLs of the affected tasks), the machine state in `external` data (OAuth)
 * or a notes line (personal access token). Approved = completed, by whoever `completed_by` names.
 */
export function asanaChanges(ctx: Context): ChangeMethods {
  const fields = ctx.tokenKind === 'oauth' ? `${FIELDS},external` : FIELDS;
  const ticketOf = (t: Task): ChangeTicket | null => {
    const state = ctx.tokenKind === 'oauth' ? stateInExternal(t.external?.data) : stateInNotes(t.notes);
    if (!state) return null;
    const by =
      t.completed && t.completed_by
        ? { account: t.completed_by.gid, name: t.completed_by.name ?? t.completed_by.gid }
        : null;
    return {
      key: t.gid,
      summary: t.name ?? '',
      created: t.created_at ?? '',
      state,
      approval: { approved: t.completed === true, by, at: t.completed ? (t.completed_at ?? null) : null },
    };
  };
  /** GET /tasks/{task_gid} — one request; an unknown task is null. */
  const getTask = async (key: string): Promise<Task | null> => {
    try {
      return read(
        envelope(task),
        await ctx.caller.call('GET /tasks/{task_gid}', () => ctx.apis.tasks.getTask(key, { opt_fields: fields })),
        'GET /tasks/{task_gid}',
      ).data;
    } catch (error) {
      if (error instanceof TrackerError && (error.status === 404 || error.status === 400)) return null;
      throw error;
    }
  };

  return {
    /** POST /tasks in the "Change requests" section (made once when missing), through one POST /batch. */
    async createChangeRequest(draft) {
      const project = await ctx.projects.find(draft.recordId);
      if (!project)
        throw new TrackerError({
          tracker: 'asana',
          operation: 'POST /tasks',
          status: 409,
          detail: `${draft.recordId} has no project yet: provision it first`,
        });
      const section = await ctx.places.section(project, CHANGE_REQUESTS_SECTION);
      const notes = changeNotes(
        toPlainText(draft.description),
        draft.payload,
        ctx.tokenKind === 'pat' ? draft.state : null,
      );
      const data = {
        name: draft.summary,
        notes,
        memberships: [{ project, section }],
        assignee: draft.assigneeAccount,
        ...(ctx.tokenKind === 'oauth' ? { external: { data: JSON.stringify(draft.state) } } : {}),
      };
      const [created] = await runBatch(ctx, [{ method: 'post', relative_path: '/tasks', data }], 'POST /tasks');
      if (!created?.gid)
        throw new TrackerError({
          tracker: 'asana',
          operation: 'POST /tasks',
          status: 200,
          detail: 'no task gid in the answer',
        });
      return created.gid;
    },

    /**
     * GET /projects/{project_gid}/tasks, 100 a page (plus the project, once): every task of the
     * record's project that carries a change request's state, wherever it is — someone may drag
     * one out of "Change requests" into another section or board column, and it is still part
     * of the record's history. The same listing the items are found with, so no request a task.
     */
    async findChangeRequests(recordId) {
      const project = await ctx.projects.find(recordId);
      if (!project) return [];
      const found: ChangeTicket[] = [];
      let offset: string | undefined;
      do {
        const page = await projectTasks(ctx, project, fields, offset);
        for (const t of page.data) {
          const ticket = ticketOf(t);
          if (ticket?.state.recordId === recordId) found.push(ticket);
        }
        offset = page.next_page?.offset;
      } while (offset);
      return found.sort((a, b) => a.created.localeCompare(b.created));
    },

    async readChangeRequest(key) {
      const t = await getTask(key);
      const ticket = t && ticketOf(t);
      return t && ticket ? { ...ticket, payload: payloadInNotes(t.notes).slice(0, ticket.state.payloadParts) } : null;
    },

    /**
     * PUT /tasks/{task_gid} `completed: true` — Asana records who in `completed_by`. A task
     * someone else completed is marked incomplete first, so that it names this approver (two
     * requests then: Asana does not promise the order of a batch's actions).
     */
    async approveChangeRequest(key) {
      const complete = (completed: boolean) =>
        runBatch(
          ctx,
          [{ method: 'put', relative_path: `/tasks/${key}`, data: { completed } }],
          'PUT /tasks/{task_gid}',
        );
      if ((await getTask(key))?.completed) await complete(false);
      await complete(true);
      return null; // Asana completes any task: no workflow to refuse it
    },

    /**
     * PUT /tasks/{task_gid}: the `external` data (OAuth, one request), or
     * the notes' state line (personal access token: read, then write).
     */
    async saveChangeState(key, state) {
      if (ctx.tokenKind === 'oauth') {
        await runBatch(
          ctx,
          [{ method: 'put', relative_path: `/tasks/${key}`, data: { external: { data: JSON.stringify(state) } } }],
          'PUT /tasks/{task_gid}',
        );
        return;
      }
      const t = await getTask(key);
      if (!t)
        throw new TrackerError({
          tracker: 'asana',
          operation: 'PUT /tasks/{task_gid}',
          status: 404,
          detail: `no task ${key}`,
        });
      await runBatch(
        ctx,
        [{ method: 'put', relative_path: `/tasks/${key}`, data: { notes: withState(t.notes ?? '', state) } }],
        'PUT /tasks/{task_gid}',
      );
    },
  };
}
