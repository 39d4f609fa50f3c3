import { Hono } from 'hono';
import { z } from 'zod';
import { counted } from '../domain/words';
import type { AsanaAppEnv } from './asana-request';
import { FIELD, modalForm, PASTE_LIMIT, valueOf } from './forms';
import type { ProvisionJob } from './provision-job';
import type { RecordStore } from './record-store';

export type FormDeps = {
  base: string;
  records: RecordStore;
  queue: (job: ProvisionJob) => void;
  /** Where a person sees how the record's last run went (a link only the app can make). */
  recordPage: (recordId: string) => string;
};

const gid = z.string().regex(/^\d+$/);

/**
 * The modal form behind a task's entry point, "Provision handoff…": pick a stored record or
 * paste one (stored first, through the same reader as `handoff validate`), and the run is
 * queued; its outcome comes as a comment on this task, and the task gets a link to the record.
 */
export function formRoutes(deps: FormDeps) {
  const routes = new Hono<AsanaAppEnv>();

  routes.get('/metadata', (c) => c.json(modalForm(deps)));

  routes.post('/on_change', async (c) => {
    const recordId = valueOf(c.var.payload.values, FIELD.record);
    const stored = recordId === undefined ? null : await deps.records.get(recordId);
    return c.json(
      modalForm(deps, {
        ...(stored ? { record: { title: stored.title, value: stored.id } } : {}),
        ...(recordId !== undefined && !stored ? { error: `No stored record "${recordId}".` } : {}),
      }),
    );
  });

  routes.post('/on_submit', async (c) => {
    const { values, workspace, task } = c.var.payload;
    const refuse = (error: string) => c.json(modalForm(deps, { error }), 400);
    if (!gid.safeParse(workspace).success || !gid.safeParse(task).success)
      return refuse('Open this form from a task: Asana sends its task and workspace.');
    const team = valueOf(values, FIELD.team);
    if (team !== undefined && !gid.safeParse(team).success) return refuse('The team is a gid: digits only.');
    const pasted = valueOf(values, FIELD.yaml);
    let recordId = valueOf(values, FIELD.record);
    if (pasted !== undefined) {
      if (pasted.length > PASTE_LIMIT)
        return refuse(
          `Asana takes ${PASTE_LIMIT} characters here: add a longer record with handoff asana-app add-record.`,
        );
      const saved = await deps.records.save(pasted);
      if (!saved.ok) {
        const [first] = saved.problems;
        return refuse(
          `The record is not valid (${counted(saved.problems.length, 'problem')}); ` +
            `first: ${first?.path ? `${first.path}: ` : ''}${first?.message ?? ''}`,
        );
      }
      recordId = saved.stored.id;
    }
    const stored = recordId === undefined ? null : await deps.records.get(recordId);
    if (stored === null) return refuse('Pick a stored handoff record, or paste one.');
    deps.queue({ recordId: stored.id, workspace: String(workspace), task: String(task), ...(team ? { team } : {}) });
    return c.json({ resource_name: `Handoff: ${stored.title}`, resource_url: deps.recordPage(stored.id) });
  });

  return routes;
}
