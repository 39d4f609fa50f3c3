import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecord } from '../../src/domain/record/read-record';
import { evaluateGate } from '../../src/domain/gate/gate';
import { buildPlan } from '../../src/domain/plan/plan';
import type { LocalJira } from '../../emulators/jira/index';
import { createForgeApp, closeJira, startJira, type ForgeApp } from '../forge/support/forge-harness';
import { ATTACK_RECORDS } from './support/attack-records';
import { answer } from './support/resolvers';

/**
 * Attacks F8, F9, F18, F19 and F20: every record shape of the report, through the record reader
 * and through the Forge resolvers. A valid one gates and plans (no late "Invalid time value", no
 * crash); an invalid one is refused at a field or a line, and the resolvers say INVALID_RECORD,
 * never INTERNAL. The CLI runs the same shapes in test/emulators/cli-attack-records.test.ts.
 */
describe.each(ATTACK_RECORDS)('attack record: $name', ({ text, valid }) => {
  it(valid ? 'reads, gates and plans in both trackers' : 'is refused, every problem located', () => {
    const started = Date.now();
    const result = readRecord(text);
    expect(result.ok).toBe(valid);
    if (result.ok) {
      expect(() => evaluateGate(result.value, { today: '2026-12-01' })).not.toThrow();
      for (const target of ['jira', 'asana'] as const)
        expect(buildPlan(result.value, { target }).items.length).toBeGreaterThan(0);
    } else {
      for (const p of result.problems) expect(p.path !== '' || p.line !== undefined, JSON.stringify(p)).toBe(true);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('attack records through the Forge resolvers', () => {
  let jira: LocalJira;
  let app: ForgeApp;
  beforeAll(async () => {
    jira = await startJira();
    app = createForgeApp(jira);
  });
  afterAll(() => closeJira(jira));

  it.each(ATTACK_RECORDS)('$name: saved or refused as INVALID_RECORD, then gate and plan answer', async (shape) => {
    const saved = answer.parse(await app.call('saveRecord', { text: shape.text }));
    if (saved.ok) expect(shape.valid).toBe(true);
    else expect(saved.error.code).toBe('INVALID_RECORD');
    for (const name of ['gate', 'plan', 'coverage'] as const) {
      const response = answer.parse(await app.call(name, {}));
      if (!response.ok) expect(response.error.code).not.toBe('INTERNAL');
    }
  });
});
