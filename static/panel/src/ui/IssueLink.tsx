import { router } from '@forge/bridge';
import { useItemUrl } from '../target/item-links';

/**
 * A created issue, by key, linking to its page on the site. Inside Jira a Custom UI frame may
 * not navigate on its own, so the click goes through the bridge's `router.open`; the href
 * stays for copying and for middle-click.
 */
export function IssueLink({
  siteUrl,
  issueKey,
  url,
  itemId,
  children,
}: {
  siteUrl: string;
  issueKey: string;
  url?: string;
  /** The plan item it is for, when known: an Asana record's parent item opens as its project. */
  itemId?: string;
  /** What the link says, when not the key (a search of several issues). */
  children?: string;
}) {
  const itemUrl = useItemUrl(siteUrl);
  // A resolver that names an issue also gives its address (a change request's `url`): that one is used as given.
  const href = url ?? itemUrl(issueKey, itemId);
  return (
    <a
      className="issue-key"
      href={href}
      target="_blank"
      rel="noreferrer"
      onClick={(event) => {
        event.preventDefault();
        void router.open(href);
      }}
    >
      {children ?? issueKey}
    </a>
  );
}
