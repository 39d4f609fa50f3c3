import { describe, expect, it } from 'vitest';
import { itemUrlOf } from '../../static/panel/src/target/item-url';

describe("the panel's links to an item's issue or task", () => {
  const asana = 'https://app.asana.com/0/0/';
  it('opens a Jira issue on the site, whatever the item', () => {
    expect(itemUrlOf(null, 'https://acme.atlassian.net', 'DEL-1', 'acme/parent/acme')).toBe(
      'https://acme.atlassian.net/browse/DEL-1',
    );
  });
  it('opens an Asana task at /0/0/<gid>, and the parent item — the record’s project — at /0/<gid>/list', () => {
    expect(itemUrlOf(asana, '', '1200', 'acme/promise/sso')).toBe('https://app.asana.com/0/0/1200');
    expect(itemUrlOf(asana, '', '1200')).toBe('https://app.asana.com/0/0/1200');
    expect(itemUrlOf(asana, '', '1100', 'acme/parent/acme')).toBe('https://app.asana.com/0/1100/list');
    expect(itemUrlOf('http://127.0.0.1:8789/0/0/', '', '1100', 'acme/parent/acme')).toBe(
      'http://127.0.0.1:8789/0/1100/list',
    );
  });
});
