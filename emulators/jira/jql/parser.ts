import { badRequest } from '../jira-error';
import { VALID_OPERATORS, jqlError } from './jql-error';
import { tokenize, type Token } from './tokens';

export type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';
export type Operand = { kind: 'value'; text: string; quoted: boolean } | { kind: 'function'; name: string; at: number };
export type Clause = { kind: 'clause'; field: string; at: number; operator: Operator; operands: Operand[] };
export type Expression = Clause | { kind: 'and' | 'or'; parts: Expression[] } | { kind: 'not'; inner: Expression };
export type SortKey = { field: string; at: number; direction: 'asc' | 'desc' };
export type Query = { where?: Expression; orderBy: SortKey[] };

/**
 * A recursive-descent parser for JQL's grammar:
 *
 *   query   := or? ('ORDER' 'BY' sort (',' sort)*)?
 *   or      := and ('OR' and)*
 *   and     := unary ('AND' unary)*
 *   unary   := 'NOT' unary | '(' or ')' | clause
 *   clause  := field operator operand
 *   operand := value | function '(' ')' | '(' value (',' value)* ')'
 *
 * It knows nothing of fields: which ones exist is decided when the query is evaluated.
 */
export function parseJql(jql: string): Query {
  const tokens = tokenize(jql);
  let position = 0;
  const peek = (): Token => tokens[position] ?? tokens[tokens.length - 1] ?? { kind: 'end', text: '', at: jql.length };
  const take = (): Token => {
    const token = peek();
    if (token.kind !== 'end') position += 1;
    return token;
  };
  const isWord = (token: Token, word: string) => token.kind === 'word' && token.text.toUpperCase() === word;
  const describe = (token: Token, expected: string) =>
    token.kind === 'end'
      ? jqlError(`Expecting ${expected} before the end of the query.`)
      : jqlError(`Expecting ${expected} but got '${token.text}'.`, token.at);

  function or(): Expression {
    const parts = [and()];
    while (isWord(peek(), 'OR')) {
      take();
      parts.push(and());
    }
    return parts.length === 1 && parts[0] ? parts[0] : { kind: 'or', parts };
  }
  function and(): Expression {
    const parts = [unary()];
    while (isWord(peek(), 'AND')) {
      take();
      parts.push(unary());
    }
    return parts.length === 1 && parts[0] ? parts[0] : { kind: 'and', parts };
  }
  function unary(): Expression {
    const token = peek();
    if (isWord(token, 'NOT')) {
      take();
      return { kind: 'not', inner: unary() };
    }
    if (token.kind === '(') {
      take();
      const inner = or();
      if (peek().kind !== ')') throw describe(peek(), "')'");
      take();
      return inner;
    }
    return clause();
  }
  function clause(): Clause {
    const field = take();
    if (field.kind !== 'word' && field.kind !== 'string') {
      throw field.kind === 'end'
        ? jqlError('Expecting a field name at the end of the query.')
        : describe(field, 'a field name');
    }
    const operator = readOperator();
    return { kind: 'clause', field: field.text, at: field.at, operator, operands: readOperands(operator) };
  }
  function readOperator(): Operator {
    const token = take();
    if (token.kind === 'operator') return token.text;
    if (isWord(token, 'IN')) return 'in';
    if (isWord(token, 'NOT') && isWord(peek(), 'IN')) {
      take();
      return 'not in';
    }
    if (isWord(token, 'IS')) {
      if (!isWord(peek(), 'NOT')) return 'is';
      take();
      return 'is not';
    }
    throw token.kind === 'end'
      ? jqlError(`Expecting operator before the end of the query. ${VALID_OPERATORS}`)
      : jqlError(`Expecting operator but got '${token.text}'. ${VALID_OPERATORS}`, token.at);
  }
  function readOperands(operator: Operator): Operand[] {
    if (peek().kind !== '(' || (operator !== 'in' && operator !== 'not in')) return [value()];
    take();
    const list = [value()];
    while (peek().kind === ',') {
      take();
      list.push(value());
    }
    if (peek().kind !== ')') throw describe(peek(), "')'");
    take();
    return list;
  }
  function value(): Operand {
    const token = take();
    if (token.kind === 'string') return { kind: 'value', text: token.text, quoted: true };
    if (token.kind === 'word') {
      if (peek().kind !== '(') return { kind: 'value', text: token.text, quoted: false };
      take();
      if (peek().kind !== ')') throw describe(peek(), "')'");
      take();
      return { kind: 'function', name: token.text, at: token.at };
    }
    // Jira drops "the" from this one sentence.
    if (token.kind === 'end')
      throw badRequest('Error in JQL Query: Expecting either a value, list or function before the end of the query.');
    throw jqlError(`Expecting either a value, list or function but got '${token.text}'.`, token.at);
  }
  function orderBy(): SortKey[] {
    take();
    const by = take();
    if (!isWord(by, 'BY')) throw describe(by, "'BY'");
    const keys: SortKey[] = [];
    do {
      if (keys.length > 0) take();
      const field = take();
      if (field.kind !== 'word' && field.kind !== 'string') throw describe(field, 'a field name');
      const direction = isWord(peek(), 'DESC') ? 'desc' : 'asc';
      if (isWord(peek(), 'ASC') || isWord(peek(), 'DESC')) take();
      keys.push({ field: field.text, at: field.at, direction });
    } while (peek().kind === ',');
    return keys;
  }

  const where = peek().kind === 'end' || isWord(peek(), 'ORDER') ? undefined : or();
  const sort = isWord(peek(), 'ORDER') ? orderBy() : [];
  const rest = peek();
  if (rest.kind !== 'end') throw jqlError(`Expecting either 'OR' or 'AND' but got '${rest.text}'.`, rest.at);
  return { where, orderBy: sort };
}
