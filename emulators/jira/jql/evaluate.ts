import type { PropertyIndex } from '../app-index';
import { badRequest } from '../jira-error';
import type { Issue, SiteState, User } from '../site-state';
import { SORTABLE, fieldReader, sortValue } from './fields';
import type { Clause, Expression, Operand, Query } from './parser';

export type Matcher = (issue: Issue) => boolean;

/** What a query is compiled against: the site, who asks (`currentUser()`), and the property indexes. */
type Scope = { site: SiteState; actor: User; indexes: readonly PropertyIndex[] };

/**
 * Turns a parsed query into a predicate and a comparator over the site's issues. Field and
 * function names are checked here, so an unknown one fails the whole search with Jira's
 * sentence, before any issue is looked at.
 */
export function compileQuery(
  query: Query,
  scope: Scope,
): { matches: Matcher; compare: (a: Issue, b: Issue) => number } {
  const { site } = scope;
  const matches = query.where ? compile(query.where, scope) : () => true;
  for (const key of query.orderBy) {
    if (!SORTABLE.includes(key.field.toLowerCase())) throw badRequest(`Not able to sort using field '${key.field}'.`);
  }
  // With no ORDER BY, newest first, as Jira's issue search lists them.
  const order = query.orderBy.length > 0 ? query.orderBy : [{ field: 'created', direction: 'desc' as const }];
  const compare = (a: Issue, b: Issue): number => {
    for (const { field, direction } of order) {
      const result = compareValues(sortValue(field, a, site), sortValue(field, b, site));
      if (result !== 0) return direction === 'desc' ? -result : result;
    }
    return Number(b.id) - Number(a.id);
  };
  return { matches, compare };
}

function compile(expression: Expression, scope: Scope): Matcher {
  switch (expression.kind) {
    case 'and': {
      const parts = expression.parts.map((p) => compile(p, scope));
      return (issue) => parts.every((p) => p(issue));
    }
    case 'or': {
      const parts = expression.parts.map((p) => compile(p, scope));
      return (issue) => parts.some((p) => p(issue));
    }
    case 'not': {
      const inner = compile(expression.inner, scope);
      return (issue) => !inner(issue);
    }
    case 'clause':
      return compileClause(expression, scope);
  }
}

/**
 * `=`/`IN` match when any of the field's values is named; `!=`/`NOT IN` when the field has
 * values and none is named. As in Jira, an empty field matches neither: `assignee != x`
 * leaves out unassigned issues. `IS [NOT] EMPTY` asks for emptiness itself.
 */
function compileClause(clause: Clause, { site, actor, indexes }: Scope): Matcher {
  const read = fieldReader(clause.field, indexes);
  if (!read) throw badRequest(`Field '${clause.field}' does not exist or you do not have permission to view it.`);
  const wanted = clause.operands.map((operand) => operandValue(operand, actor));
  const named = (values: string[]) =>
    values.some((v) => wanted.some((w) => w !== null && v.toLowerCase() === w.toLowerCase()));
  switch (clause.operator) {
    case '=':
    case 'in':
      return (issue) => (wanted.includes(null) && read(issue, site).length === 0) || named(read(issue, site));
    case '!=':
    case 'not in':
      return (issue) => {
        const values = read(issue, site);
        return wanted.includes(null) ? values.length > 0 : values.length > 0 && !named(values);
      };
    case 'is':
    case 'is not': {
      if (!wanted.every((w) => w === null))
        throw badRequest(`The operator '${clause.operator.toUpperCase()}' only supports EMPTY or NULL.`);
      const empty = clause.operator === 'is';
      return (issue) => (read(issue, site).length === 0) === empty;
    }
    default:
      throw badRequest(`The operator '${clause.operator}' is not supported by the '${clause.field}' field.`);
  }
}

/** A value's text; `null` stands for EMPTY; `currentUser()` is the caller. */
function operandValue(operand: Operand, actor: User): string | null {
  if (operand.kind === 'function') {
    if (operand.name.toLowerCase() === 'currentuser') return actor.accountId;
    throw badRequest(`Unable to find JQL function '${operand.name}()'.`);
  }
  if (!operand.quoted && /^(empty|null)$/i.test(operand.text)) return null;
  return operand.text;
}

/** Empty values sort as the greatest, as in Jira: last ascending, first descending. */
function compareValues(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}
