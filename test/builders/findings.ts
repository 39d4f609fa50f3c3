import { expect } from 'vitest';
import { evaluateGate, type GateOptions, type GateResult } from '../../src/domain/gate/gate';
import type { Problem } from '../../src/domain/problem';
import { parse, TODAY } from './record';

/** Validates a built record (failing the test if invalid) and runs the gate at TODAY. */
export function gateOf(input: unknown, options: Partial<GateOptions> = {}): GateResult {
  return evaluateGate(parse(input), { today: TODAY, ...options });
}

export function pathsOf(problems: readonly Problem[]): string[] {
  return problems.map((p) => p.path);
}

/** The one finding at `path`; fails the test when there is none or more than one. */
export function onlyAt(problems: readonly Problem[], path: string): Problem {
  const found = problems.filter((p) => p.path === path);
  expect(found, `findings at ${path} among ${JSON.stringify(problems, null, 2)}`).toHaveLength(1);
  const [first] = found;
  if (!first) throw new Error('unreachable');
  return first;
}

/**
 * A message a person can act on: it is a sentence (starts with a letter or a quote, ends with
 * a full stop, question or exclamation mark) and names what it is about.
 */
export function expectSentenceNaming(message: string, ...names: string[]): void {
  expect(message).toMatch(/^["A-Za-z]/);
  expect(message).toMatch(/[.?!]$/);
  expect(message.split(' ').length).toBeGreaterThan(3);
  for (const name of names) expect(message).toContain(name);
}
