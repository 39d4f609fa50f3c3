/**
 * The configuration form of the two Automation steps (manifest `config.resource`), without the
 * browser: what the form shows from Automation's context, and what it hands back with
 * `view.submit`. Automation saves a rule only when the submitted configuration has exactly the
 * inputs the manifest declares (Forge "Rule validation"), so both are always sent, empty or not;
 * the step itself treats an empty one as not given (src/forge/automation/project-input.ts).
 */
export const STEP_FIELDS = ['projectKey', 'issueKey'] as const;
export type StepField = (typeof STEP_FIELDS)[number];
export type StepValues = Record<StepField, string>;

type Shown = { values: StepValues; errors: Partial<Record<StepField, string>> };

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value)) : {};

/**
 * The saved inputs (`extension.data.inputs`) and what Automation found invalid in them
 * (`extension.errors.invalidInputs.<field>.message`), read from the context as the Forge page
 * shows them; anything else there is ignored.
 */
export function shownFrom(context: unknown): Shown {
  const extension = record(record(context).extension);
  const inputs = record(record(extension.data).inputs);
  const invalid = record(record(extension.errors).invalidInputs);
  const values = { projectKey: '', issueKey: '' };
  const errors: Shown['errors'] = {};
  for (const field of STEP_FIELDS) {
    const value = inputs[field];
    values[field] = typeof value === 'string' ? value : '';
    const message = record(invalid[field]).message;
    if (typeof message === 'string') errors[field] = message;
  }
  return { values, errors };
}

/** What the form submits: every declared input, trimmed, a smart value such as {{issue.key}} as typed. */
export function submission(values: StepValues): StepValues {
  return { projectKey: values.projectKey.trim(), issueKey: values.issueKey.trim() };
}
