import { describe, expect, it } from 'vitest';
import { descriptionToAdf } from '../../../src/trackers/jira/adf';

describe('descriptionToAdf', () => {
  it('renders detail, the source link, the facts and the handoff it belongs to', () => {
    const doc = descriptionToAdf({
      detail: 'Customer security requires SSO.',
      source: { label: 'call-recording · at 00:41:10', url: 'https://calls.example.com/acme/2' },
      facts: [{ label: 'Milestone', value: 'pilot' }],
      handoff: { recordId: 'acme', title: 'Acme onboarding' },
    });
    expect(doc.type).toBe('doc');
    expect(doc.content[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'Customer security requires SSO.' }],
    });
    expect(JSON.stringify(doc.content[1])).toContain('"href":"https://calls.example.com/acme/2"');
    expect(doc.content[2]?.type).toBe('bulletList');
    expect(JSON.stringify(doc.content.at(-1))).toContain('Acme onboarding');
  });

  it('keeps HTML and script as inert text', () => {
    const doc = descriptionToAdf({
      detail: '<script>alert(1)</script><b>x</b>',
      source: null,
      facts: [],
      handoff: { recordId: 'r', title: 't' },
    });
    expect(doc.content[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: '<script>alert(1)</script><b>x</b>' }],
    });
  });
});
