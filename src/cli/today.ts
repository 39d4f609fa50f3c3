import { InvalidArgumentError } from 'commander';
import { parseIsoDay } from '../domain/dates/calendar';

/** `--today` parser: a real YYYY-MM-DD date, or commander reports a usage error. */
export function parseToday(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  if (parseIsoDay(value) === null) throw new InvalidArgumentError(`${value} is not a real calendar date`);
  return value;
}

/** The machine's local calendar date: the only clock the CLI reads, passed into the core. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
