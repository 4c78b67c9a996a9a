/**
 * The crosswalk engine: reads a source document into record inputs as a mapping in `mappings/` says.
 * A mapping is data: for each field of the record, where its value is in the source (JSONPath) and which
 * named transforms (crosswalk-transforms.ts) make it a DataCite value. mappings/README.md describes the
 * language. A record the mapping cannot read becomes an item whose error names the field; the other
 * records of the document are still read.
 */
import { readFileSync } from 'node:fs';
import { JSONPath } from 'jsonpath-plus';
import { DomainError } from '../model/errors.js';
import { parseJsonDocument } from '../model/json-document.js';
import { packagePath } from '../model/package-root.js';
import { dataCiteVocabulary } from '../model/vocab.js';
import type { ImportItem } from './import-item.js';
import { NotReadable, TRANSFORMS, type LookupTables } from './crosswalk-transforms.js';

/** How one value is found: a path, a constant, or an object of modifiers (mappings/README.md). */
export type Spec = string | number | boolean | SpecObject;

export interface SpecObject {
  path?: string | string[];
  const?: unknown;
  object?: Record<string, Spec>;
  concat?: Spec[];
  each?: string | string[];
  when?: Spec;
  unless?: Spec;
  equals?: unknown;
  ignore?: string[];
  transform?: string | string[];
  first?: boolean;
  unique?: boolean;
  join?: string;
  default?: unknown;
  required?: boolean | 'drop';
}

export interface Mapping {
  /** The file's name without `.json`. */
  name: string;
  description?: string;
  /** Where the records are in a document: the first path that matches; a matched list is its items. */
  records: string | string[];
  /** Which of them are records of this mapping: those for which the spec yields a value. */
  where?: Spec;
  /** How a record is named in reports, and when the source last changed it. */
  identifier?: Spec;
  datestamp?: Spec;
  lookups?: LookupTables;
  /** The record input, field by field. */
  record: Record<string, Spec>;
}

/** A value a record cannot do without is missing or unreadable: `field` is the record field at fault. */
export class CrosswalkError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** A field marked `required: "drop"` is absent: the object holding it is left out. */
const DROP = Symbol('drop');

const SPEC_KEYS = new Set(['path', 'const', 'object', 'concat', 'each', 'when', 'unless', 'equals', 'ignore', 'transform', 'first', 'unique', 'join', 'default', 'required']);
const MAPPING_KEYS = new Set(['description', 'records', 'where', 'identifier', 'datestamp', 'lookups', 'record']);

interface Scope {
  context: unknown;
  root: unknown;
  lookups: LookupTables;
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function isAbsent(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** All values at a JSONPath in document order; absent values left out. */
function matches(path: string, context: unknown): unknown[] {
  if (context === undefined || context === null) return [];
  if (!path.includes('..')) {
    const found = JSONPath({ path, json: context as object, wrap: true, eval: 'safe' }) as unknown[] | undefined;
    return (found ?? []).filter((value) => !isAbsent(value));
  }
  // A descendant search visits a node's children before its grandchildren: put what it finds back in document order.
  const found = (JSONPath({ path, json: context as object, wrap: true, eval: 'safe', resultType: 'all' }) ?? []) as Array<{ pointer: string; value: unknown }>;
  const segments = (pointer: string) => pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return found
    .map((result) => ({ value: result.value, at: segments(result.pointer) }))
    .sort((a, b) => documentOrder(context, a.at, b.at))
    .map((result) => result.value)
    .filter((value) => !isAbsent(value));
}

function documentOrder(root: unknown, a: string[], b: string[]): number {
  let node = root as Record<string, unknown>;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i >= a.length) return -1;
    if (i >= b.length) return 1;
    if (a[i] !== b[i]) {
      if (Array.isArray(node)) return Number(a[i]) - Number(b[i]);
      const keys = Object.keys(node);
      return keys.indexOf(a[i]!) - keys.indexOf(b[i]!);
    }
    node = node[a[i]!] as Record<string, unknown>;
  }
  return 0;
}

