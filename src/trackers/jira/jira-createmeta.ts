import { z } from 'zod';
import { PLAN_FIELDS, sends, type FieldRefusal, type PlanField } from '../../domain/gate/project-fields';
import type { PlanItem } from '../../domain/plan/plan';
import type { ProvisioningTracker } from '../../provision/tracker';
import type { createJiraClient } from './jira-client';
import { jiraPath } from './jira-path';

type Context = {
  client: ReturnType<typeof createJiraClient>;
  projectKey: string;
  parentIssueType: string;
  itemIssueType: string;
};

/** The Jira field each plan field becomes in a create request: the one place the preflight names them. */
export const JIRA_FIELD_IDS: Readonly<Record<PlanField, string>> = {
  summary: 'summary',
  description: 'description',
  labels: 'labels',
  assignee: 'assignee',
  due: 'duedate',
  parent: 'parent',
};

/** Names for fields a screen leaves out (createmeta names only what is on it), and what Handoff cannot do then. */
const WITHOUT: Readonly<Record<PlanField, { name: string; cannot: string }>> = {
  summary: { name: 'Summary', cannot: 'name its issues' },
  description: { name: 'Description', cannot: 'describe its issues' },
  labels: { name: 'Labels', cannot: 'label its issues' },
  assignee: { name: 'Assignee', cannot: 'assign owners' },
  due: { name: 'Due date', cannot: 'set due dates' },
  parent: { name: 'Parent', cannot: 'put items under their parent' },
};

/** Jira fills these from the request itself. */
const ALWAYS_SENT = new Set(['project', 'issuetype']);

/** createmeta's own cap on `maxResults`. */
const PAGE = 200;

const typesPage = z.object({
  issueTypes: z.array(z.object({ id: z.string(), name: z.string() })),
  total: z.number().optional(),
});
const metaField = z.object({
  fieldId: z.string().optional(),
  key: z.string().optional(),
  name: z.string(),
  required: z.boolean(),
  hasDefaultValue: z.boolean().optional(),
});
const fieldsPage = z.object({
  fields: z.array(metaField).optional(),
  results: z.array(metaField).optional(),
  total: z.number().optional(),
});
type MetaField = z.infer<typeof metaField>;

/**
 * The preflight: reads createmeta for the parent's and the items' issue types and says what the
 * plan needs that the project refuses, before anything is created (fidelity R4). Three reads
 * for one page each of types and fields.
 */
export function jiraCreatemeta(ctx: Context): Pick<ProvisioningTracker, 'preflight'> {
  const { client, projectKey } = ctx;

  /** Every page of a createmeta listing, `startAt` moving by what each page held. */
  async function pages<T>(read: (startAt: number) => Promise<{ items: T[]; total?: number | undefined }>) {
    const all: T[] = [];
    for (;;) {
      const page = await read(all.length);
      all.push(...page.items);
      if (page.items.length === 0 || all.length >= (page.total ?? all.length)) return all;
    }
  }

  /** GET /rest/api/3/issue/createmeta/{project}/issuetypes — the types the caller may create. */
  const issueTypes = () =>
    pages(async (startAt) => {
      const operation = 'GET /rest/api/3/issue/createmeta/{project}/issuetypes';
      const call = await client.send(
        'GET',
        jiraPath`/rest/api/3/issue/createmeta/${projectKey}/issuetypes?startAt=${startAt}&maxResults=${PAGE}`,
      );
      const page = client.read(typesPage, call, operation);
      return { items: page.issueTypes, total: page.total };
    });

  /** GET /rest/api/3/issue/createmeta/{project}/issuetypes/{id} — the create screen's fields. */
  const fieldsOf = (typeId: string) =>
    pages(async (startAt) => {
      const operation = 'GET /rest/api/3/issue/createmeta/{project}/issuetypes/{issueTypeId}';
      const call = await client.send(
        'GET',
        jiraPath`/rest/api/3/issue/createmeta/${projectKey}/issuetypes/${typeId}?startAt=${startAt}&maxResults=${PAGE}`,
      );
      const page = client.read(fieldsPage, call, operation);
      return { items: page.fields ?? page.results ?? [], total: page.total };
    });

  return {
    async preflight(plan) {
      const types = await issueTypes();
      const scopes = [
        { scope: 'parent' as const, type: ctx.parentIssueType, items: plan.items.filter((i) => i.kind === 'parent') },
        { scope: 'items' as const, type: ctx.itemIssueType, items: plan.items.filter((i) => i.kind !== 'parent') },
      ];
      const refusals: FieldRefusal[] = [];
      for (const { scope, type, items } of scopes) {
        if (items.length === 0) continue;
        const found = types.find((t) => t.name === type);
        if (!found) {
          refusals.push({
            scope,
            reason: 'unavailable',
            field: null,
            message:
              `Jira project ${projectKey} has no "${type}" issue type you may create — add it to the ` +
              `project's issue types (Project settings → Issue types) or ask for the Create issues permission`,
          });
          continue;
        }
        refusals.push(...refusalsOf(projectKey, type, scope, items, await fieldsOf(found.id)));
      }
      return refusals;
    },
  };
}

/** What one issue type's create screen refuses of the items that become issues of that type. */
function refusalsOf(
  projectKey: string,
  type: string,
  scope: FieldRefusal['scope'],
  items: readonly PlanItem[],
  fields: readonly MetaField[],
): FieldRefusal[] {
  const byId = new Map(fields.map((f) => [f.fieldId ?? f.key ?? '', f]));
  const mustFill = (f: MetaField | undefined) => f !== undefined && f.required && f.hasDefaultValue !== true;
  const optional = `make it optional for ${type} in ${projectKey} (Project settings → Issue types → ${type} → Fields)`;
  const refusals: FieldRefusal[] = [];
  for (const field of PLAN_FIELDS) {
    const meta = byId.get(JIRA_FIELD_IDS[field]);
    const { name, cannot } = WITHOUT[field];
    if (!meta && items.some((i) => sends(i, field)))
      refusals.push({
        scope,
        reason: 'not-settable',
        field,
        message:
          `Jira project ${projectKey}: the ${type} create screen has no "${name}" field — add it ` +
          `to the screen (Project settings → Issue types → ${type} → Fields) or Handoff cannot ${cannot}`,
      });
    else if (mustFill(meta) && !items.every((i) => sends(i, field)))
      refusals.push({
        scope,
        reason: 'required',
        field,
        message:
          `Jira project ${projectKey}: ${type} requires "${meta?.name}", which Handoff leaves empty ` +
          `where the record gives none — fill it in, or ${optional}`,
      });
  }
  const planIds = new Set(Object.values(JIRA_FIELD_IDS));
  for (const [id, meta] of byId)
    if (mustFill(meta) && !ALWAYS_SENT.has(id) && !planIds.has(id))
      refusals.push({
        scope,
        reason: 'required',
        field: null,
        message:
          `Jira project ${projectKey}: ${type} requires "${meta.name}", which Handoff does not fill — ` +
          `${optional}, or give it a default value`,
      });
  return refusals;
}
