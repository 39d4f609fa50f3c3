import { NO_FILTER, NO_OWNER, isFiltering, type DueFilter, type ExcludedFilter, type ItemFilter } from './item-filter';

type Props = {
  /** Prefix of the controls' ids, unique on the page. */
  id: string;
  /** What the list holds, for the labels: "promises", "planned issues". */
  what: string;
  filter: ItemFilter;
  onChange(filter: ItemFilter): void;
  /** The owners to choose from; null when the list has no owner. */
  owners: readonly string[] | null;
  due: boolean;
  excluded: boolean;
  /** The kinds to choose from; null when the list holds one kind. */
  kinds: readonly string[] | null;
  /** "3 of 12 promises": said to screen readers as it changes. */
  count: string;
};

/** A search box and the filters a list has (owner, due, blockers, excluded, kind), with the count they leave. */
export function FilterBar({ id, what, filter, onChange, owners, due, excluded, kinds, count }: Props) {
  const set = (change: Partial<ItemFilter>) => onChange({ ...filter, ...change });
  return (
    <div className="filter-bar" role="search" aria-label={`Search ${what}`}>
      <div className="filter-field filter-query">
        <label htmlFor={`${id}-query`}>Search</label>
        <input
          id={`${id}-query`}
          type="search"
          value={filter.query}
          placeholder="Title, owner, detail…"
          onChange={(e) => set({ query: e.target.value })}
        />
      </div>
      {owners && (
        <div className="filter-field">
          <label htmlFor={`${id}-owner`}>Owner</label>
          <select id={`${id}-owner`} value={filter.owner} onChange={(e) => set({ owner: e.target.value })}>
            <option value="">Anyone</option>
            <option value={NO_OWNER}>No owner</option>
            {owners.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
      )}
      {due && (
        <div className="filter-field">
          <label htmlFor={`${id}-due`}>Due</label>
          <select id={`${id}-due`} value={filter.due} onChange={(e) => set({ due: dueOf(e.target.value) })}>
            <option value="any">Any date</option>
            <option value="none">No date</option>
            <option value="overdue">Overdue</option>
          </select>
        </div>
      )}
      {excluded && (
        <div className="filter-field">
          <label htmlFor={`${id}-excluded`}>Excluded</label>
          <select
            id={`${id}-excluded`}
            value={filter.excluded}
            onChange={(e) => set({ excluded: excludedOf(e.target.value) })}
          >
            <option value="any">Shown</option>
            <option value="hide">Hidden</option>
            <option value="only">Only excluded</option>
          </select>
        </div>
      )}
      {kinds && (
        <div className="filter-field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} value={filter.kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="">Every kind</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
      )}
      <label className="filter-check">
        <input type="checkbox" checked={filter.blockedOnly} onChange={(e) => set({ blockedOnly: e.target.checked })} />
        Only with blockers
      </label>
      <p className="filter-count">
        <span role="status">{count}</span>
        {isFiltering(filter) && (
          <button type="button" className="link-button" onClick={() => onChange(NO_FILTER)}>
            Clear the filters
          </button>
        )}
      </p>
    </div>
  );
}

function dueOf(value: string): DueFilter {
  return value === 'none' || value === 'overdue' ? value : 'any';
}

function excludedOf(value: string): ExcludedFilter {
  return value === 'hide' || value === 'only' ? value : 'any';
}
