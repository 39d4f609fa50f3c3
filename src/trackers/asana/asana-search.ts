import { itemIdOf } from '../../domain/plan/plan-items';
import type { ExistingItem, SearchPage } from '../../provision/tracker';
import type { AsanaApis, createAsanaCaller } from './asana-client';
import type { createAsanaProjects } from './asana-project';
import { DESCOPED_SECTION, type createAsanaPlaces } from './asana-places';
import { overviewSummary } from './asana-notes';
import { propertyInExternal } from './asana-external';
import { propertyInNotes } from './asana-notes';
import { read, taskPage } from './asana-schemas';

/** What finding a record's tasks and its change requests needs: the SDK, the project and the sections. */
export type RecordContext = {
  apis: AsanaApis;
  caller: ReturnType<typeof createAsanaCaller>;
  projects: ReturnType<typeof createAsanaProjects>;
  places: ReturnType<typeof createAsanaPlaces>;
  tokenKind: 'oauth' | 'pat';
};

// Asana's task fields offer no assignee e-mail (`assignee.email` is not a valid opt field): the gid is enough.
const ITEM_FIELDS = 'name,notes,dependents,assignee,due_on,completed,memberships.section.name';

/**
 * GET /projects/{project_gid}/tasks, 100 a page: every task that carries one of the record's
 * properties (in `external` under OAuth, in the notes marker otherwise). The overview task
 * stands for the parent item, whose key is the project itself.
 */
export async function findItems(ctx: RecordContext, recordId: string, cursor?: string): Promise<SearchPage> {
  const project = await ctx.projects.find(recordId);
  if (!project) return { items: [] };
  const fields = ctx.tokenKind === 'oauth' ? `${ITEM_FIELDS},external` : ITEM_FIELDS;
  const page = await projectTasks(ctx, project, fields, cursor);
  const parentId = itemIdOf(recordId, 'parent', recordId);
  const items = page.data.flatMap((task): ExistingItem[] => {
    const property = propertyInExternal(task.external?.data) ?? propertyInNotes(task.notes);
    if (!property || property.recordId !== recordId) return [];
    const isOverview = property.itemId === parentId;
    const key = isOverview ? project : task.gid;
    ctx.places.remember(project, task.gid, isOverview);
    const state = {
      summary: isOverview ? overviewSummary(task.name ?? '') : (task.name ?? ''),
      due: task.due_on ?? null,
      done: task.completed === true,
      assignee: task.assignee ? { account: task.assignee.gid, email: null } : null,
      descoped: (task.memberships ?? []).some((m) => m.section?.name === DESCOPED_SECTION),
    };
    return [{ ...property, id: key, key, blocks: (task.dependents ?? []).map((d) => d.gid), state }];
  });
  return page.next_page?.offset ? { items, cursor: page.next_page.offset } : { items };
}

/**
 * GET /projects/{project_gid}/tasks: one page of 100 of every task in the project, whatever
 * section or board column it is in, completed ones too (no `completed_since`). One request.
 */
export async function projectTasks(
  ctx: Pick<RecordContext, 'apis' | 'caller'>,
  project: string,
  fields: string,
  cursor?: string,
) {
  const response = await ctx.caller.call('GET /projects/{project_gid}/tasks', () =>
    ctx.apis.tasks.getTasksForProject(project, {
      limit: 100,
      opt_fields: fields,
      ...(cursor ? { offset: cursor } : {}),
    }),
  );
  return read(taskPage, response, 'GET /projects/{project_gid}/tasks');
}
