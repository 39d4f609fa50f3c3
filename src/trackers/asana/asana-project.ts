import { z } from 'zod';
import { itemIdOf } from '../../domain/plan/plan-items';
import type { CreateOutcome, CreateRequest } from '../../provision/tracker';
import { TrackerError } from '../../provision/tracker-error';
import type { AsanaApis, createAsanaCaller } from './asana-client';
import { externalGid, externalOf } from './asana-external';
import { notesFor, overviewName, recordMarkerLine } from './asana-notes';
import {
  isRecordProject,
  namedFor,
  projectSeen,
  recordProjectOf,
  taskInProjects,
  taskInProjectsFields,
} from './asana-record-project';
import { batchResults, read, throwIfAmbiguous } from './asana-schemas';
import { createSectionsInOrder, listSections } from './asana-sections';

export type ProjectsContext = {
  apis: AsanaApis;
  caller: ReturnType<typeof createAsanaCaller>;
  workspace: string;
  /** Where a new project goes in an organization: POST /teams/{team}/projects rather than POST /projects. */
  team: string | undefined;
  project: string | undefined;
  tokenKind: 'oauth' | 'pat';
};

/** A page of a workspace's projects (or typeahead's one page, names only). */
const projectPage = z.object({
  data: z.array(projectSeen),
  next_page: z.object({ offset: z.string() }).nullable().optional(),
});

/**
 * The record's Asana project, or given with --project. A quick look first — the overview task's
 * `external` gid (OAuth), else typeahead by name — then, whatever the token, the workspace's
 * project list decides: a project whose overview task was never made (its batch lost, or the
 * run killed right after POST /projects) must be found, or a re-run would make a second.
 */