/** The matches of the first path that has any. */
function firstMatches(paths: string | string[], context: unknown): unknown[] {
  for (const path of list(paths)) {
    const found = matches(path, context);
    if (found.length > 0) return found;
  }
  return [];
}

/** One match is that value, several are a list. */
const single = (values: unknown[]): unknown => (values.length === 0 ? undefined : values.length === 1 ? values[0] : values);

/** Items to iterate: the matches, a matched list standing for its items. */
const itemsOf = (values: unknown[]): unknown[] => values.flatMap((value) => (Array.isArray(value) ? value : [value])).filter((value) => !isAbsent(value));

function isConstant(spec: Spec): boolean {
  if (typeof spec === 'string') return !spec.startsWith('$');
  if (typeof spec !== 'object') return true;
  return spec.const !== undefined && spec.path === undefined && spec.each === undefined;
}

const isDefault = (spec: Spec, value: unknown) => typeof spec === 'object' && spec.default !== undefined && value === spec.default;

function describePaths(spec: Spec): string {
  if (typeof spec === 'string') return spec;
  if (typeof spec !== 'object') return String(spec);
  const paths = [...list(spec.each), ...list(spec.path), ...(spec.concat ?? []).map(describePaths)];
  return paths.length > 0 ? paths.join(', ') : 'the source';
}

function evaluate(spec: Spec, scope: Scope, field: string): unknown {
  if (typeof spec === 'string') return spec.startsWith('$') ? single(matches(spec, scope.context)) : spec;
  if (typeof spec !== 'object') return spec;
  let value: unknown;
  let stated = false;
  if (spec.each !== undefined) {
    const entries = itemsOf(firstMatches(spec.each, scope.context)).map((item, i) => produce(spec, { ...scope, context: item }, `${field}[${i}]`));
    stated = entries.some((entry) => entry.stated);
    value = entries.flatMap((entry) => (isAbsent(entry.value) ? [] : [entry.value]));
  } else {
    const produced = produce(spec, scope, field);
    stated = produced.stated;
    value = produced.value;
  }
  value = finishList(spec, value);
  if (isAbsent(value) && spec.default !== undefined) value = spec.default;
  if (isAbsent(value)) {
    if (spec.required === 'drop') throw DROP;
    if (spec.required === true) {
      const reason = stated ? `nothing readable at ${describePaths(spec)}` : `missing (${describePaths(spec)})`;
      throw new CrosswalkError(field, reason);
    }
    return undefined;
  }
  return value;
}

/** The spec's value in one context, before the list modifiers; `stated` when the source had something there. */
function produce(spec: SpecObject, scope: Scope, field: string): { value: unknown; stated: boolean } {
  if (spec.when !== undefined && isAbsent(evaluate(spec.when, scope, field))) return { value: undefined, stated: false };
  if (spec.unless !== undefined && !isAbsent(evaluate(spec.unless, scope, field))) return { value: undefined, stated: false };
  let value = sourceValue(spec, scope, field);
  const stated = !isAbsent(value);
  if (spec.equals !== undefined) value = list(value).some((v) => list(spec.equals).includes(v)) ? value : undefined;
  if (spec.ignore) value = withoutIgnored(value, spec.ignore);
  for (const name of list(spec.transform)) value = transformed(value, name, scope, field);
  return { value, stated };
}

function sourceValue(spec: SpecObject, scope: Scope, field: string): unknown {
  if (spec.path !== undefined) return single(firstMatches(spec.path, scope.context));
  if (spec.const !== undefined) return spec.const;
  if (spec.object !== undefined) return objectOf(spec.object, scope, field);
  if (spec.concat !== undefined) return itemsOf(spec.concat.map((member) => evaluate(member, scope, field)));
  return scope.context;
}

