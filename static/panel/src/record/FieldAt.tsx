import { fieldId, pathOf, type Segment } from '../field-path';
import { Field } from './Field';
import type { FormContext } from './form-context';
import { fieldInfo } from './schema-info';
import type { FieldSpec } from './sections';
import { valueAt } from './yaml-doc';

/** A field of the form at its place in the record, wired to the draft. */
export function FieldAt({ form, at, spec }: { form: FormContext; at: readonly Segment[]; spec: FieldSpec }) {
  const segments = [...at, ...spec.key.split('.')];
  const path = pathOf(segments);
  return (
    <Field
      key={fieldId(path)}
      path={path}
      spec={spec}
      info={fieldInfo(segments)}
      value={valueAt(form.doc, segments)}
      problems={form.problems.get(path) ?? []}
      blockers={form.blockers.get(path) ?? []}
      readOnly={form.readOnly}
      onChange={(value) => form.edit(segments, value)}
    />
  );
}
