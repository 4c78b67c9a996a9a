/**
 * JSON from outside, read defensively: any nesting deeper than a record can have is refused before code
 * that walks documents recursively (merge patches, crosswalks) meets it, and so are `__proto__` keys,
 * which would reach an object's prototype when merged.
 */
import { DomainError } from './errors.js';

/** Far deeper than any record (about ten levels), far shallower than a stack can take. */
export const MAX_JSON_DEPTH = 64;

/** The document in `text` (a byte-order mark before it is ignored, as RFC 8259 allows); `what` names it in errors. */
export function parseJsonDocument(text: string, what?: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new DomainError('bad_request', `${what ? `${what} is ` : ''}not JSON: ${(error as Error).message}`);
  }
  checkShape(value, what ?? 'the document');
  return value;
}

/** Walks the document without recursion, so that checking a hostile one cannot overflow the stack. */
function checkShape(document: unknown, what: string): void {
  const pending: Array<[unknown, number]> = [[document, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) throw new DomainError('bad_request', `${what} is nested more than ${MAX_JSON_DEPTH} levels deep`);
    if (Array.isArray(value)) {
      for (const item of value) pending.push([item, depth + 1]);
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key === '__proto__') throw new DomainError('bad_request', `${what} has a key named __proto__, which is not accepted`);
      pending.push([item, depth + 1]);
    }
  }
}
