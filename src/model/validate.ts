import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { duoTerm } from './data-use-vocab.js';
import { ValidationError, type FieldProblem } from './errors.js';
import { normalizeCstr, normalizeDoi } from './identifiers.js';
import { AccessDecisionInputSchema, AccessRequestInputSchema, type AccessDecisionInput, type AccessRequestInput } from './access-request-schema.js';
import { HarvestRunInputSchema, HarvestSourceInputSchema, type HarvestRunInput, type HarvestSourceInput } from './harvest-source-schema.js';
import { ReviewLinkInputSchema, type ReviewLinkInput } from './review-link-schema.js';
import { CollectionInputSchema, RecordInputSchema, SERVER_OWNED_FIELDS, WithdrawalSchema, type Withdrawal, type CollectionInput, type RecordInput } from './schema.js';

const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false });
const checkRecordInput = ajv.compile<RecordInput>(RecordInputSchema);
const checkWithdrawal = ajv.compile<Withdrawal>(WithdrawalSchema);
const checkCollection = ajv.compile<CollectionInput>(CollectionInputSchema);
const checkReviewLink = ajv.compile<ReviewLinkInput>(ReviewLinkInputSchema);
const checkAccessRequest = ajv.compile<AccessRequestInput>(AccessRequestInputSchema);
const checkAccessDecision = ajv.compile<AccessDecisionInput>(AccessDecisionInputSchema);
const checkHarvestSource = ajv.compile<HarvestSourceInput>(HarvestSourceInputSchema);
const checkHarvestRun = ajv.compile<HarvestRunInput>(HarvestRunInputSchema);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(document: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (isPlainObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined), document);
}

function problemFrom(error: ErrorObject, document: unknown): FieldProblem {
  const field = error.instancePath;
  switch (error.keyword) {
    case 'required': {
      const missing = `${field}/${error.params.missingProperty}`;
      return { field: missing, rule: 'required', message: `${error.params.missingProperty} is required` };
    }
    case 'additionalProperties':
      return {
        field: `${field}/${error.params.additionalProperty}`,
        rule: 'additionalProperties',
        message: `${error.params.additionalProperty} is not a field of this object`,
      };
    case 'enum': {
      const allowed: unknown[] = error.params.allowedValues;
      const list = allowed.length > 12 ? `${allowed.slice(0, 12).join(', ')}, …` : allowed.join(', ');
      const vocabulary = (error.parentSchema as { description?: string } | undefined)?.description;
      return {
        field,
        rule: 'enum',
        message: `${describe(valueAt(document, field))} is not ${vocabulary ? `a ${vocabulary} value` : 'an allowed value'} (allowed: ${list})`,
      };
    }
    case 'pattern': {
      const what = (error.parentSchema as { description?: string } | undefined)?.description;
      return { field, rule: 'pattern', message: `${describe(valueAt(document, field))} is not ${what ?? `of the form ${error.params.pattern}`}` };
    }
    case 'type': {
      const what = (error.parentSchema as { description?: string } | undefined)?.description;
      const message = what ? `${describe(valueAt(document, field))} is not a ${what}` : `${describe(valueAt(document, field))} ${error.message}`;
      return { field, rule: 'type', message };
    }
    default:
      return { field, rule: error.keyword, message: error.message ?? 'is invalid' };
  }
}

const DUO_CODE = /^DUO:\d{7}$/;

/** Each DUO code, of a term or a modifier, must name a current GA4GH DUO data use permission or modifier. */
function duoProblems(access: Record<string, unknown> | undefined): FieldProblem[] {
  const conditions = access?.conditions;
  const terms = isPlainObject(conditions) && Array.isArray(conditions.duo) ? conditions.duo : [];
  const codes = terms.flatMap((term: unknown, i) => {
    if (!isPlainObject(term)) return [];
    const modifiers = Array.isArray(term.modifiers) ? term.modifiers : [];
    return [
      { field: `/access/conditions/duo/${i}/code`, code: term.code },
      ...modifiers.map((code: unknown, j) => ({ field: `/access/conditions/duo/${i}/modifiers/${j}`, code })),
    ];
  });
  return codes.flatMap(({ field, code }): FieldProblem[] => {
    if (typeof code !== 'string' || !DUO_CODE.test(code)) return [];
    const term = duoTerm(code);
    if (!term) return [{ field, rule: 'enum', message: `${code} is not a GA4GH DUO term (a data use permission or modifier)` }];
    if (term.deprecated) return [{ field, rule: 'deprecated', message: `${code} (${term.shorthand}) is an obsolete GA4GH DUO term: "${term.label}"` }];
    return [];
  });
}

function isRealCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}

/**
 * Normalizes the forms people commonly send (identifier URLs, a year as a string, a publisher or an
 * affiliation as plain text) so that validation judges the meaning, not the spelling.
 */
function normalizeInput(raw: Record<string, unknown>, problems: FieldProblem[]): Record<string, unknown> {
  const input: Record<string, unknown> = { ...raw };
  for (const field of SERVER_OWNED_FIELDS) delete input[field];

  if (typeof input.doi === 'string') {
    const doi = normalizeDoi(input.doi);
    if (doi) input.doi = doi;
    else problems.push({ field: '/doi', rule: 'format', message: `${describe(input.doi)} is not a DOI (expected 10.NNNN/suffix, doi:…, or https://doi.org/…)` });
  }
  if (typeof input.cstr === 'string') {
    const cstr = normalizeCstr(input.cstr);
    if (cstr) input.cstr = cstr;
    else problems.push({ field: '/cstr', rule: 'format', message: `${describe(input.cstr)} is not a CSTR (expected NNNNN.NN.local-id, CSTR:…, or https://cstr.cn/…)` });
  }
  if (typeof input.publicationYear === 'string' && /^\d{4}$/.test(input.publicationYear.trim())) {
    input.publicationYear = Number(input.publicationYear.trim());
  }
  if (typeof input.publisher === 'string') input.publisher = { name: input.publisher };
  for (const key of ['creators', 'contributors'] as const) {
    const people = input[key];
    if (!Array.isArray(people)) continue;
    input[key] = people.map((person) =>
      isPlainObject(person) && Array.isArray(person.affiliation)
        ? { ...person, affiliation: person.affiliation.map((a: unknown) => (typeof a === 'string' ? { name: a } : a)) }
        : person,
    );
  }
  return input;
}

/** A file's name may place it in folders (`raw/a.csv`), but never outside the record's own. */
function fileNameProblems(files: unknown): FieldProblem[] {
  if (!Array.isArray(files)) return [];
  return files.flatMap((file, index) => {
    const name = isPlainObject(file) ? file.name : undefined;
    if (typeof name !== 'string' || !(name.startsWith('/') || name.includes('\\') || name.split('/').includes('..'))) return [];
    return [{ field: `/files/${index}/name`, rule: 'format', message: `${describe(name)} is not a file name: folders are separated by "/", and a name may not start with "/" or hold ".." or "\\"` }];
  });
}

/** Characters XML 1.0 cannot carry: C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF; lone surrogates. */
const UNENCODABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** No database keeps NUL in text (PostgreSQL refuses it), so not even a source's record may hold it. */
const NUL = /\u0000/;

/** Whether any text in `input` holds a character `forbidden` matches; almost never, so found first without naming where. */
function holdsCharacter(input: unknown, forbidden: RegExp): boolean {
  const pending: unknown[] = [input];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (forbidden.test(value)) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
    } else if (isPlainObject(value)) {
      for (const item of Object.values(value)) pending.push(item);
    }
  }
  return false;
}

/**
 * Every text a client sends must be one every format can carry: a title with NUL or ESC in it would be
 * dropped from XML and sent as is in JSON, so the same record would read differently by format.
 */
function unencodableCharacterProblems(input: unknown, forbidden: RegExp): FieldProblem[] {
  if (!holdsCharacter(input, forbidden)) return [];
  const problems: FieldProblem[] = [];
  const pending: Array<[unknown, string]> = [[input, '']];
  while (pending.length > 0) {
    const [value, pointer] = pending.pop()!;
    if (typeof value === 'string') {
      const found = forbidden.exec(value);
      if (found) {
        const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
        problems.push({ field: pointer, rule: 'characters', message: `holds U+${code}, a character XML cannot carry (control characters other than tab and line breaks, U+FFFE, U+FFFF and unpaired surrogates)` });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push([item, `${pointer}/${index}`]));
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) pending.push([item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
    }
  }
  return problems.reverse();
}

/** The record input, normalized, and every problem found in it (none when it is valid). */
function inspectRecordInput(raw: unknown, origin: 'client' | 'source'): { input?: Record<string, unknown>; problems: FieldProblem[] } {
  if (!isPlainObject(raw)) return { problems: [{ field: '', rule: 'type', message: 'a record must be a JSON object' }] };
  const problems: FieldProblem[] = [];
  const input = normalizeInput(raw, problems);
  const identifierFields = new Set(problems.map((p) => p.field));
  if (!checkRecordInput(input)) {
    for (const error of checkRecordInput.errors ?? []) {
      const problem = problemFrom(error, input);
      if (!identifierFields.has(problem.field)) problems.push(problem);
    }
  }
  const access = input.access as Record<string, unknown> | undefined;
  for (const key of ['releaseDate', 'embargoEnd'] as const) {
    const date = access?.[key];
    if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) && !isRealCalendarDate(date)) {
      problems.push({ field: `/access/${key}`, rule: 'format', message: `${date} is not a calendar date` });
    }
  }
  problems.push(...duoProblems(access));
  problems.push(...fileNameProblems(input.files));
  problems.push(...unencodableCharacterProblems(input, origin === 'client' ? UNENCODABLE : NUL));
  return { input, problems: dedupe(problems) };
}

