import { createContext, useCallback, useContext } from 'react';
import { itemUrlOf } from './item-url';

/**
 * Where an item of the record's target opens: Asana's `<app>/0/0/<gid>` when the record goes to
 * Asana (the prefix the target resolver gives), else the Jira site's `/browse/<key>`. One place,
 * so every issue link on the page follows the target.
 */
const ItemLinkPrefix = createContext<string | null>(null);

export const ItemLinksProvider = ItemLinkPrefix.Provider;

/** `itemUrlOf` for the page's target. */
export function useItemUrl(siteUrl: string): (key: string, itemId?: string) => string {
  const prefix = useContext(ItemLinkPrefix);
  return useCallback((key, itemId) => itemUrlOf(prefix, siteUrl, key, itemId), [prefix, siteUrl]);
}
