import type { ReactNode } from 'react';
import { fieldId } from '../field-path';
import { textOf } from '../filter/list-facts';
import { Button } from '../ui/Button';
import { IssueBadge } from '../provision/IssueBadge';
import type { ShownIssue } from '../provision/use-issue-statuses';
import { Lozenge } from '../ui/Lozenge';
import { useDates } from '../ui/dates';
import { counted } from '../../../../src/domain/words';

type Props = {
  /** The item's path (`promises[2]`): the toggle carries its field id, so a way to the item lands on it. */
  path: string;
  noun: string;
  title: string;
  item: unknown;
  /** The item's due day resolved (ISO), when it has one. */
  due: string | null;
  open: boolean;
  onToggle(): void;
  onFocus(): void;
  blockers: number;
  issue: { issue: ShownIssue; siteUrl: string } | null;
  onRemove: (() => void) | null;
  /** The card's fields, drawn only while it is open. */
  children: ReactNode;
};

/**
 * One item of a list as a card that folds to a line — title · owner · due · its issue and the
 * issue's status · what blocks it — so a list of twelve promises reads at a glance. The title is
 * a button that says whether the card is open (aria-expanded) and opens or closes it. Remove is
 * offered on the open card.
 */
export function ItemCard({
  path,
  noun,
  title,
  item,
  due,
  open,
  onToggle,
  onFocus,
  blockers,
  issue,
  onRemove,
  children,
}: Props) {
  const dates = useDates();
  const bodyId = `${fieldId(path)}:fields`;
  const owner = textOf(item, 'owner');
  const written = textOf(item, 'due');
  const excluded = textOf(item, 'excluded') !== null;
  return (
    <section
      className={`item-card${blockers ? ' item-blocked' : ''}${open ? '' : ' item-collapsed'}`}
      aria-label={`${capitalised(noun)}: ${title}`}
      onFocus={onFocus}
    >
      <header className="item-header">
        <h4>
          <button
            type="button"
            id={fieldId(path)}
            className="item-toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={onToggle}
          >
            <span className="item-chevron" aria-hidden="true" />
            <span className="item-title">{title}</span>
          </button>
        </h4>
        <p className="item-summary">
          {excluded && <Lozenge>excluded</Lozenge>}
          {owner && <span>{owner}</span>}
          {written && <span>due {dates.day(due ?? written)}</span>}
          {issue && <IssueBadge issue={issue.issue} siteUrl={issue.siteUrl} />}
          {blockers > 0 && <span className="item-blocker-count">{counted(blockers, 'blocker')}</span>}
        </p>
      </header>
      <div id={bodyId} className="item-body" hidden={!open}>
        {open && (
          <>
            <div className="field-grid">{children}</div>
            {/* Only on an open card: what is removed is in view, never a folded line removed by a stray click. */}
            {onRemove && (
              <div className="item-footer">
                <Button appearance="subtle" onClick={onRemove}>
                  Remove {noun}
                </Button>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
