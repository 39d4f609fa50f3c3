import { describe, expect, it } from 'vitest';
import { richTextToAdf } from '../../../src/trackers/jira/adf';
import { bullets, heading, paragraph, text } from '../../../src/domain/rich-text';

const size = (value: unknown) => JSON.stringify(value).length;
const textOf = (value: unknown): string => JSON.stringify(value);

describe('attack F18: what Handoff writes in Jira stays within the 32,767 characters Jira holds', () => {
  it('a change request listing 2,000 tickets keeps as many as fit, and says how many are left out', () => {
    const items = Array.from({ length: 2_000 }, (_, i) => [text(`DEL-${i}: Changed due date of a promise ${i}`)]);
    const adf = richTextToAdf([heading('Changes'), bullets(items), paragraph(text('Approve it in Jira.'))]);
    expect(size(adf)).toBeLessThanOrEqual(32_767);
    const list = adf.content.find((b) => b.type === 'bulletList');
    const kept = list?.type === 'bulletList' ? list.content.length : 0;
    expect(kept).toBeGreaterThan(200);
    expect(textOf(adf)).toContain(`… and ${2_000 - kept} more, left out here: Jira holds 32,767 characters.`);
    expect(textOf(adf.content.at(-1))).toContain('Approve it in Jira.');
  });

  it('one paragraph longer than the limit is cut on whole characters, with the same sentence', () => {
    const adf = richTextToAdf([paragraph(text(`Rejected: ${'😀\n'.repeat(20_000)}`))]);
    expect(size(adf)).toBeLessThanOrEqual(32_767);
    expect(textOf(adf)).toContain('The rest of this text is left out here: Jira holds 32,767 characters.');
    expect(textOf(adf)).not.toMatch(/\\ud83d(?!\\ude00)/);
  });

  it('a document within the limit is left as it is', () => {
    const doc = [heading('Changes'), bullets([[text('one')], [text('two')]])];
    expect(textOf(richTextToAdf(doc))).not.toContain('left out');
  });
});
