/** Reads `deal.contract.start` or `customer.contacts` out of a parsed record. */
export function readPath(value: unknown, path: string): unknown {
  let node: unknown = value;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = Reflect.get(node, key);
  }
  return node;
}

/** Present and not empty: an empty list or blank text does not answer a checklist item. */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim().length > 0;
  return true;
}
