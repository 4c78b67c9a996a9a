/**
 * OAI-PMH datestamps. Stored datestamps carry milliseconds; the protocol speaks in seconds
 * (YYYY-MM-DDThh:mm:ssZ) or days (YYYY-MM-DD), and `from`/`until` are inclusive at that granularity.
 */
import { OaiError } from './protocol.js';

export type Granularity = 'day' | 'seconds';

export interface DatestampArgument {
  granularity: Granularity;
  /** The first stored datestamp the argument admits. */
  start: string;
  /** The first stored datestamp after the span the argument names (an exclusive bound for `until`). */
  end: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export function parseDatestampArgument(name: 'from' | 'until', value: string): DatestampArgument {
  const granularity: Granularity | undefined = DAY.test(value) ? 'day' : SECONDS.test(value) ? 'seconds' : undefined;
  if (!granularity) {
    throw new OaiError('badArgument', `${name} must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, got "${value}"`);
  }
  const start = new Date(granularity === 'day' ? `${value}T00:00:00Z` : value);
  const valid = !Number.isNaN(start.getTime());
  const canonical = valid && (granularity === 'day' ? start.toISOString().slice(0, 10) : `${start.toISOString().slice(0, 19)}Z`);
  if (!valid || canonical !== value) {
    throw new OaiError('badArgument', `${name} is not a real date and time: "${value}"`);
  }
  const end = new Date(start.getTime() + (granularity === 'day' ? 86_400_000 : 1_000));
  return { granularity, start: start.toISOString(), end: end.toISOString() };
}

/** A stored datestamp at the repository's granularity. */
export function formatDatestamp(stored: string): string {
  return `${stored.slice(0, 19)}Z`;
}
