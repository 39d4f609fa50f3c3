import { readRecord } from '../../../../src/domain/record/read-record';
import { replaceRefusal } from '../../../../src/domain/record/replace-refusal';
import { counted } from '../../../../src/domain/words';
import { parseDoc, valueAt } from './yaml-doc';

export type SavedRecord = { id: string; title: string; provisioned: boolean };

/**
 * What importing `text` would do to the saved record, said before it is done:
 * - `save`: nothing is saved yet, the import becomes the record;
 * - `replace`: it replaces the saved record, which Undo brings back;
 * - `propose`: the record is provisioned, so a new version of it is a change to propose;
 * - `draft`: it does not read as a valid record yet, so it becomes a draft to fix before saving;
 * - `refused`: another record cannot replace a provisioned one (the server refuses it too).
 */
export type ImportIntent = {
  kind: 'save' | 'replace' | 'propose' | 'draft' | 'refused';
  action: string;
  message: string | null;
};

export function importIntent(text: string, saved: SavedRecord | null, projectKey: string): ImportIntent {
  if (text.trim() === '') return { kind: 'save', action: 'Import and save', message: null };
  const read = readRecord(text);
  // Even a record with problems says which record it is: another one never becomes a provisioned record's draft.
  const incoming = read.ok ? read.value : named(text);
  if (saved?.provisioned && incoming.id !== undefined && incoming.id !== saved.id)
    return {
      kind: 'refused',
      action: 'Import and save',
      message: replaceRefusal(saved.title, incoming.title ?? incoming.id, projectKey),
    };
  if (!read.ok)
    return {
      kind: 'draft',
      action: 'Import as a draft',
      message:
        `It has ${counted(read.problems.length, 'problem')}: it becomes your draft, ` +
        'each problem shown at its field, and nothing is saved until they are fixed.',
    };
  if (!saved) return { kind: 'save', action: 'Import and save', message: null };
  if (saved.provisioned)
    return {
      kind: 'propose',
      action: 'Import as a change',
      message:
        `"${saved.title}" is provisioned: the import becomes your draft, ` +
        'and Propose change sends it for approval.',
    };
  return {
    kind: 'replace',
    action: 'Replace and save',
    message: `This replaces the saved "${saved.title}". Undo, shown after the import, brings it back.`,
  };
}

/** The id and title a record with problems still gives, where they read as text. */
function named(text: string): { id?: string; title?: string } {
  const doc = parseDoc(text);
  const [id, title] = [valueAt(doc, ['id']), valueAt(doc, ['title'])];
  return { ...(typeof id === 'string' ? { id } : {}), ...(typeof title === 'string' ? { title } : {}) };
}
