/** The labels Handoff's change control writes, so a person can filter on them in Jira. */
export const DESCOPED_LABEL = 'descoped';
export const CHANGE_REQUEST_LABEL = 'change-request';

/** A JQL string literal. */
export function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
