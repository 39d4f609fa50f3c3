import { Button } from '../ui/Button';
import { fieldId, isWithin, pathOf, type Segment } from '../field-path';
import { FieldAt } from './FieldAt';
import type { FormContext } from './form-context';
import type { ListSpec } from './sections';
import { valueAt } from './yaml-doc';
import { useRemoval } from './RemovalDialog';

/**
 * A list of the record (promises, dependencies, risks…): one card per item with its fields,
 * a count of what blocks it, and Add / Remove. A new item starts with a fresh id and an empty
 * title, so the form shows at once what it still needs.
 */
export function ListEditor({ form, at, spec }: { form: FormContext; at: readonly Segment[]; spec: ListSpec }) {
  const listPath = [...at, spec.key];
  const removal = useRemoval();
  const value = valueAt(form.doc, listPath);
  const items: unknown[] = Array.isArray(value) ? value : [];
  const add = () => {
    const item: Record<string, unknown> = spec.fields.some((f) => f.key === 'id')
      ? { id: freshId(spec.noun, items) }
      : {};
    form.addItem(listPath, { ...item, [spec.titleKey]: '' });
  };

  return (
    <div className="list-editor">
      <h3 id={fieldId(pathOf(listPath))} tabIndex={-1}>
        {capitalised(spec.key)} <span className="subtle">({items.length})</span>
      </h3>
      {items.map((item, index) => {
        const itemPath = pathOf([...listPath, index]);
        const blocked = [...form.blockers.keys()].filter((p) => isWithin(p, itemPath)).length;
        const heading = titleOf(item, spec.titleKey) || `New ${spec.noun}`;
        return (
          <section
            key={itemPath}
            className={`item-card${blocked ? ' item-blocked' : ''}`}
            aria-label={`${capitalised(spec.noun)}: ${heading}`}
          >
            <header className="item-header">
              <h4 id={fieldId(itemPath)} tabIndex={-1}>
                {heading}
              </h4>
              {blocked > 0 && (
                <span className="item-blocker-count">
                  {blocked} blocker{blocked === 1 ? '' : 's'}
                </span>
              )}
              {!form.readOnly && (
                <Button
                  appearance="subtle"
                  onClick={() =>
                    removal({
                      listKey: spec.key,
                      noun: spec.noun,
                      title: heading,
                      id: titleOf(item, 'id'),
                      path: [...listPath, index],
                      listPath: pathOf(listPath),
                      remove: () => form.removeItem([...listPath, index]),
                    })
                  }
                >
                  Remove {spec.noun}
                </Button>
              )}
            </header>
            <div className="field-grid">
              {spec.fields.map((f) => (
                <FieldAt key={f.key} form={form} at={[...listPath, index]} spec={f} />
              ))}
            </div>
          </section>
        );
      })}
      {!form.readOnly && <Button onClick={add}>Add {spec.noun}</Button>}
    </div>
  );
}

function titleOf(item: unknown, key: string): string {
  if (typeof item !== 'object' || item === null || !Object.hasOwn(item, key)) return '';
  const value: unknown = Object.getOwnPropertyDescriptor(item, key)?.value;
  return typeof value === 'string' ? value : '';
}

function freshId(noun: string, items: readonly unknown[]): string {
  const taken = new Set(items.map((i) => titleOf(i, 'id')));
  let n = 1;
  while (taken.has(`new-${noun}-${n}`)) n += 1;
  return `new-${noun}-${n}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
