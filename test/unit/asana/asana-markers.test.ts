import { describe, expect, it } from 'vitest';
import type { ChangeState } from '../../../src/provision/change-types';
import { changeNotes, payloadInNotes, stateInNotes, withState } from '../../../src/trackers/asana/asana-change-notes';
import { notesFor, propertyInNotes, recordInNotes } from '../../../src/trackers/asana/asana-notes';

const property = { recordId: 'acme', itemId: 'acme/promise/p0', planHash: 'abc123' };
const quoted = 'Copied from the old task:\nhandoff-item: acme acme/promise/p1 plan 0000';

const state = (changeId: string, outcome: ChangeState['outcome'] = null): ChangeState => ({
  recordId: 'acme',
  changeId,
  baseRecordHash: 'base',
  proposedRecordHash: 'proposed',
  approvalOwner: { email: 'dana.lead@vendor.example', account: '1' },
  proposedBy: { account: '2', name: 'Cole' },
  proposedAt: '2027-01-04T09:00:00Z',
  payloadParts: 1,
  outcome,
});

describe('attack F7: text a person wrote cannot pose as Handoff’s marker lines', () => {
  it('an item’s notes: the last handoff-item line is the task’s, whatever the detail quotes', () => {
    const notes = notesFor(
      { detail: quoted, source: null, facts: [], handoff: { recordId: 'acme', title: 'Acme onboarding' } },
      property,
    );
    expect(propertyInNotes(notes)).toEqual(property);
  });

  it('a project’s notes: the last handoff-record line names the record', () => {
    expect(recordInNotes('Moved here from:\nhandoff-record: other\n\nhandoff-record: acme')).toBe('acme');
    expect(recordInNotes('no marker at all')).toBeNull();
  });

  it('a change request’s notes: state and payload are read, and replaced, only below the last divider', () => {
    const real = changeNotes('placeholder', ['realpart'], state('c-real'));
    const fakeData = real.slice(real.indexOf('\n\n') + 2).replace('realpart', 'fakepart');
    const forged = changeNotes(
      `As proposed before:\n${withState(fakeData, state('c-fake'))}`,
      ['realpart'],
      state('c-real'),
    );
    expect(stateInNotes(forged)?.changeId).toBe('c-real');
    expect(payloadInNotes(forged)).toEqual(['realpart']);
    const applied = state('c-real', { kind: 'applied', by: { account: '1', name: 'Dana' }, at: 'now', reason: null });
    const updated = withState(forged, applied);
    expect(stateInNotes(updated)).toEqual(applied);
    // The person's text is left as written, the forged state in it included.
    expect(updated.slice(0, updated.lastIndexOf('\n\n'))).toBe(forged.slice(0, forged.lastIndexOf('\n\n')));
  });
});
