import type { HandoffRecord } from './record';
import { isFilled, readPath } from '../field-path';

/** One checklist item of a scenario: where it lives in the record and what to do when it is missing. */
export type Requirement = { path: string; message: string; met: (record: HandoffRecord) => boolean };

/** A field that must be present and not empty. */
export function field(path: string, message: string): Requirement {
  return { path, message, met: (record) => isFilled(readPath(record, path)) };
}

/** A list whose presence — even empty — says the question was asked ("no risks" is an answer). */
export function listed(path: string, message: string): Requirement {
  return { path, message, met: (record) => Array.isArray(readPath(record, path)) };
}

/** A customer contact holding a role (the seeds' stakeholder list). */
export function contactWithRole(role: string, message: string): Requirement {
  return {
    path: 'customer.contacts',
    message,
    met: (record) => (record.customer.contacts ?? []).some((c) => c.roles.some((r) => r === role)),
  };
}

export function atLeast(path: string, count: number, message: string): Requirement {
  return {
    path,
    message,
    met: (record) => {
      const v = readPath(record, path);
      return Array.isArray(v) && v.length >= count;
    },
  };
}

export function atMost(path: string, count: number, message: string): Requirement {
  return {
    path,
    message,
    met: (record) => {
      const v = readPath(record, path);
      return !Array.isArray(v) || v.length <= count;
    },
  };
}
