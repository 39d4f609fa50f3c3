import type { PropertyIndex } from '../app-index';
import { projectOf } from '../lookups';
import { hasProjectPermission } from '../permissions';
import type { Issue, SiteState, User } from '../site-state';
import { compileQuery } from './evaluate';
import type { Query } from './parser';

type Search = {
  site: SiteState;
  actor: User;
  indexes: readonly PropertyIndex[];
  /** Issues created after this instant are not in the index yet (Jira's search lag)… */
  indexedBefore: number;
  /** …unless the caller names them (`reconcileIssues`). */
  reconcile?: readonly string[];
};

/**
 * The issues a query finds, in its order: those the index holds that the actor may browse.
 * The REST search and the issue navigator page both ask this, so a person sees what the API sees.
 */
export function findIssues(query: Query, { site, actor, indexes, indexedBefore, reconcile = [] }: Search): Issue[] {
  const { matches, compare } = compileQuery(query, { site, actor, indexes });
  const indexed = (issue: Issue) => Date.parse(issue.created) <= indexedBefore || reconcile.includes(issue.id);
  return site.issues
    .filter(
      (issue) =>
        indexed(issue) && hasProjectPermission(actor, projectOf(site, issue), 'BROWSE_PROJECTS') && matches(issue),
    )
    .sort(compare);
}
