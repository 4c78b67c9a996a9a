/**
 * The vocabularies of data-use conditions: GA4GH DUO (vocab/duo.json, scripts/extract-duo-vocab.ts) and
 * fairharbor's own rules for what DUO lacks (vocab/data-use-terms.json).
 */
import { readFileSync } from 'node:fs';
import { packagePath } from './package-root.js';

export interface DuoTerm {
  id: string;
  shorthand: string;
  label: string;
  definition: string;
  iri: string;
  kind?: 'permission' | 'modifier';
  deprecated: boolean;
}

export interface OdrlRule {
  rule: 'prohibition' | 'duty';
  /** An ODRL action IRI, or a fragment (`#identify`) naming one of the vocabulary's own actions. */
  action: string;
  /** For a duty: the action of the permission it belongs to, when not odrl:use. */
  of?: string;
}

export interface PolicySource {
  policy: string;
  article: string;
  quote: string;
}

export interface DataUseTerm {
  id: string;
  label: string;
  text: string;
  odrl: OdrlRule;
  /** The record value that completes the rule's text: the acknowledgement to give, or the accession to cite. */
  detail?: { from: 'acknowledgement' | 'accession'; lead: string };
  example?: string;
  source: PolicySource[];
}

export interface DataUseAction {
  id: string;
  label: string;
  definition: string;
  includedIn: string;
}

interface DataUseVocabulary {
  actions: DataUseAction[];
  terms: DataUseTerm[];
}

const readVocabulary = <T>(file: string): T => JSON.parse(readFileSync(packagePath('vocab', file), 'utf8')) as T;

const duo = new Map(readVocabulary<{ terms: DuoTerm[] }>('duo.json').terms.map((term) => [term.id, term]));
const dataUse = readVocabulary<DataUseVocabulary>('data-use-terms.json');
const dataUseTerms = new Map(dataUse.terms.map((term) => [term.id, term]));

/** The DUO permission or modifier with this id (DUO:0000042), obsolete ones included and marked. */
export function duoTerm(id: string): DuoTerm | undefined {
  return duo.get(id);
}

/** The ids of fairharbor's data-use rules, in the vocabulary's order. */
export const DATA_USE_TERM_IDS: readonly string[] = dataUse.terms.map((term) => term.id);

export const DATA_USE_TERMS: readonly DataUseTerm[] = dataUse.terms;

export function dataUseTerm(id: string): DataUseTerm | undefined {
  return dataUseTerms.get(id);
}

/** The ODRL actions the vocabulary defines itself, for what ODRL's common vocabulary has no action. */
export const DATA_USE_ACTIONS: readonly DataUseAction[] = dataUse.actions;
