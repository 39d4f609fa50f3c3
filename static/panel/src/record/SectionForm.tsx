import { pathOf, type Segment } from '../field-path';
import { Message } from '../ui/Message';
import { ProblemList } from '../ui/ProblemList';
import { FieldAt } from './FieldAt';
import type { FormContext } from './form-context';
import type { ListContext } from './list-context';
import { ListEditor } from './ListEditor';
import { sectionHas, type SectionSpec } from './sections';
import { valueAt } from './yaml-doc';

/**
 * One section of the record as a form. Problems and blockers inside the section that no
 * field of the form shows (a misspelt key, a field only the YAML has) are listed on top,
 * each a way to its line in the YAML.
 */
export function SectionForm({
  form,
  spec,
  onGoTo,
  lists,
}: {
  form: FormContext;
  spec: SectionSpec;
  onGoTo: (path: string) => void;
  lists: ListContext;
}) {
  const at: Segment[] = spec.base ? [spec.base] : [];
  const shown = new Set(shownPaths(form, spec, at));
  const elsewhere = [...form.problems.values(), ...form.blockers.values()]
    .flat()
    .filter((p) => sectionHas(spec, p.path) && !shown.has(p.path));

  return (
    <div className="section-form">
      <h2 tabIndex={-1}>{spec.title}</h2>
      {spec.note && (
        <Message kind="information" title={spec.note.title}>
          <p>{spec.note.text}</p>
        </Message>
      )}
      {elsewhere.length > 0 && (
        <Message kind="warning" title="Also in this section">
          <ProblemList problems={elsewhere} onGoTo={onGoTo} />
        </Message>
      )}
      {spec.fields.length > 0 && (
        <div className="field-grid">
          {spec.fields.map((f) => (
            <FieldAt key={f.key} form={form} at={at} spec={f} />
          ))}
        </div>
      )}
      {spec.lists.map((l) => (
        <ListEditor key={l.key} form={form} at={at} spec={l} context={lists} />
      ))}
    </div>
  );
}

/** Every field path the section's form has an input for, items included. */
function shownPaths(form: FormContext, spec: SectionSpec, at: readonly Segment[]): string[] {
  const paths = spec.fields.map((f) => pathOf([...at, ...f.key.split('.')]));
  for (const l of spec.lists) {
    const items = valueAt(form.doc, [...at, l.key]);
    const count = Array.isArray(items) ? items.length : 0;
    for (let i = 0; i < count; i += 1) {
      for (const f of l.fields) paths.push(pathOf([...at, l.key, i, ...f.key.split('.')]));
    }
  }
  return paths;
}
