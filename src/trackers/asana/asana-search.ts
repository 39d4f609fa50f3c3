import { itemIdOf } from '../../domain/plan-items.ts';
import type { ExistingItem, SearchPage } from '../../provision/tracker.ts';
import type { AsanaApis, createAsanaCaller } from './asana-client.ts';
import type { createAsanaProjects } from './asana-project.ts';
import { propertyInExternal } from './asana-external.ts';
import { propertyInNotes } from './asana-notes.ts';
import { read, taskPage } from './asana-schemas.ts';

type SearchContext = {
  apis: AsanaApis;
  caller: ReturnType<typeof createAsanaCaller>;
  projects: ReturnType<typeof createAsanaProjects>;
  tokenKind: 'oauth' | 'pat';
};

/**
 * GET /projects/{project_gid}/tasks, 100 a page: every task that carries one of the record's
 * properties (in `external` under OAuth, in the notes marker otherwise). The overview task
 * stands for the parent item, whose key is the project itself.
 */
export async function findItems(ctx: SearchContext, recordId: string, cursor?: string): Promise<SearchPage> {
  const project = await ctx.projects.find(recordId);
  if (!project) return { items: [] };
  const fields = ctx.tokenKind === 'oauth' ? 'notes,external,dependents' : 'notes,dependents';
  const response = await ctx.caller.call('GET /projects/{project_gid}/tasks', () =>
    ctx.apis.tasks.getTasksForProject(project, { limit: 100, opt_fields: fields, ...(cursor ? { offset: cursor } : {}) }));
  const page = read(taskPage, response, 'GET /projects/{project_gid}/tasks');
  const parentId = itemIdOf(recordId, 'parent', recordId);
  const items = page.data.flatMap((task): ExistingItem[] => {
    const property = propertyInExternal(task.external?.data) ?? propertyInNotes(task.notes);
    if (!property || property.recordId !== recordId) return [];
    const key = property.itemId === parentId ? project : task.gid;
    return [{ ...property, key, blocks: (task.dependents ?? []).map((d) => d.gid) }];
  });
  return page.next_page?.offset ? { items, cursor: page.next_page.offset } : { items };
}
