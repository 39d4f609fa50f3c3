import { TrackerError } from '../../provision/tracker-error';
import type { AsanaApis, createAsanaCaller } from './asana-client';
import type { createAsanaProjects } from './asana-project';
import { runBatch } from './asana-batch';
import { recordProjectOf, taskInProjects, taskInProjectsFields } from './asana-record-project';
import { read } from './asana-schemas';

type PlacesContext = {
  apis: AsanaApis;
  caller: ReturnType<typeof createAsanaCaller>;
  projects: ReturnType<typeof createAsanaProjects>;
  tokenKind: 'oauth' | 'pat';
};

/**
 * The section a descoped task moves to: Asana has no labels a token can rely on (tags are per workspace and optional).
 */
export const DESCOPED_SECTION = 'Descoped';
/** Where change-request tasks live in the record's project. */
export const CHANGE_REQUESTS_SECTION = 'Change requests';

/**
 * Where things are in Asana, learnt from what the adapter has seen: a task's project (from the
 * search), the overview task that stands for a project (the parent item's key is the project,
 * but comments and fields go on its overview task), and sections made on demand.
 */
export function createAsanaPlaces(ctx: PlacesContext) {
  const overviewOf = new Map<string, string>();
  const projectOfTask = new Map<string, string>();

  return {
    /** What the search saw: a task of a project, and whether it is the project's overview task. */
    remember(project: string, task: string, isOverview: boolean): void {
      projectOfTask.set(task, project);
      if (isOverview) overviewOf.set(project, task);
    },

    /** The task a key stands for: a project's overview task, or the task itself. */
    taskOf(key: string): string {
      return overviewOf.get(key) ?? key;
    },

    /**
     * The record's project a task is in: from the search, else GET /tasks/{task_gid} (one
     * request), chosen by the record the task's property names, never a multi-homed task's first.
     */
    async projectOf(key: string): Promise<string | null> {
      const task = overviewOf.get(key) ?? key;
      const known = overviewOf.has(key) ? key : projectOfTask.get(task);
      if (known) return known;
      const found = await ctx.caller.call('GET /tasks/{task_gid}', () =>
        ctx.apis.tasks.getTask(task, { opt_fields: taskInProjectsFields(ctx.tokenKind) }),
      );
      const project = recordProjectOf(read(taskInProjects, found, 'GET /tasks/{task_gid}').data);
      if (project) projectOfTask.set(task, project);
      return project;
    },

    /**
     * A section of the project by name, made when missing (POST
     * /projects/{project_gid}/sections in a batch: one request, once).
     */
    async section(project: string, name: string): Promise<string> {
      const sections = await ctx.projects.sections(project);
      const known = sections.get(name);
      if (known) return known;
      const [created] = await runBatch(
        ctx,
        [{ method: 'post', relative_path: `/projects/${project}/sections`, data: { name } }],
        'POST /projects/{project_gid}/sections',
      );
      if (!created?.gid)
        throw new TrackerError({
          tracker: 'asana',
          operation: 'POST /projects/{project_gid}/sections',
          status: 200,
          detail: 'no section gid in the answer',
        });
      sections.set(name, created.gid);
      return created.gid;
    },
  };
}