/**
 * Validates a record a client sent; throws a ValidationError naming every field at fault. Records read
 * from another repository (`origin: 'source'`) keep characters XML cannot carry as their source wrote
 * them (XML output leaves those characters out), all but NUL.
 */
export function validateRecordInput(raw: unknown, origin: 'client' | 'source' = 'client'): RecordInput {
  const { input, problems } = inspectRecordInput(raw, origin);
  if (problems.length > 0) throw new ValidationError(problems);
  return input as RecordInput;
}

/**
 * Validation in two steps, for records checked ahead of their use on another thread (an import's reader
 * thread): `recordInputProblems` finds what validateRecordInput would refuse the record for, and
 * `acceptRecordInput`, given what was found, refuses it with that or returns the input
 * validateRecordInput returns.
 */
export function recordInputProblems(raw: unknown, origin: 'client' | 'source' = 'client'): FieldProblem[] {
  return inspectRecordInput(raw, origin).problems;
}

export function acceptRecordInput(raw: Record<string, unknown>, problems: FieldProblem[]): RecordInput {
  if (problems.length > 0) throw new ValidationError(problems);
  // Normalizing finds problems only in a record that has some.
  return normalizeInput(raw, []) as RecordInput;
}

export function validateWithdrawal(raw: unknown): Withdrawal {
  if (checkWithdrawal(raw)) return raw;
  const problems = (checkWithdrawal.errors ?? []).map((e) => problemFrom(e, raw));
  throw new ValidationError(problems.length ? problems : [{ field: '/reason', rule: 'required', message: 'reason is required' }]);
}

export function validateCollectionInput(raw: unknown): CollectionInput {
  if (checkCollection(raw)) return raw;
  throw new ValidationError((checkCollection.errors ?? []).map((e) => problemFrom(e, raw)));
}

export function validateReviewLinkInput(raw: unknown): ReviewLinkInput {
  const body = raw ?? {};
  if (checkReviewLink(body)) return body;
  throw new ValidationError((checkReviewLink.errors ?? []).map((e) => problemFrom(e, body)));
}

/** Top-level text fields holding only white space: a form answer left empty. */
function blankFields(body: unknown): FieldProblem[] {
  if (!isPlainObject(body)) return [];
  return Object.entries(body)
    .filter(([, value]) => typeof value === 'string' && value.length > 0 && value.trim() === '')
    .map(([key]) => ({ field: `/${key}`, rule: 'required', message: `${key} must not be blank` }));
}

/** Schema problems and blank answers, all named by field. */
function checkAnswers<T>(check: ValidateFunction<T>, raw: unknown): T {
  const problems = check(raw) ? [] : (check.errors ?? []).map((e) => problemFrom(e, raw));
  problems.push(...blankFields(raw));
  if (problems.length === 0) return raw as T;
  throw new ValidationError(dedupe(problems));
}

export function validateAccessRequestInput(raw: unknown): AccessRequestInput {
  return checkAnswers(checkAccessRequest, raw);
}

export function validateAccessDecisionInput(raw: unknown): AccessDecisionInput {
  return checkAnswers(checkAccessDecision, raw);
}

export function validateHarvestSourceInput(raw: unknown): HarvestSourceInput {
  return checkAnswers(checkHarvestSource, raw);
}

export function validateHarvestRunInput(raw: unknown): HarvestRunInput {
  return checkAnswers(checkHarvestRun, raw ?? {});
}

function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
