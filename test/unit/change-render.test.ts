import { describe, expect, it } from 'vitest';
import { changeHeadline, renderChange } from '../../src/domain/change/change-render';
import { diffRecords } from '../../src/domain/change/diff';
import { toMarkdown, toPlainText } from '../../src/domain/rich-text';
import { transferItemComment, transferSummaryComment, transitionNote } from '../../src/domain/change/transition-note';
import { aPromise, aRecord, aRisk, aTransfer, EMAIL, parse } from '../builders/record';

const OPTIONS = { target: 'jira', today: '2026-12-01' } as const;
const base = parse(aRecord({ promises: [aPromise(), aPromise({ id: 'import', title: 'Import history' })] }));
const proposed = parse(
  aRecord({ promises: [aPromise({ due: 'kickoff+12bd' }), aPromise({ id: 'reports', title: 'Weekly reports' })] }),
);
const change = diffRecords(base, proposed, OPTIONS);

describe('renderChange', () => {
  it('says who proposed it, who approves and how, then every ticket added, descoped and changed', () => {
    const markdown = toMarkdown(
      renderChange(change, {
        proposedBy: 'Maria Lopez',
        approvalOwner: EMAIL.escalation,
        tracker: 'jira',
        ticketOf: (itemId) =>
          itemId.endsWith('/import') ? { key: 'DEL-7', url: 'https://x.atlassian.net/browse/DEL-7' } : undefined,
      }),
    );
    expect(markdown).toContain(
      `by Maria Lopez. Nothing changes until ${EMAIL.escalation} (approval owner) approves: ` +
        'move this issue to Done / Approved, or approve it in Handoff.',
    );
    expect(markdown).toContain('## Added\n\n- **Weekly reports** — maria.lopez@vendor.example, due 2027-01-04');
    expect(markdown).toContain(
      '## Descoped (labelled, never deleted)\n\n- ' +
        '[DEL-7](https://x.atlassian.net/browse/DEL-7) Import history — no longer in the record',
    );
    expect(markdown).toContain('- SSO with Azure AD before the pilot: due 2027-01-04 → 2027-01-06');
    expect(markdown).toContain('Record fields changed: promises.');
  });

  it('counts the change in one headline, for the ticket summary', () => {
    expect(changeHeadline(change)).toBe(
      'Change request: Globex fleet tracking rollout (1 added, 1 descoped, 1 changed)',
    );
    expect(
      changeHeadline(
        diffRecords(
          base,
          parse(
            aRecord({
              promises: [aPromise(), aPromise({ id: 'import', title: 'Import history' })],
              outcome: { why: 'x' },
            }),
          ),
          OPTIONS,
        ),
      ),
    ).toBe('Change request: Globex fleet tracking rollout (record only)');
  });

  it('escapes Markdown in what people wrote and keeps links in plain text', () => {
    const doc = [
      { type: 'paragraph' as const, content: [{ text: 'a_b *c* [d]' }, { text: ' DEL-1', href: 'https://x/DEL-1' }] },
    ];
    expect(toMarkdown(doc)).toBe('a\\_b \\*c\\* \\[d\\][ DEL-1](https://x/DEL-1)\n');
    expect(toPlainText(doc)).toBe('a_b *c* [d] DEL-1 (https://x/DEL-1)');
  });
});

describe('transition notes', () => {
  const transfer = { from: 'old.owner@vendor.example', to: EMAIL.delivery };

  it("uses the record's own note when it is about this hand-over", () => {
    const record = parse(aRecord({ transfer: aTransfer({ relationshipContext: 'Prefers written updates.' }) }));
    const note = toPlainText(transitionNote(record, transfer));
    expect(note).toContain('Open risks: the holiday freeze.');
    expect(note).toContain('Relationship context: Prefers written updates.');
  });

  it('otherwise writes one from the record: risks, next actions, who to ask', () => {
    const record = parse(aRecord({ risks: [aRisk()] }));
    const note = toPlainText(transitionNote(record, transfer));
    expect(note).toContain(`old.owner@vendor.example hands "Globex fleet tracking rollout" over to ${EMAIL.delivery}`);
    expect(note).toMatch(/RISKS\n\n• high: Peak-season freeze may push go-live — Pilot before the holiday freeze/);
    expect(note).toMatch(/NEXT ACTIONS\n\n• 2026-12-09: Question: Which depot pilots first\?/);
    expect(note).toContain(`escalation: ${EMAIL.escalation}`);
    expect(note).toContain('Tom Berger <tom.berger@globex.example> (day-to-day-owner, technical-owner)');
  });

  it('says on each ticket and once on the parent what moved', () => {
    const note = [{ type: 'paragraph' as const, content: [{ text: 'The note.' }] }];
    expect(toPlainText(transferItemComment(transfer, note))).toBe(
      `Owner transfer: this moved from old.owner@vendor.example to ${EMAIL.delivery}.\n\nThe note.`,
    );
    const moved = [{ key: 'DEL-2', url: 'https://x/DEL-2', summary: 'SSO' }];
    const summary = toMarkdown(transferSummaryComment('jira', transfer, moved, note, '[marker]'));
    expect(summary).toContain('1 open issue moved from old.owner@vendor.example');
    expect(summary).toContain('- [DEL-2](https://x/DEL-2) SSO');
    expect(toMarkdown(transferSummaryComment('asana', transfer, moved, note, '[m]'))).toContain('1 open task moved');
    expect(toPlainText(transferSummaryComment('jira', transfer, [], note, '[marker]')).endsWith('\n\n[marker]')).toBe(
      true,
    );
  });

  it('tells the approval owner how to approve in the tracker the change request is in', () => {
    const context = { proposedBy: 'Maria Lopez', approvalOwner: EMAIL.escalation };
    expect(toMarkdown(renderChange(change, { ...context, tracker: 'asana' }))).toContain(
      'approves: mark this task complete, or approve it in Handoff.',
    );
  });
});
