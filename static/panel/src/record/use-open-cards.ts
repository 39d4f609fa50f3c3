import { useState } from 'react';

/**
 * Which cards of a list are open. A card the lead has not opened or closed follows its default
 * (long lists start closed, except cards with something to fix); one they touched — toggled,
 * focused inside, added, followed to from the gate — stays as they left it, so fixing a card's
 * last blocker never folds it away under the caret. Choices are by index: removing a card moves
 * the choices of the cards after it up one.
 */
export function useOpenCards(defaults: readonly boolean[]) {
  const [choices, setChoices] = useState<ReadonlyMap<number, boolean>>(new Map());
  const isOpen = (index: number) => choices.get(index) ?? defaults[index] ?? true;
  const set = (indexes: readonly number[], open: boolean) =>
    setChoices((current) => {
      const next = new Map(current);
      for (const index of indexes) next.set(index, open);
      return next;
    });
  return {
    isOpen,
    set,
    toggle: (index: number) => set([index], !isOpen(index)),
    /** Keeps a card as it is now, whatever its default becomes. */
    pin: (index: number) => {
      if (!choices.has(index)) set([index], isOpen(index));
    },
    removed: (index: number) =>
      setChoices((current) => {
        const next = new Map<number, boolean>();
        for (const [i, open] of current) if (i !== index) next.set(i > index ? i - 1 : i, open);
        return next;
      }),
  };
}
