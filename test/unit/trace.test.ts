import { describe, expect, it } from 'vitest';
import { riskOf } from '../../src/domain/trace/item-risk';
import { inForce, withProjectDefaults } from '../../src/domain/record/project-defaults';
import { exampleRecord } from '../forge/support/records';

describe('riskOf: why an open item is at risk', () => {
  const today = '2026-12-10';
  it('is on track when done, or when nothing it waits on is late', () => {
    expect(riskOf({ due: '2026-12-01', done: true }, [], today)).toBeNull();
    expect(
      riskOf({ due: '2026-12-20', done: false }, [{ key: 'DEL-2', due: '2026-12-15', done: false }], today),
    ).toBeNull();
    expect(
      riskOf({ due: '2026-12-20', done: false }, [{ key: 'DEL-2', due: '2026-12-01', done: true }], today),
    ).toBeNull();
  });
  it('says why: its own date passed, or what it waits on is overdue or due after it', () => {
    expect(riskOf({ due: '2026-12-09', done: false }, [], today)).toBe('its due date 2026-12-09 has passed');
    expect(riskOf({ due: '2026-12-20', done: false }, [{ key: 'DEL-2', due: '2026-12-05', done: false }], today)).toBe(
      'DEL-2, which it waits on, was due 2026-12-05 and is still open',
    );
    expect(riskOf({ due: '2026-12-20', done: false }, [{ key: 'DEL-3', due: '2026-12-22', done: false }], today)).toBe(
      "DEL-3, which it waits on, is due 2026-12-22, after this item's 2026-12-20",
    );
  });
});

describe('project defaults: the record wins where it names one', () => {
  const defaults = { kickoffIssue: 'DEL-9', kickoffStatus: 'Kickoff', approvalOwner: 'sam.okafor@vendor.example' };
  it("fills in the project's kickoff pair and approval owner where the record names none", () => {
    const record = exampleRecord('acme-onboarding', { people: {} });
    expect(withProjectDefaults(record, defaults)).toMatchObject({
      automation: { kickoffIssue: 'DEL-9', kickoffStatus: 'Kickoff' },
      people: { 'approval-owner': 'sam.okafor@vendor.example' },
    });
  });
  it("keeps the record's own kickoff pair whole, never mixed with the project's", () => {
    const record = exampleRecord('acme-onboarding', { automation: { kickoffIssue: 'DEL-1', kickoffStatus: 'Go' } });
    expect(inForce(record, defaults)).toEqual({
      kickoffIssue: { value: 'DEL-1', from: 'record' },
      kickoffStatus: { value: 'Go', from: 'record' },
      approvalOwner: { value: 'priya.nair@vendor.example', from: 'record' },
    });
    expect(inForce(null, { kickoffIssue: null, kickoffStatus: null, approvalOwner: null }).kickoffIssue).toEqual({
      value: null,
      from: null,
    });
  });
});
