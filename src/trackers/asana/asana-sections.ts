import { z } from 'zod';
import type { AsanaApis, createAsanaCaller } from './asana-client';
import { read } from './asana-schemas';

type SectionsContext = { apis: AsanaApis; caller: ReturnType<typeof createAsanaCaller> };

const sectionPage = z.object({
  data: z.array(z.object({ gid: z.string(), name: z.string() })),
  next_page: z.object({ offset: z.string() }).nullable().optional(),
});

/** GET /projects/{project_gid}/sections, 100 a page until the last: section gids by name, in the project's order. */
export async function listSections(ctx: SectionsContext, project: string): Promise<Map<string, string>> {
  const sections = new Map<string, string>();
  let offset: string | undefined;
  do {
    const response = await ctx.caller.call('GET /projects/{project_gid}/sections', () =>
      ctx.apis.sections.getSectionsForProject(project, {
        limit: 100,
        opt_fields: 'name',
        ...(offset ? { offset } : {}),
      }),
    );
    const page = read(sectionPage, response, 'GET /projects/{project_gid}/sections');
    for (const s of page.data) if (!sections.has(s.name)) sections.set(s.name, s.gid);
    offset = page.next_page?.offset;
  } while (offset);
  return sections;
}

/**
 * Makes the groups' missing sections, in the plan's order: one POST /projects/{project_gid}/sections
 * each, placed after the group before it (else before the group after it, else at the end). One at a
 * time on purpose: a batch's actions run in parallel in no promised order, so sections made in
 * one would land shuffled; and a batch holds ten actions, so any number of groups fits here.
 * Returns `existing` with the new sections added.
 */
export async function createSectionsInOrder(
  ctx: SectionsContext,
  project: string,
  groups: readonly string[],
  existing: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const sections = new Map(existing);
  for (const [i, name] of groups.entries()) {
    if (sections.has(name)) continue;
    const before = groups
      .slice(0, i)
      .reverse()
      .find((g) => sections.has(g));
    const after = groups.slice(i + 1).find((g) => sections.has(g));
    const place = before ? { insert_after: sections.get(before) } : after ? { insert_before: sections.get(after) } : {};
    const response = await ctx.caller.call('POST /projects/{project_gid}/sections', () =>
      ctx.apis.sections.createSectionForProject(project, { body: { data: { name, ...place } } }),
    );
    sections.set(name, read(z.object({ data: z.object({ gid: z.string() }) }), response, 'POST /sections').data.gid);
  }
  return sections;
}
