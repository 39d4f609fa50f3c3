import { describe, expect, it } from 'vitest';
import { shownFrom, submission } from '../../static/automation-config/src/step-form';

/**
 * The Automation steps' form, as Forge's "Action configuration" page describes its context:
 * the saved inputs under `extension.data.inputs`, Automation's findings under
 * `extension.errors.invalidInputs.<field>.message`.
 */
describe('Forge Automation rule validation (only declared inputs, every one): the steps’ form', () => {
  it('shows the saved inputs and what Automation found invalid, and nothing else from the context', () => {
    const context = {
      moduleKey: 'check-handoff-readiness',
      extension: {
        type: 'action',
        data: { inputs: { projectKey: '{{project.key}}', other: 'x' } },
        errors: { invalidInputs: { issueKey: { message: 'issueKey is not a string' } } },
      },
    };
    expect(shownFrom(context)).toEqual({
      values: { projectKey: '{{project.key}}', issueKey: '' },
      errors: { issueKey: 'issueKey is not a string' },
    });
  });

  it('a new step (no saved inputs, no errors) shows empty fields', () => {
    expect(shownFrom({ extension: { type: 'action' } })).toEqual({
      values: { projectKey: '', issueKey: '' },
      errors: {},
    });
    expect(shownFrom(null)).toEqual({ values: { projectKey: '', issueKey: '' }, errors: {} });
  });

  it('submits both declared inputs, trimmed, even when one is empty', () => {
    expect(submission({ projectKey: ' DEL ', issueKey: '' })).toEqual({ projectKey: 'DEL', issueKey: '' });
    expect(submission({ projectKey: '', issueKey: '{{issue.key}}' })).toEqual({
      projectKey: '',
      issueKey: '{{issue.key}}',
    });
  });
});