export function createAsanaProjects(ctx: ProjectsContext) {
  /** Record id → its project, once known; a tracker may serve several records. */
  const projectOf = new Map<string, string>();
  /** Project gid → section gids by name. */
  const sectionsOf = new Map<string, Map<string, string>>();

  async function find(recordId: string): Promise<string | null> {
    const known =
      projectOf.get(recordId) ??
      ctx.project ??
      (ctx.tokenKind === 'oauth' ? await byExternal(recordId) : await byTypeahead(recordId)) ??
      (await byList(recordId));
    if (known) projectOf.set(recordId, known);
    return known ?? null;
  }

  /** GET /tasks/external:<gid> of the overview task — one request; a 404 proves nothing (see `byList`). */
  async function byExternal(recordId: string): Promise<string | null> {
    const gid = externalGid(itemIdOf(recordId, 'parent', recordId));
    try {
      const task = await ctx.caller.call('GET /tasks/external:{gid}', () =>
        ctx.apis.tasks.getTask(`external:${gid}`, { opt_fields: taskInProjectsFields(ctx.tokenKind) }),
      );
      return recordProjectOf(read(taskInProjects, task, 'GET /tasks/external').data, recordId);
    } catch (error) {
      if (error instanceof TrackerError && error.status === 404) return null;
      throw error;
    }
  }

  /**
   * GET /workspaces/{gid}/typeahead?resource_type=project — one request, the usual way back to
   * the project (its name ends with `[record-id]`). Asana calls typeahead fast, not exhaustive:
   * a miss proves nothing, so `byList` decides.
   */
  async function byTypeahead(recordId: string): Promise<string | null> {
    const found = await ctx.caller.call('GET /workspaces/{workspace_gid}/typeahead', () =>
      ctx.apis.typeahead.typeaheadForWorkspace(ctx.workspace, 'project', {
        query: recordId,
        count: 100,
        // Typeahead answers names only (the spec's one opt field).
        opt_fields: 'name',
      }),
    );
    return read(projectPage, found, 'GET /typeahead').data.find((p) => namedFor(p, recordId))?.gid ?? null;
  }

  /**
   * GET /workspaces/{gid}/projects, 100 a page until the record's project turns up: exhaustive,
   * and a read of the workspace rather than a search index, so it shows a project as soon as
   * POST /projects made it, even one renamed since. Only a miss here counts as "never provisioned".
   */
  async function byList(recordId: string): Promise<string | null> {
    let offset: string | undefined;
    do {
      const response = await ctx.caller.call('GET /workspaces/{workspace_gid}/projects', () =>
        ctx.apis.projects.getProjectsForWorkspace(ctx.workspace, {
          limit: 100,
          opt_fields: 'name,notes',
          ...(offset ? { offset } : {}),
        }),
      );
      const page = read(projectPage, response, 'GET /workspaces/{workspace_gid}/projects');
      const found = page.data.find((p) => isRecordProject(p, recordId));
      if (found) return found.gid;
      offset = page.next_page?.offset;
    } while (offset);
    return null;
  }

  /**
   * The project (unless adopting one; see `createProject`), then its sections one by one in the plan's order (see
   * `createSectionsInOrder`), then the overview task: made last and in no section, it lands in
   * the project's first section ("Untitled section", made with the project), above every group.
   */
  async function create(parent: CreateRequest): Promise<CreateOutcome> {
    const { item, property } = parent;
    const notes = `${notesFor(item.description, property)}\n${recordMarkerLine(property.recordId)}`;
    // A project that already exists (given, found, or made by an attempt that lost its answer)
    // may have sections already: reuse them rather than make twins.
    const known = projectOf.get(property.recordId) ?? ctx.project;
    const project = known ?? (await createProject(parent, notes));
    projectOf.set(property.recordId, project);
    const existing = known !== undefined ? await listSections(ctx, project) : new Map<string, string>();
    sectionsOf.set(project, await createSectionsInOrder(ctx, project, parent.groups ?? [], existing));
    const actions = [
      { method: 'post', relative_path: '/tasks', data: overviewTask(parent, project, notes, ctx.tokenKind) },
    ];
    const response = await ctx.caller.call(
      'POST /batch',
      () => ctx.apis.batch.createBatchRequest({ data: { actions } }),
      actions,
    );
    const results = read(batchResults, response, 'POST /batch').data;
    throwIfAmbiguous(results, 'POST /batch');
    const overview = results.at(-1);
    if (!overview || overview.status_code >= 300) {
      return {
        itemId: item.itemId,
        ok: false,
        error:
          `[asana] the project ${project} was made, but not its overview task: ` +
          `${overview?.body?.errors?.map((e) => e.message).join('; ') ?? 'no answer'}`,
      };
    }
    return { itemId: item.itemId, ok: true, id: project, key: project };
  }

  /**
   * POST /teams/{team_gid}/projects when a team is given (an organization's projects need one),
   * else POST /projects in the workspace — one request. When it goes unanswered (5xx, dropped, timed out) the project
   * may exist all the same: it is looked for before anything else happens, so that neither this
   * run nor the engine's retry after it makes a second. Not found, the error stands (the engine
   * searches again later, and only then sends the create again).
   */
  async function createProject({ item, property }: CreateRequest, notes: string): Promise<string> {
    const data = {
      name: `${item.summary} [${property.recordId}]`,
      notes,
      default_view: 'list',
      ...(item.due ? { due_on: item.due } : {}),
    };
    const { team } = ctx;
    const operation = team === undefined ? 'POST /projects' : 'POST /teams/{team_gid}/projects';
    try {
      const created = await ctx.caller.call(operation, () =>
        team === undefined
          ? ctx.apis.projects.createProject({ data: { workspace: ctx.workspace, ...data } })
          : ctx.apis.projects.createProjectForTeam({ data }, team),
      );
      return read(z.object({ data: z.object({ gid: z.string() }) }), created, operation).data.gid;
    } catch (error) {
      if (!(error instanceof TrackerError && error.transient)) throw error;
      const made = await byList(property.recordId);
      if (made) return made;
      throw error;
    }
  }

  return {
    find,
    create,
    /** The record's project, which its parent item made (or which was found or given). */
    async of(recordId: string): Promise<string> {
      const project = projectOf.get(recordId) ?? (await find(recordId));
      if (!project)
        throw new TrackerError({
          tracker: 'asana',
          operation: 'POST /batch',
          status: 409,
          detail: `no project for ${recordId} yet: the parent item comes first`,
        });
      return project;
    },
    /** Section gids by name; fetched once when this run did not create them. */
    async sections(project: string): Promise<Map<string, string>> {
      const known = sectionsOf.get(project) ?? (await listSections(ctx, project));
      sectionsOf.set(project, known);
      return known;
    },
  };
}

/** A task at the top of the project that says what the handoff is, and carries its property. */
function overviewTask(parent: CreateRequest, project: string, notes: string, tokenKind: 'oauth' | 'pat') {
  return {
    name: overviewName(parent.item.summary),
    notes,
    projects: [project],
    ...(parent.assigneeAccount ? { assignee: parent.assigneeAccount } : {}),
    ...(parent.item.due ? { due_on: parent.item.due } : {}),
    ...(tokenKind === 'oauth' ? { external: externalOf(parent.property) } : {}),
  };
}
