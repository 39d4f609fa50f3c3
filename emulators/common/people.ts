import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** People as both emulators seed and add them: the example records' people, named from their e-mails. */

export type Person = { email: string; displayName: string };

/**
 * Every person the example records mention, so that a record provisions against the local
 * emulator with nobody missing. Any string value that is an e-mail counts (people, owners,
 * chasers, sign-offs, approvers, contacts); a contact's `name` beats a name made up from
 * the address.
 */
export function findExamplePeople(dir: string): Person[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((name) => name.endsWith('.handoff.yaml'))
      .sort();
  } catch {
    return [];
  }
  const names = new Map<string, string | undefined>();
  for (const file of files) collect(parse(readFileSync(join(dir, file), 'utf8')), names);
  return [...names].map(([email, name]) => ({ email, displayName: name ?? displayNameFor(email) }));
}

function collect(node: unknown, names: Map<string, string | undefined>): void {
  if (typeof node === 'string') {
    const email = node.trim().toLowerCase();
    if (isEmail(email) && !names.has(email)) names.set(email, undefined);
    return;
  }
  if (Array.isArray(node)) {
    for (const item of node) collect(item, names);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = Object.fromEntries(Object.entries(node));
  if (typeof record.email === 'string' && typeof record.name === 'string' && isEmail(record.email)) {
    names.set(record.email.trim().toLowerCase(), record.name.trim());
  }
  for (const value of Object.values(record)) collect(value, names);
}

export function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

/** `maria.lopez@vendor.example` → `Maria Lopez`. */
export function displayNameFor(email: string): string {
  const local = email.split('@')[0] ?? email;
  return (
    local
      .split(/[._+-]+/)
      .filter(Boolean)
      .map((word) => word[0]?.toUpperCase() + word.slice(1))
      .join(' ') || email
  );
}
