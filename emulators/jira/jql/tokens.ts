import { jqlError } from './jql-error';

export type Token =
  | { kind: 'word' | 'string'; text: string; at: number }
  | { kind: 'operator'; text: '=' | '!=' | '<' | '>' | '<=' | '>=' | '~' | '!~'; at: number }
  | { kind: '(' | ')' | ','; text: string; at: number }
  | { kind: 'end'; text: ''; at: number };

const OPERATORS = ['!=', '<=', '>=', '!~', '=', '<', '>', '~'] as const;
/** Characters that end an unquoted word: JQL's punctuation and its reserved characters. */
const WORD = /[^\s()=!<>~,"']+/y;

/**
 * Splits JQL into words, quoted strings, operators and punctuation. A word keeps `[` `]`
 * and `.`, so `issue.property[handoff].recordId` is one token; keywords (AND, ORDER, …)
 * are words the parser recognises, so quoting one makes it a plain value.
 */
export function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const char = jql.charAt(i);
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char, text: char, at: i });
      i += 1;
    } else if (char === '"' || char === "'") {
      const { text, end } = readQuoted(jql, i);
      tokens.push({ kind: 'string', text, at: i });
      i = end;
    } else {
      const operator = OPERATORS.find((op) => jql.startsWith(op, i));
      if (operator) {
        tokens.push({ kind: 'operator', text: operator, at: i });
        i += operator.length;
        continue;
      }
      WORD.lastIndex = i;
      const word = WORD.exec(jql)?.[0];
      if (!word) {
        throw jqlError(
          `The character '${char}' is a reserved JQL character. You must enclose it in a string ` +
            `or use the escape '\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}' instead.`,
          i,
        );
      }
      tokens.push({ kind: 'word', text: word, at: i });
      i += word.length;
    }
  }
  tokens.push({ kind: 'end', text: '', at: jql.length });
  return tokens;
}

/** A quoted string with backslash escapes, or Jira's "has not been completed". */
function readQuoted(jql: string, start: number): { text: string; end: number } {
  const quote = jql.charAt(start);
  let text = '';
  for (let i = start + 1; i < jql.length; i += 1) {
    const char = jql.charAt(i);
    if (char === quote) return { text, end: i + 1 };
    if (char === '\\' && i + 1 < jql.length) {
      i += 1;
      const escaped = jql.charAt(i);
      text += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
    } else {
      text += char;
    }
  }
  throw jqlError(`The quoted string '${text}' has not been completed.`, start);
}
