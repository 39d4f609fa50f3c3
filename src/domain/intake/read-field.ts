/**
 * A deal field by the CRM's name: `Name`, or `Account.Name` reaching into a related record as
 * Salesforce nests them. HubSpot's workflow webhooks give `{ value }` objects where the CRM v3
 * API gives plain strings; both read as the value. Blank text reads as absent: a renamed or
 * emptied CRM field must show as missing, never as an empty string in the record.
 */
export function readField(fields: Record<string, unknown>, name: string): string | undefined {
  const direct = fields[name];
  const value = direct !== undefined ? direct : dotted(fields, name);
  const plain = value !== null && typeof value === 'object' && 'value' in value ? value.value : value;
  if (typeof plain === 'number' && Number.isFinite(plain)) return String(plain);
  if (typeof plain === 'boolean') return String(plain);
  if (typeof plain !== 'string') return undefined;
  const trimmed = plain.trim();
  return trimmed === '' ? undefined : trimmed;
}

function dotted(fields: Record<string, unknown>, name: string): unknown {
  let node: unknown = fields;
  for (const key of name.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = Reflect.get(node, key);
  }
  return node;
}

/** `2026-12-01`, `2026-12-01T10:00:00.000Z` or epoch milliseconds (HubSpot dates) → `YYYY-MM-DD`, else undefined. */
export function isoDay(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = /^\d{10,}$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

/** Milliseconds since the epoch from epoch milliseconds or an ISO timestamp, else undefined. */
export function epochMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d{10,}$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
