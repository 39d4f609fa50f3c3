/**
 * The forms Asana shows for Handoff (App Components' `form_metadata_v0`): the rule action's
 * configuration form and the modal form behind a task's "Provision handoff…" entry point.
 * Asana draws them and calls back: typeahead for the record, on_change when a watched field
 * changes, on_submit when the person saves.
 */

/** Field ids, which are also the keys of the `values` Asana sends back. */
export const FIELD = { record: 'record', team: 'team', yaml: 'record_yaml' } as const;

/** App Components caps a multi-line text value at 3,000 characters: a longer record goes in with add-record. */
export const PASTE_LIMIT = 3000;

/** Values as the person left them, and an error to show under a field. */
export type FormState = { record?: { title: string; value: string }; team?: string; error?: string };

type Urls = { base: string };

const recordField = (urls: Urls, state: FormState, required: boolean) => ({
  type: 'typeahead',
  id: FIELD.record,
  name: 'Handoff record',
  is_required: required,
  is_watched: true,
  typeahead_url: `${urls.base}/typeahead/records`,
  ...(state.record ? { value: state.record } : {}),
  ...(state.error ? { error: state.error } : {}),
});

const teamField = (state: FormState) => ({
  type: 'single_line_text',
  id: FIELD.team,
  name: 'Asana team gid (an organization needs one)',
  placeholder: 'e.g. 1200000000000004; empty: the app server’s default team',
  ...(state.team ? { value: state.team } : {}),
});

/** The rule action "Provision handoff": which stored record, into which team. */
export function ruleForm(urls: Urls, state: FormState = {}) {
  return {
    template: 'form_metadata_v0',
    metadata: {
      title: 'Provision handoff',
      fields: [recordField(urls, state, true), teamField(state)],
      submit_button_text: 'Save action',
      on_change_callback: `${urls.base}/rule/on_change`,
      on_submit_callback: `${urls.base}/rule/on_submit`,
    },
  };
}

/** The modal form: pick a stored record, or paste a short one; its outcome is commented on this task. */
export function modalForm(urls: Urls, state: FormState = {}) {
  return {
    template: 'form_metadata_v0',
    metadata: {
      title: 'Provision handoff',
      fields: [
        {
          type: 'static_text',
          id: 'about',
          name: 'Creates the record’s tasks; the outcome is commented here.',
        },
        recordField(urls, state, false),
        {
          type: 'multi_line_text',
          id: FIELD.yaml,
          name: '…or paste a record (YAML)',
          placeholder: `At most ${PASTE_LIMIT.toLocaleString('en')} characters; longer: handoff asana-app add-record`,
        },
        teamField(state),
      ],
      submit_button_text: 'Provision',
      on_change_callback: `${urls.base}/form/on_change`,
      on_submit_callback: `${urls.base}/form/on_submit`,
    },
  };
}

/** A field's value in Asana's `values`: a string, or a typeahead item's `value`. */
export function valueOf(values: unknown, id: string): string | undefined {
  if (typeof values !== 'object' || values === null || !(id in values)) return undefined;
  const value: unknown = Object.entries(values).find(([key]) => key === id)?.[1];
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'object' && value !== null && 'value' in value && typeof value.value === 'string')
    return value.value.trim() || undefined;
  return undefined;
}
