import { useCallback, useEffect, useMemo, useState } from 'react';
import { readRecord, validateRecord } from '../../../../src/domain/record/read-record';
import type { Problem } from '../../../../src/domain/problem';
import type { HandoffRecord } from '../../../../src/domain/record/record';
import type { ResolverError } from '../../../../src/forge/errors';
import type { HistoryEntry } from '../../../../src/forge/storage/storage';
import * as api from '../api';
import { dropDraft, keepDraft, loadDraft, type Draft } from '../draft-store';
import { withValue, yamlOf } from './yaml-doc';

type Signoffs = HandoffRecord['signoffs'];

type State = {
  loading: boolean;
  loadError: ResolverError | null;
  /** The draft: YAML text the form and the YAML editor both edit. */
  text: string;
  /** The text of the record as saved; the draft differs from it when there are unsaved changes. */
  baseline: string;
  saved: HandoffRecord | null;
  savedAt: string | null;
  history: HistoryEntry[];
  /** How many history entries the record has: `history` holds only the newest of them. */
  historyTotal: number;
  /** The draft found in this browser on load, if one was restored. */
  restored: Draft | null;
  saving: boolean;
  saveError: ResolverError | null;
  /** The saved record an import replaced, until the lead undoes it or saves again. */
  replaced: { text: string; title: string } | null;
};

const initial: State = {
  loading: true,
  loadError: null,
  text: '',
  baseline: '',
  saved: null,
  savedAt: null,
  history: [],
  historyTotal: 0,
  restored: null,
  saving: false,
  saveError: null,
  replaced: null,
};

/**
 * The project's record: loaded through `loadRecord`, edited as a draft that is kept in this
 * browser until it is saved, checked as the lead types (the same `readRecord` the resolvers
 * use, so problems carry the same paths, lines and columns), saved through `saveRecord`.
 */
export function useRecord(projectKey: string) {
  const [state, setState] = useState<State>(initial);
  const patch = (changes: Partial<State>) => setState((s) => ({ ...s, ...changes }));

  const applyLoaded = useCallback(
    (result: Awaited<ReturnType<typeof api.loadRecord>>) => {
      if (!result.ok) {
        setState((s) => ({ ...s, loading: false, loadError: result.error }));
        return;
      }
      const { record, savedAt, history, historyTotal } = result.value;
      const baseline = record === null ? '' : yamlOf(record);
      const valid = record === null ? null : validateRecord(record);
      const draft = loadDraft(projectKey);
      // A draft that says what the stored record now says (a change proposed from it was applied) is no draft.
      const restored = draft && draft.text !== baseline && !sameRecord(draft.text, baseline) ? draft : null;
      setState((s) => ({
        ...s,
        loading: false,
        baseline,
        text: restored?.text ?? baseline,
        saved: valid?.ok ? valid.value : null,
        savedAt,
        history,
        historyTotal,
        restored,
      }));
    },
    [projectKey],
  );

  useEffect(() => {
    void api.loadRecord().then(applyLoaded);
  }, [applyLoaded]);

  const dirty = !state.loading && state.text !== state.baseline;
  useEffect(() => {
    if (state.loading) return;
    if (dirty) keepDraft(projectKey, { text: state.text, at: new Date().toISOString(), baseSavedAt: state.savedAt });
    else dropDraft(projectKey);
  }, [projectKey, dirty, state.loading, state.text, state.savedAt]);

  // One read a keystroke: the draft's problems, or the draft as a record the live gate checks.
  const read = useMemo(() => (state.text.trim() === '' ? null : readRecord(state.text)), [state.text]);
  const problems: Problem[] = read && !read.ok ? read.problems : [];
  const draft: HandoffRecord | null = read?.ok ? read.value : null;

  const save = useCallback(async (text: string, replaced: State['replaced'] = null): Promise<boolean> => {
    patch({ saving: true, saveError: null, text });
    const result = await api.saveRecord({ text });
    if (!result.ok) {
      patch({ saving: false, saveError: result.error });
      return false;
    }
    setState((s) => ({
      ...s,
      saving: false,
      baseline: text,
      saved: result.value.record,
      savedAt: result.value.history.at,
      history: [...s.history, result.value.history],
      historyTotal: s.historyTotal + 1,
      restored: null,
      replaced,
    }));
    return true;
  }, []);

  return {
    ...state,
    dirty,
    problems,
    draft,
    setText: (text: string) => patch({ text }),
    /** A change computed from the latest draft, so quick successive edits never undo one another. */
    editText: (change: (text: string) => string) => setState((s) => ({ ...s, text: change(s.text) })),
    save: () => save(state.text),
    /**
     * Replaces the draft with an imported file and saves it: what the lead imports becomes the
     * project's record. The record it replaced is kept for `undoImport`.
     */
    importText: (text: string) =>
      save(text, state.saved && state.baseline ? { text: state.baseline, title: state.saved.title } : null),
    /** An import that is not saved as it is: it becomes the draft (a change to propose, or problems to fix). */
    draftText: (text: string) => patch({ text, replaced: null }),
    /** Saves back the record an import replaced. */
    undoImport: () => (state.replaced ? save(state.replaced.text) : Promise.resolve(false)),
    dismissReplaced: () => patch({ replaced: null }),
    /** Saves first when there are unsaved changes: sign-off and provisioning act on the saved record. */
    ensureSaved: () => (dirty ? save(state.text) : Promise.resolve(true)),
    discard: () => patch({ text: state.baseline, restored: null, saveError: null }),
    dismissRestored: () => patch({ restored: null }),
    /** After an applied change the server's record is the proposed one: the draft that proposed it is done with. */
    reloadSaved: async () => {
      dropDraft(projectKey);
      patch({ saveError: null });
      applyLoaded(await api.loadRecord());
    },
    /** After a sign-off the server's record has it: the draft and the saved text take it too, comments kept. */
    applySignoffs: (signoffs: Signoffs, entry: HistoryEntry) =>
      setState((s) => {
        const text = withValue(s.text, ['signoffs'], signoffs);
        return {
          ...s,
          text,
          baseline: text,
          saved: s.saved && { ...s.saved, signoffs },
          savedAt: entry.at,
          history: [...s.history, entry],
          historyTotal: s.historyTotal + 1,
        };
      }),
  };
}

export type RecordModel = ReturnType<typeof useRecord>;

/** Whether a draft's text reads as the record `baseline` is the text of, however it is written. */
function sameRecord(text: string, baseline: string): boolean {
  const read = readRecord(text);
  return read.ok && yamlOf(read.value) === baseline;
}
