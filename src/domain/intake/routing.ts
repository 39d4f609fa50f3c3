import type { Problem } from '../problem';
import { CRM_LABEL, type CrmDeal, type CrmName } from './crm-deal';
import type { CrmMapping, IntakeMapping } from './mapping';
import { readField } from './read-field';

/**
 * A web trigger does not know the project, so the deal says where it goes: the one project whose
 * mapping's closed-won (pipeline, stage) it is in. Two projects claiming the same pair would make
 * that a coin toss, so a save that would is refused.
 */
export type ProjectMapping = { projectKey: string; mapping: IntakeMapping };

const CRMS: readonly CrmName[] = ['hubspot', 'salesforce'];

/** Whether the deal is in one of the mapping's closed-won stages, read by the mapping's own field names. */
export function isClosedWon(deal: CrmDeal, mapping: CrmMapping): boolean {
  const stage = readField(deal.fields, mapping.stageField);
  const pipeline = mapping.pipelineField ? readField(deal.fields, mapping.pipelineField) : undefined;
  return mapping.closedWon.some((c) => c.stage === stage && (c.pipeline === undefined || c.pipeline === pipeline));
}

/** The project whose mapping claims the deal, with that mapping; null when none does. */
export function claimant(
  deal: CrmDeal,
  projects: readonly ProjectMapping[],
): { projectKey: string; mapping: CrmMapping } | null {
  for (const { projectKey, mapping } of projects) {
    const own = mapping[deal.crm];
    if (own && isClosedWon(deal, own)) return { projectKey, mapping: own };
  }
  return null;
}

/** A stage without a pipeline is won in every pipeline, so it overlaps any pair with its stage id. */
const overlaps = (a: CrmMapping['closedWon'][number], b: CrmMapping['closedWon'][number]) =>
  a.stage === b.stage && (a.pipeline === undefined || b.pipeline === undefined || a.pipeline === b.pipeline);

/**
 * What keeps a project's mapping from being saved: a closed-won stage another project claims
 * (the field path and the other project named), or a Jira target other than the project itself.
 */
export function mappingProblems(projectKey: string, mapping: IntakeMapping, others: readonly ProjectMapping[]) {
  const problems: Problem[] = [];
  for (const crm of CRMS) {
    const own = mapping[crm];
    if (!own) continue;
    own.closedWon.forEach((pair, index) => {
      const taken = others.find(
        (o) => o.projectKey !== projectKey && (o.mapping[crm]?.closedWon ?? []).some((c) => overlaps(pair, c)),
      );
      if (taken)
        problems.push({
          path: `${crm}.closedWon.${index}.stage`,
          message:
            `${CRM_LABEL[crm]} stage ${pair.stage}${pair.pipeline ? ` of pipeline ${pair.pipeline}` : ''} is ` +
            `already claimed by project ${taken.projectKey}: a won deal goes to one project, so remove it there first.`,
        });
    });
    if (own.target?.tracker === 'jira' && own.target.project !== projectKey)
      problems.push({
        path: `${crm}.target.project`,
        message:
          `The mapping of ${projectKey} sends records to ${projectKey} or an Asana team, ` +
          `not to ${own.target.project}.`,
      });
  }
  return problems;
}
