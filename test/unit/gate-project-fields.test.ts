import { describe, expect, it } from 'vitest';
import { evaluateGate, type FieldRefusal } from '../../src/domain/gate/gate';
import { aRecord, aRisk, parse, TODAY } from '../builders/record';

const refusal = (over: Partial<FieldRefusal>): FieldRefusal => ({
  scope: 'items',
  reason: 'not-settable',
  field: 'due',
  message: 'the project says no',
  ...over,
});

/** The gate with what the tracker's preflight found, each refusal a blocker at the field that needs it. */
describe('gate: what the target project refuses', () => {
  const record = parse(aRecord());
  const gate = (refusals: FieldRefusal[], input: unknown = aRecord()) =>
    evaluateGate(parse(input), { today: TODAY, refusals });

  it('goes when the project refuses nothing', () => {
    expect(evaluateGate(record, { today: TODAY, refusals: [] }).decision).toBe('go');
  });

  it('puts a field the screen lacks at the first item that sends it, with the tracker’s sentence', () => {
    const result = gate([refusal({}), refusal({ scope: 'parent' }), refusal({ field: 'assignee' })]);
    expect(result.decision).toBe('not-yet');
    expect(result.blockers).toEqual([
      { path: 'dependencies[0].due', message: 'the project says no' },
      { path: 'timeline.goLive', message: 'the project says no' },
      { path: 'people.comms-owner', message: 'the project says no' },
    ]);
  });

  it('puts a required field the plan leaves empty at the first item without it', () => {
    const result = gate([refusal({ reason: 'required' })], aRecord({ risks: [aRisk({ due: undefined })] }));
    // (the gate's own date rule blocks there too)
    expect(result.blockers.filter((b) => b.message === 'the project says no').map((b) => b.path)).toEqual([
      'risks[0].due',
    ]);
  });

  it('puts a field Handoff never fills, or a missing issue type, at the first item of its scope', () => {
    const result = gate([
      refusal({ scope: 'parent', reason: 'required', field: null }),
      refusal({ scope: 'items', reason: 'unavailable', field: null }),
    ]);
    expect(result.blockers.map((b) => b.path)).toEqual(['title', 'dependencies[0]']);
  });

  it('puts a refusal the tracker located itself (Asana: too many dependencies) at the path it gives', () => {
    const result = gate([refusal({ field: null, path: 'dependencies[0].blocks' })]);
    expect(result.blockers).toEqual([{ path: 'dependencies[0].blocks', message: 'the project says no' }]);
  });
});
