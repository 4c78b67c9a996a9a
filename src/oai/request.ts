/**
 * Reads an OAI-PMH request from its argument pairs, applying the protocol's argument rules.
 * Problems of verb or arguments are reported together, as the protocol allows.
 */
import { parseDatestampArgument, type DatestampArgument } from './datestamps.js';
import { OaiError, VERB_ARGUMENTS, VERBS, type ArgumentName, type Verb } from './protocol.js';

export interface OaiRequest {
  verb: Verb;
  args: Partial<Record<ArgumentName, string>>;
  from?: DatestampArgument;
  until?: DatestampArgument;
}

export type ParsedRequest = { ok: true; request: OaiRequest } | { ok: false; errors: OaiError[] };

const ALL_ARGUMENTS: ReadonlySet<string> = new Set(['verb', 'identifier', 'metadataPrefix', 'from', 'until', 'set', 'resumptionToken']);

function describe(name: string): string {
  const printable = name.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

export function parseOaiRequest(pairs: Array<[string, string]>): ParsedRequest {
  const verbs = pairs.filter(([name]) => name === 'verb').map(([, value]) => value);
  if (verbs.length === 0) return { ok: false, errors: [new OaiError('badVerb', 'the verb argument is missing')] };
  if (verbs.length > 1) return { ok: false, errors: [new OaiError('badVerb', 'the verb argument is repeated')] };
  const verb = verbs[0] as Verb;
  if (!(VERBS as readonly string[]).includes(verb)) {
    return { ok: false, errors: [new OaiError('badVerb', `"${describe(verb)}" is not an OAI-PMH verb (${VERBS.join(', ')})`)] };
  }

  const errors: OaiError[] = [];
  const rules = VERB_ARGUMENTS[verb];
  const allowed = new Set<string>([...rules.required, ...rules.optional, ...(rules.exclusive ? [rules.exclusive] : [])]);
  const args: Partial<Record<ArgumentName, string>> = {};
  const seen = new Set<string>();
  for (const [name, value] of pairs) {
    if (name === 'verb') continue;
    if (seen.has(name)) {
      errors.push(new OaiError('badArgument', `the argument ${describe(name)} is repeated`));
      continue;
    }
    seen.add(name);
    if (!allowed.has(name)) {
      const why = ALL_ARGUMENTS.has(name) ? `is not an argument of ${verb}` : 'is not an OAI-PMH argument';
      errors.push(new OaiError('badArgument', `${describe(name)} ${why}`));
      continue;
    }
    if (value === '') {
      errors.push(new OaiError('badArgument', `the argument ${name} is empty`));
      continue;
    }
    args[name as ArgumentName] = value;
  }

  if (rules.exclusive && args[rules.exclusive] !== undefined) {
    const others = [...seen].filter((name) => name !== rules.exclusive);
    if (others.length > 0) errors.push(new OaiError('badArgument', `${rules.exclusive} is an exclusive argument: it cannot be combined with ${others.join(', ')}`));
  } else {
    for (const name of rules.required) {
      if (args[name] === undefined && !seen.has(name)) errors.push(new OaiError('badArgument', `${verb} requires the argument ${name}`));
    }
  }

  const request: OaiRequest = { verb, args };
  for (const name of ['from', 'until'] as const) {
    const value = args[name];
    if (value === undefined) continue;
    try {
      request[name] = parseDatestampArgument(name, value);
    } catch (error) {
      errors.push(error as OaiError);
    }
  }
  if (request.from && request.until) {
    if (request.from.granularity !== request.until.granularity) {
      errors.push(new OaiError('badArgument', 'from and until must have the same granularity'));
    } else if (request.from.start > request.until.start) {
      errors.push(new OaiError('badArgument', 'from is later than until'));
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, request };
}
