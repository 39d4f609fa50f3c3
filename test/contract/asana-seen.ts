import { z } from 'zod';
import { propertyInExternal } from '../../src/trackers/asana/asana-external';
import { propertyInNotes } from '../../src/trackers/asana/asana-notes';
import type { SeenItem } from './tracker-contract';

/** One JSON request to Asana's REST API (path under /api/1.0), as the test's own client (not the adapter). */
export type AsanaRest = (method: string, path: string, body?: unknown) => Promise<unknown>;

const tasks = z.object({
  data: z.array(
    z.object({
      gid: z.string(),
      notes: z.string().optional(),
      external: z.object({ data: z.string().nullable().optional() }).nullable().optional(),
      assignee: z.object({ gid: z.string() }).nullable().optional(),
      due_on: z.string().nullable().optional(),
      projects: z.array(z.object({ gid: z.string() })),
      dependents: z.array(z.object({ gid: z.string() })).optional(),
      memberships: z.array(z.object({ section: z.object({ name: z.string() }) })).default([]),
    }),
  ),
  next_page: z.object({ offset: z.string() }).nullable().optional(),
});

const projectList = z.object({
  data: z.array(z.object({ gid: z.string(), name: z.string() })),
  next_page: z.object({ offset: z.string() }).nullable().optional(),
});

/** The workspace's projects made for a record: their names carry `[recordId]`. */
export async function projectsOfRecord(rest: AsanaRest, workspace: string, recordId: string) {
  const found: Array<{ gid: string; name: string }> = [];
  let offset: string | undefined;
  do {
    const page = projectList.parse(
      await rest(
        'GET',
        `/projects?workspace=${workspace}&opt_fields=name&limit=100${offset ? `&offset=${offset}` : ''}`,
      ),
    );
    found.push(...page.data.filter((p) => p.name.includes(`[${recordId}]`)));
    offset = page.next_page?.offset;
  } while (offset);
  return found;
}

/**
 * Every task of the record's project, read through Asana's own REST API; shared by the local
 * and the live contract runs. What the token under test wrote is read back: external data
 * (OAuth) or the notes marker (personal access token).
 */
export async function seenInAsana(
  rest: AsanaRest,
  at: { workspace: string; tokenKind: 'oauth' | 'pat' },
  recordId: string,
): Promise<SeenItem[]> {
  const seen: SeenItem[] = [];
  for (const project of await projectsOfRecord(rest, at.workspace, recordId)) {
    let offset: string | undefined;
    do {
      const page = tasks.parse(
        await rest(
          'GET',
          `/projects/${project.gid}/tasks?limit=100` +
            '&opt_fields=notes,external,assignee,due_on,projects,dependents,memberships.section.name' +
            `${offset ? `&offset=${offset}` : ''}`,
        ),
      );
      for (const task of page.data) {
        const property =
          at.tokenKind === 'oauth' ? propertyInExternal(task.external?.data) : propertyInNotes(task.notes);
        if (!property) continue;
        const isParent = property.itemId.includes('/parent/');
        seen.push({
          key: isParent ? project.gid : task.gid,
          itemId: property.itemId,
          assignee: task.assignee?.gid ?? null,
          due: task.due_on ?? null,
          parentKey: isParent ? null : (task.projects[0]?.gid ?? null),
          blocks: (task.dependents ?? []).map((d) => d.gid),
          descoped: task.memberships.some((m) => m.section.name === 'Descoped'),
        });
      }
      offset = page.next_page?.offset;
    } while (offset);
  }
  return seen;
}
