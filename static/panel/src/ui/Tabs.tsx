import { useState, type KeyboardEvent, type ReactNode } from 'react';

type Props<T extends string> = {
  /** Prefix of the tabs' and panels' element ids. */
  id: string;
  tabs: readonly T[];
  labels: Record<T, ReactNode>;
  panels: Record<T, ReactNode>;
  selected: T;
  onSelect: (tab: T) => void;
};

/** The tab a key moves to, by index: the arrows wrap around, Home and End go to either end. */
function target(key: string, current: number, count: number): number | null {
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (key === 'ArrowRight') return (current + 1) % count;
  if (key === 'ArrowLeft') return (current - 1 + count) % count;
  return null;
}

/**
 * WAI-ARIA tabs drawn as Atlaskit's tabs (tokens only; @atlaskit/tabs pulls the same
 * analytics-next as the button, see ui/Button.tsx). Only the selected tab is in the Tab order and
 * the keys above select and focus another. A panel once shown stays mounted, hidden, so what was
 * typed or loaded there survives a switch of tabs, as it did with Atlaskit's.
 */
export function Tabs<T extends string>({ id, tabs, labels, panels, selected, onSelect }: Props<T>) {
  const [shown, setShown] = useState<ReadonlySet<T>>(() => new Set([selected]));
  if (!shown.has(selected)) setShown(new Set([...shown, selected]));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = target(event.key, tabs.indexOf(selected), tabs.length);
    const tab = index === null ? undefined : tabs[index];
    if (tab === undefined) return;
    event.preventDefault(); // the arrows and Home/End would scroll the page too
    onSelect(tab);
    document.getElementById(`${id}-tab-${tab}`)?.focus();
  };

  return (
    <div className="tabs">
      <div role="tablist" className="tab-list" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`${id}-tab-${tab}`}
            className="tab"
            aria-selected={tab === selected}
            aria-controls={`${id}-panel-${tab}`}
            tabIndex={tab === selected ? 0 : -1}
            onClick={() => onSelect(tab)}
          >
            {labels[tab]}
          </button>
        ))}
      </div>
      {tabs
        .filter((tab) => shown.has(tab))
        .map((tab) => (
          <div
            key={tab}
            role="tabpanel"
            id={`${id}-panel-${tab}`}
            className="tab-panel"
            aria-labelledby={`${id}-tab-${tab}`}
            hidden={tab !== selected}
            tabIndex={0}
          >
            {panels[tab]}
          </div>
        ))}
    </div>
  );
}