function objectOf(template: Record<string, Spec>, scope: Scope, field: string): Record<string, unknown> | undefined {
  const object: Record<string, unknown> = {};
  let fromSource = false;
  for (const [key, spec] of Object.entries(template)) {
    let value: unknown;
    try {
      value = evaluate(spec, scope, field ? `${field}.${key}` : key);
    } catch (error) {
      if (error === DROP) return undefined;
      throw error;
    }
    if (isAbsent(value)) continue;
    object[key] = value;
    if (!isConstant(spec) && !isDefault(spec, value)) fromSource = true;
  }
  return fromSource ? object : undefined;
}

function withoutIgnored(value: unknown, ignored: string[]): unknown {
  const keys = new Set(ignored.map((text) => text.trim().toLowerCase()));
  const kept = (v: unknown) => !((typeof v === 'string' || typeof v === 'number') && keys.has(String(v).trim().toLowerCase()));
  return Array.isArray(value) ? value.filter(kept) : kept(value) ? value : undefined;
}

/** A transform applies to each value of a list, to any other value as it is; what it cannot read is absent. */
function transformed(value: unknown, name: string, scope: Scope, field: string): unknown {
  const [transformName, argument] = splitTransform(name);
  const transform = TRANSFORMS[transformName]!;
  const apply = (v: unknown) => {
    try {
      return transform(v, { argument, lookups: scope.lookups, root: scope.root, query: (path) => matches(path, scope.root) });
    } catch (error) {
      if (error instanceof NotReadable) throw new CrosswalkError(field, error.message);
      throw error;
    }
  };
  if (isAbsent(value)) return undefined;
  if (Array.isArray(value)) return value.map(apply).filter((v) => !isAbsent(v));
  return apply(value);
}

function splitTransform(name: string): [string, string | undefined] {
  const colon = name.indexOf(':');
  return colon < 0 ? [name, undefined] : [name.slice(0, colon), name.slice(colon + 1)];
}

