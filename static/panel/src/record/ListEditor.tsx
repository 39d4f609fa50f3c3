import { useState } from 'react';
import { itemIdOf } from '../../../../src/domain/plan/plan-items';
import type { PlanItemKind } from '../../../../src/domain/plan/plan-types';
import { fieldId, focusField, isWithin, pathOf, segmentsOf, type Segment } from '../field-path';
import { FilterBar } from '../filter/FilterBar';
import { NO_FILTER, isFiltering, ownersOf, shownCount, shownIndexes } from '../filter/item-filter';
import { listFacts, textOf } from '../filter/list-facts';
import { Button } from '../ui/Button';
import { FieldAt } from './FieldAt';
import type { FormContext } from './form-context';
import { ItemCard } from './ItemCard';
import type { ListContext } from './list-context';
import type { ListSpec } from './sections';
import { useOpenCards } from './use-open-cards';
import { valueAt } from './yaml-doc';
import { useRemoval } from './RemovalDialog';

/** A list longer than this starts folded, and gets a search and filters. */
const LONG_LIST = 3;
/** The lists that become issues, by the plan's kind of item: their cards carry the issue's key. */
const PLAN_KINDS: Record<string, PlanItemKind> = {
  promises: 'promise',
  dependencies: 'dependency',
  risks: 'risk',
  questions: 'question',
};
const PLURALS: Record<string, string> = { dependency: 'dependencies' };

type Props = { form: FormContext; at: readonly Segment[]; spec: ListSpec; context: ListContext };

/**
 * A list of the record (promises, dependencies, risks…): one card per item, folded to a line in
 * a long list except where something blocks, with Add / Remove, expand or collapse all, and —
 * once the list is long — a search and filters with the count they leave. A new item starts
 * with a fresh id and an empty title, open, so the form shows at once what it still needs.
 */
export function ListEditor({ form, at, spec, context }: Props) {
  const listPath = [...at, spec.key];
  const removal = useRemoval();
  const value = valueAt(form.doc, listPath);
  const items: unknown[] = Array.isArray(value) ? value : [];
  const kind = PLAN_KINDS[spec.key];
  const issueOf = (item: unknown) => {
    const id = textOf(item, 'id');
    if (!context.issues || !kind || !context.recordId || !id) return null;
    const issue = context.issues.items.get(itemIdOf(context.recordId, kind, id));
    return issue ? { issue, siteUrl: context.issues.siteUrl } : null;
  };
  const facts = listFacts({
    at: listPath,
    items,
    kind: spec.noun,
    blocked: form.blockers.keys(),
    dues: context.dues,
    issueKeyOf: (item) => issueOf(item)?.issue.key ?? null,
  });
  const needsWork = items.map((_, i) => {
    const itemPath = pathOf([...listPath, i]);
    return facts[i]?.blocked || [...form.problems.keys()].some((p) => isWithin(p, itemPath));
  });
  const long = items.length > LONG_LIST;
  const cards = useOpenCards(needsWork.map((work) => !long || work));
  const [filter, setFilter] = useState(NO_FILTER);
  const shown = shownIndexes(facts, filter, context.today);

  // Sent to a field of this list (a blocker, a plan row): its card opens, and shows even if filtered out.
  const [followed, setFollowed] = useState<ListContext['reveal']>(null);
  if (context.reveal !== followed) {
    setFollowed(context.reveal);
    const index = revealedIndex(context.reveal?.path ?? null, listPath);
    if (index !== null) {
      cards.set([index], true);
      if (!shown.includes(index)) setFilter(NO_FILTER);
    }
  }

  const add = () => {
    const item: Record<string, unknown> = spec.fields.some((f) => f.key === 'id')
      ? { id: freshId(spec.noun, items) }
      : {};
    cards.set([items.length], true);
    setFilter(NO_FILTER);
    form.addItem(listPath, { ...item, [spec.titleKey]: '' });
    const titlePath = pathOf([...listPath, items.length, spec.titleKey]);
    setTimeout(() => focusField(titlePath), 0);
  };
  // On a provisioned record a removal asks why first (the descoping reason); either way "Removed X · Undo" follows.
  const remove = (index: number) => {
    const item = items[index];
    removal({
      listKey: spec.key,
      noun: spec.noun,
      title: textOf(item, spec.titleKey) ?? `New ${spec.noun}`,
      id: textOf(item, 'id') ?? '',
      path: [...listPath, index],
      listPath: pathOf(listPath),
      remove: () => {
        cards.removed(index);
        form.removeItem([...listPath, index]);
      },
    });
  };
  const anyClosed = shown.some((i) => !cards.isOpen(i));
  const plural = PLURALS[spec.noun] ?? `${spec.noun}s`;

  return (
    <div className="list-editor">
      <div className="list-head">
        <h3 id={fieldId(pathOf(listPath))} tabIndex={-1}>
          {capitalised(spec.key)} <span className="subtle">({items.length})</span>
        </h3>
        {shown.length > 1 && (
          <Button appearance="subtle" onClick={() => cards.set(shown, anyClosed)}>
            {anyClosed ? 'Expand all' : 'Collapse all'}
          </Button>
        )}
      </div>
      {long && (
        <FilterBar
          id={`filter:${pathOf(listPath)}`}
          what={plural}
          filter={filter}
          onChange={setFilter}
          owners={spec.fields.some((f) => f.key === 'owner') ? ownersOf(facts) : null}
          due={spec.fields.some((f) => f.key === 'due')}
          excluded={spec.fields.some((f) => f.key === 'excluded')}
          kinds={null}
          count={shownCount(shown.length, items.length, spec.noun, plural)}
        />
      )}
      {shown.map((index) => {
        const item = items[index];
        const itemPath = pathOf([...listPath, index]);
        return (
          <ItemCard
            key={itemPath}
            path={itemPath}
            noun={spec.noun}
            title={textOf(item, spec.titleKey) ?? `New ${spec.noun}`}
            item={item}
            due={context.dues.get(`${itemPath}.due`) ?? null}
            open={cards.isOpen(index)}
            onToggle={() => cards.toggle(index)}
            onFocus={() => cards.pin(index)}
            blockers={[...form.blockers.keys()].filter((p) => isWithin(p, itemPath)).length}
            issue={issueOf(item)}
            onRemove={form.readOnly ? null : () => remove(index)}
          >
            {spec.fields.map((f) => (
              <FieldAt key={f.key} form={form} at={[...listPath, index]} spec={f} />
            ))}
          </ItemCard>
        );
      })}
      {isFiltering(filter) && shown.length === 0 && <p className="subtle">No {spec.noun} matches the filters.</p>}
      {!form.readOnly && <Button onClick={add}>Add {spec.noun}</Button>}
    </div>
  );
}

/** The index of the item of the list a path lies in, or null when it lies elsewhere. */
function revealedIndex(path: string | null, listPath: readonly Segment[]): number | null {
  if (path === null) return null;
  const segments = segmentsOf(path);
  const index = segments[listPath.length];
  return listPath.every((s, i) => segments[i] === s) && typeof index === 'number' ? index : null;
}

function freshId(noun: string, items: readonly unknown[]): string {
  const taken = new Set(items.map((i) => textOf(i, 'id')));
  let n = 1;
  while (taken.has(`new-${noun}-${n}`)) n += 1;
  return `new-${noun}-${n}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
