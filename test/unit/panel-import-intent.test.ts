import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importIntent } from '../../static/panel/src/record/import-intent';

const text = (name: string) => readFileSync(new URL(`../../examples/${name}.handoff.yaml`, import.meta.url), 'utf8');
const acme = text('acme-onboarding');
const westmere = text('westmere-council-referrals');
/** Westmere with one key misspelt: it reads as YAML, and says which record it is, but is not a valid record. */
const westmereTypo = westmere.replace(/^(\s+)owner:/m, '$1ownr:');
const acmeSaved = { id: 'acme-logistics-2026', title: 'Acme Logistics onboarding', provisioned: false };

describe('what an import will do, said before it is done', () => {
  it('saves into an empty project, and replaces (with undo) a record not provisioned', () => {
    expect(importIntent(westmere, null, 'DEL').kind).toBe('save');
    const replace = importIntent(westmere, acmeSaved, 'DEL');
    expect(replace.kind).toBe('replace');
    expect(replace.message).toContain('Undo');
  });

  it('makes a record with problems a draft to fix, saving nothing', () => {
    expect(westmereTypo).not.toBe(westmere);
    const draft = importIntent(westmereTypo, acmeSaved, 'DEL');
    expect(draft).toMatchObject({ kind: 'draft', action: 'Import as a draft' });
    expect(draft.message).toMatch(/^It has 1 problem:/);
  });

  it('makes a new version of a provisioned record a change to propose', () => {
    const saved = { ...acmeSaved, id: idOf(acme), provisioned: true };
    expect(importIntent(acme, saved, 'DEL').kind).toBe('propose');
  });

  it('refuses another record over a provisioned one — with problems or without', () => {
    const saved = { ...acmeSaved, id: idOf(acme), provisioned: true };
    for (const incoming of [westmere, westmereTypo]) {
      const refused = importIntent(incoming, saved, 'DEL');
      expect(refused.kind).toBe('refused');
      expect(refused.message).toContain('"Acme Logistics onboarding" is provisioned in DEL');
    }
  });
});

function idOf(yaml: string): string {
  const id = /^id: (.+)$/m.exec(yaml)?.[1];
  if (!id) throw new Error('the example names its id');
  return id.trim();
}
