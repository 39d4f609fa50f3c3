/** What provisioning did, item by item: a failure never hides the successes. */
export type ProvisionReport = {
  recordId: string;
  created: { itemId: string; key: string }[];
  existing: { itemId: string; key: string }[];
  failed: { itemId: string; error: string }[];
  links: { created: number; existing: number; failed: { blocked: string; blocker: string; error: string }[] };
  /** Requests made to the tracker during this run, retries included. */
  calls: number;
};

export type ProvisionProgress =
  | { phase: 'search'; found: number }
  | { phase: 'create'; done: number; total: number }
  | { phase: 'link'; done: number; total: number };
