import { events, view } from '@forge/bridge';
import { STEP_FIELDS, shownFrom, submission, type StepValues } from './step-form';

/**
 * Wires the form to Automation: every change is submitted at once (Automation keeps the state
 * only through `view.submit`, and enables its Next button on the first one), and Automation's
 * own Next sends AUTOMATION_ACTION_SUBMIT, answered with the same values.
 */
const inputs = new Map(STEP_FIELDS.map((field) => [field, document.querySelector<HTMLInputElement>(`#${field}`)]));
const current = (): StepValues =>
  submission({ projectKey: inputs.get('projectKey')?.value ?? '', issueKey: inputs.get('issueKey')?.value ?? '' });

// Light or dark as Jira shows it; without the host's mode the form stays light.
void view.theme.enable().catch(() => undefined);
const { values, errors } = shownFrom(await view.getContext());
for (const field of STEP_FIELDS) {
  const input = inputs.get(field);
  const error = document.querySelector<HTMLElement>(`#${field}-error`);
  if (!input || !error) continue;
  input.value = values[field];
  error.textContent = errors[field] ?? '';
  input.setAttribute('aria-invalid', String(Boolean(errors[field])));
  input.addEventListener('input', () => {
    error.textContent = '';
    input.setAttribute('aria-invalid', 'false');
    void view.submit(current());
  });
}
void events.on('AUTOMATION_ACTION_SUBMIT', () => view.submit(current()));
