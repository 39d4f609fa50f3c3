import { createContext, useContext } from 'react';

/**
 * Where an item of the record's target opens: Asana's `<app>/0/0/<gid>` when the record goes to
 * Asana (the prefix the target resolver gives), else the Jira site's `/browse/<key>`. One place,
 * so every issue link on the page follows the target.
 */
const ItemLinkPrefix = createContext<string | null>(null);

export const ItemLinksProvider = ItemLinkPrefix.Provider;

export function useItemUrl(siteUrl: string): (key: string) => string {
  const prefix = useContext(ItemLinkPrefix);
  return (key) => `${prefix ?? `${siteUrl}/browse/`}${encodeURIComponent(key)}`;
}
