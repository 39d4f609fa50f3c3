import { parseExpressionAt, type AnyNode, type CallExpression } from 'acorn';

/**
 * The trigger's `filter.expression` evaluated as Forge would, before it invokes the app.
 *
 * The trigger reference says only "An expression used to filter out unwanted events" and shows
 * `event.issue.fields?.issueType.name == 'Bug'`; that syntax is Jira expressions' (a documented
 * JavaScript-like subset with its own BNF grammar), with the event payload as `event`. No
 * package implements Jira expressions, so acorn parses (the subset is valid JavaScript) and
 * this walks only the constructs the subset has, with its semantics:
 * - `==`/`!=` compare without coercion; `===` is not in the language and is refused;
 * - reading a member of null is an error unless `?.` says otherwise; a key the payload lacks is null;
 * - lists have `some`, `every`, `includes`, `map`, `filter`, `length`; lambdas are `x => expr`;
 * - a result that is not a boolean is an error (as for Forge's Jira-expression conditions).
 * An error means what `onError` says; the default, IGNORE_AND_LOG, is "not invoked, logged".
 */
export type FilterVerdict = { invoked: boolean; error: string | null };

export function evaluateFilter(expression: string, event: unknown): FilterVerdict {
  try {
    const tree = parseExpressionAt(expression, 0, { ecmaVersion: 2022 });
    if (expression.slice(tree.end).trim() !== '') throw new FilterError('the expression has trailing text');
    const value = evaluate(tree, new Map([['event', event]]));
    if (typeof value !== 'boolean') throw new FilterError(`the expression gave ${JSON.stringify(value)}, no boolean`);
    return { invoked: value, error: null };
  } catch (error) {
    return { invoked: false, error: error instanceof Error ? error.message : String(error) };
  }
}

class FilterError extends Error {}
/** `a?.b` on a null `a`: the rest of the chain is skipped and the chain is null. */
const SHORT_CIRCUIT = Symbol('short-circuit');
type Scope = Map<string, unknown>;

function evaluate(n: AnyNode, scope: Scope): unknown {
  switch (n.type) {
    case 'Literal':
      if (n.value instanceof RegExp || typeof n.value === 'bigint') throw new FilterError('unsupported literal');
      return n.value;
    case 'Identifier':
      if (!scope.has(n.name)) throw new FilterError(`unknown variable ${n.name}`);
      return scope.get(n.name);
    case 'ChainExpression': {
      const value = evaluate(n.expression, scope);
      return value === SHORT_CIRCUIT ? null : value;
    }
    case 'MemberExpression': {
      const object = evaluate(n.object, scope);
      if (object === SHORT_CIRCUIT) return SHORT_CIRCUIT;
      if (object === null || object === undefined) {
        if (n.optional) return SHORT_CIRCUIT;
        throw new FilterError('a member of null was read without ?.');
      }
      const key = n.computed || n.property.type !== 'Identifier' ? evaluate(n.property, scope) : n.property.name;
      return member(object, key);
    }
    case 'CallExpression':
      return call(n, scope);
    case 'LogicalExpression': {
      const left = truth(evaluate(n.left, scope));
      if (n.operator === '&&') return left ? evaluate(n.right, scope) : false;
      if (n.operator === '||') return left ? true : evaluate(n.right, scope);
      throw new FilterError(`unsupported operator ${n.operator}`);
    }
    case 'BinaryExpression':
      return binary(n.operator, evaluate(n.left, scope), evaluate(n.right, scope));
    case 'UnaryExpression':
      if (n.operator !== '!') throw new FilterError(`unsupported operator ${n.operator}`);
      return !truth(evaluate(n.argument, scope));
    case 'ConditionalExpression':
      return truth(evaluate(n.test, scope)) ? evaluate(n.consequent, scope) : evaluate(n.alternate, scope);
    default:
      throw new FilterError(`${n.type} is not part of Jira expressions`);
  }
}

function member(object: unknown, key: unknown): unknown {
  if (Array.isArray(object)) {
    if (key === 'length') return object.length;
    if (typeof key === 'number') return object[key] ?? null;
    throw new FilterError(`a list has no member ${String(key)}`);
  }
  if (typeof object === 'object' && object !== null && typeof key === 'string')
    return Object.hasOwn(object, key) ? Reflect.get(object, key) : null;
  throw new FilterError(`cannot read ${String(key)} of a ${typeof object}`);
}

function call(n: CallExpression, scope: Scope): unknown {
  const callee = n.callee;
  if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier')
    throw new FilterError('only list methods are called');
  const list = evaluate(callee.object, scope);
  if (list === SHORT_CIRCUIT) return SHORT_CIRCUIT;
  if (list === null || list === undefined) {
    if (callee.optional) return SHORT_CIRCUIT;
    throw new FilterError('a method of null was called without ?.');
  }
  if (!Array.isArray(list)) throw new FilterError('only list methods are called');
  const method = callee.property.name;
  const [arg] = n.arguments;
  if (n.arguments.length !== 1 || !arg || arg.type === 'SpreadElement') throw new FilterError(`${method} takes one`);
  if (method === 'includes') return list.some((x) => x === evaluate(arg, scope));
  const fn = lambda(arg, scope);
  if (method === 'some') return list.some((x) => truth(fn(x)));
  if (method === 'every') return list.every((x) => truth(fn(x)));
  if (method === 'map') return list.map(fn);
  if (method === 'filter') return list.filter((x) => truth(fn(x)));
  throw new FilterError(`lists have no method ${method} here`);
}

function lambda(n: AnyNode, scope: Scope): (x: unknown) => unknown {
  if (n.type !== 'ArrowFunctionExpression' || n.params.length !== 1 || n.params[0]?.type !== 'Identifier')
    throw new FilterError('a list method takes a lambda x => expression');
  const name = n.params[0].name;
  const body = n.body;
  if (body.type === 'BlockStatement') throw new FilterError('a lambda body is an expression');
  return (x) => evaluate(body, new Map([...scope, [name, x]]));
}

function binary(operator: string, left: unknown, right: unknown): unknown {
  if (operator === '==') return left === right;
  if (operator === '!=') return left !== right;
  if (['<', '>', '<=', '>='].includes(operator)) {
    if (typeof left !== 'number' || typeof right !== 'number') throw new FilterError('only numbers are ordered');
    return { '<': left < right, '>': left > right, '<=': left <= right, '>=': left >= right }[operator];
  }
  throw new FilterError(`unsupported operator ${operator}`);
}

/** Conditions take booleans: anything else is an error, never a guess. */
function truth(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new FilterError(`${JSON.stringify(value)} used as a condition`);
  return value;
}