function finishList(spec: SpecObject, value: unknown): unknown {
  let result = value;
  if (spec.unique && Array.isArray(result)) {
    const seen = new Set<string>();
    result = result.filter((item) => {
      const key = JSON.stringify(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  if (spec.first && Array.isArray(result)) result = result[0];
  if (spec.join !== undefined && Array.isArray(result)) result = result.length > 0 ? result.map(String).join(spec.join) : undefined;
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Mappings
// ---------------------------------------------------------------------------------------------------

const loaded = new Map<string, Mapping>();

/** The mapping in mappings/NAME.json, checked once: an unknown key, transform or lookup table is refused. */
export function loadMapping(name: string): Mapping {
  const known = loaded.get(name);
  if (known) return known;
  const mapping = { ...JSON.parse(readFileSync(packagePath('mappings', `${name}.json`), 'utf8')), name } as Mapping;
  checkMapping(mapping);
  loaded.set(name, mapping);
  return mapping;
}

export function checkMapping(mapping: Mapping): void {
  const fail = (where: string, message: string) => {
    throw new Error(`mapping ${mapping.name}: ${where}: ${message}`);
  };
  for (const key of Object.keys(mapping)) if (key !== 'name' && !MAPPING_KEYS.has(key)) fail(key, 'is not a key of a mapping');
  if (list(mapping.records).length === 0) fail('records', 'is required');
  if (typeof mapping.record !== 'object' || mapping.record === null) fail('record', 'is required');
  const lookups = mapping.lookups ?? {};
  const check = (spec: Spec, where: string): void => {
    if (typeof spec !== 'object') return;
    if (Array.isArray(spec)) fail(where, 'a spec is a path, a constant or an object; alternatives are written {"path": [...]}');
    for (const key of Object.keys(spec)) if (!SPEC_KEYS.has(key)) fail(where, `"${key}" is not a key of a spec`);
    for (const name of list(spec.transform)) {
      const [transform, argument] = splitTransform(name);
      if (!(transform in TRANSFORMS)) fail(where, `no transform named "${transform}"`);
      if (transform === 'lookup' && !(argument && argument in lookups)) fail(where, `no lookup table "${argument}"`);
      if (transform === 'term' && !(argument && argument in dataCiteVocabulary)) fail(where, `"${argument}" is not a DataCite vocabulary`);
      if (['label', 'resolve'].includes(transform!) && !argument) fail(where, `${transform} needs an argument (${transform}:…)`);
    }
    if (spec.required !== undefined && spec.required !== true && spec.required !== false && spec.required !== 'drop') fail(where, 'required is true or "drop"');
    for (const [key, member] of Object.entries(spec.object ?? {})) check(member, `${where}.${key}`);
    (spec.concat ?? []).forEach((member, i) => check(member, `${where}.concat[${i}]`));
    if (spec.when !== undefined) check(spec.when, `${where}.when`);
    if (spec.unless !== undefined) check(spec.unless, `${where}.unless`);
  };
  for (const key of ['where', 'identifier', 'datestamp'] as const) if (mapping[key] !== undefined) check(mapping[key]!, key);
  for (const [key, spec] of Object.entries(mapping.record)) check(spec, key);
}

// ---------------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------------

/**
 * The records of a JSON document, each read with the first of `mappings` whose `where` it meets (the
 * records are found as the first mapping says). A document that is not JSON, or holds no record, is refused.
 */
export function crosswalkJson(text: string, mappings: Mapping[]): ImportItem[] {
  const document = parseJsonDocument(text);
  const records = itemsOf(firstMatches(mappings[0]!.records, document));
  const items = records.flatMap((record, index): ImportItem[] => {
    const mapping = mappings.find((m) => meetsWhere(m, record));
    if (mapping) return [readRecord(mapping, record, index)];
    if (mappings.length === 1) return [];
    return [{ sourceIdentifier: `record ${index + 1}`, error: `not a record of the ${mappings.map((m) => m.name).join(' or ')} mapping` }];
  });
  if (items.length === 0) throw new DomainError('bad_request', `the document holds no record the ${mappings.map((m) => m.name).join(' or ')} mapping reads`);
  return items;
}

const scopeOf = (mapping: Mapping, record: unknown): Scope => ({ context: record, root: record, lookups: mapping.lookups ?? {} });

function meetsWhere(mapping: Mapping, record: unknown): boolean {
  if (mapping.where === undefined) return true;
  try {
    return !isAbsent(evaluate(mapping.where, scopeOf(mapping, record), 'where'));
  } catch (error) {
    if (error instanceof CrosswalkError || error === DROP) return false;
    throw error;
  }
}

/** One record read with `mapping`: its record input, or the error naming the field that could not be read. */
export function readRecord(mapping: Mapping, record: unknown, index = 0): ImportItem {
  const scope = scopeOf(mapping, record);
  const sourceIdentifier = textOrUndefined(() => mapping.identifier !== undefined && evaluate(mapping.identifier, scope, 'identifier')) ?? `record ${index + 1}`;
  const sourceDatestamp = textOrUndefined(() => mapping.datestamp !== undefined && evaluate(mapping.datestamp, scope, 'datestamp'));
  const described = { sourceIdentifier, ...(sourceDatestamp ? { sourceDatestamp } : {}) };
  try {
    const input: Record<string, unknown> = {};
    for (const [field, spec] of Object.entries(mapping.record)) {
      const value = evaluateField(spec, scope, field);
      if (!isAbsent(value)) input[field] = value;
    }
    return { record: input, ...described };
  } catch (error) {
    if (error instanceof CrosswalkError) return { ...described, error: error.message };
    throw error;
  }
}

function evaluateField(spec: Spec, scope: Scope, field: string): unknown {
  try {
    return evaluate(spec, scope, field);
  } catch (error) {
    if (error === DROP) return undefined;
    throw error;
  }
}

function textOrUndefined(read: () => unknown): string | undefined {
  try {
    const value = read();
    return typeof value === 'string' || typeof value === 'number' ? String(value).trim() || undefined : undefined;
  } catch {
    return undefined;
  }
}
