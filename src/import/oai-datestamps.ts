/**
 * `from` and `until` as a source understands them: at the granularity its Identify states. A day is
 * valid at either granularity; a moment is cut to the second, or to its day for a day-granular source
 * (an earlier `from` and a later-ending `until` only harvest a little more, never less).
 */
import { DomainError } from '../model/errors.js';
import type { Granularity } from './oai-response.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A harvest bound given by a person or kept from the last run, read as a UTC moment or a day. */
export function parseHarvestDate(value: string, name: 'from' | 'until'): { day: string } | { moment: Date } {
  const text = value.trim();
  if (DAY.test(text)) {
    const day = new Date(`${text}T00:00:00Z`);
    if (!Number.isNaN(day.getTime()) && day.toISOString().startsWith(text)) return { day: text };
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const moment = new Date(text);
    if (!Number.isNaN(moment.getTime())) return { moment };
  }
  throw new DomainError('bad_request', `${name} must be a day (YYYY-MM-DD) or a date and time with its zone (YYYY-MM-DDThh:mm:ssZ), got "${value}"`, name);
}

export function sourceDatestamp(value: string, granularity: Granularity, name: 'from' | 'until'): string {
  const parsed = parseHarvestDate(value, name);
  if ('day' in parsed) return parsed.day;
  const iso = parsed.moment.toISOString();
  return granularity === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}
