/**
 * The data-use conditions a record carries: its GA4GH DUO terms and modifiers, then fairharbor's data-use
 * rules, those implied by the rights its submitters reserve included. Each comes with its identifier and a
 * statement for people. Decided here only, so that every output (and the landing page) states the same
 * conditions in the same words.
 */
import { DATA_USE_ACTIONS, DATA_USE_TERMS, duoTerm, type DataUseAction, type DataUseTerm, type OdrlRule } from '../model/data-use-vocab.js';
import type { FairRecord } from '../model/schema.js';
import type { RenderContext } from './format.js';

export const DUO_SCHEME = 'DUO';
export const DUO_SCHEME_URI = 'http://purl.obolibrary.org/obo/';

export interface DuoCondition {
  scheme: 'DUO';
  /** The DUO id, DUO:0000042. */
  id: string;
  shorthand?: string;
  label: string;
  /** DUO's definition of the term. */
  text: string;
  /** The OBO IRI, http://purl.obolibrary.org/obo/DUO_0000042. */
  iri: string;
}

export interface RuleCondition {
  scheme: 'fairharbor';
  /** The rule's id in vocab/data-use-terms.json. */
  id: string;
  label: string;
  /** What the rule asks of data users, completed by the record's acknowledgement or accession where the rule takes one. */
  text: string;
  odrl: OdrlRule;
}

export type DataUseCondition = DuoCondition | RuleCondition;

type Access = FairRecord['access'];

/** The rules that the reserved rights of open access with reservation of rights (CNGBdb 2.1) amount to. */
function reservedRules(access: Access): string[] {
  const reserved = access.conditions?.reservedRights;
  if (!reserved) return [];
  return [
    ...(reserved.redistribution === 'prohibited' ? ['no-redistribution'] : []),
    ...(reserved.acknowledgementRequired ? ['acknowledge'] : []),
    ...(reserved.derivedIpConsentRequired ? ['derived-ip-consent'] : []),
  ];
}

function duoCondition(code: string, label: string | undefined): DuoCondition {
  const term = duoTerm(code);
  const iri = term?.iri ?? DUO_SCHEME_URI + code.replace(':', '_');
  const name = label ?? term?.label ?? code;
  return { scheme: 'DUO', id: code, ...(term?.shorthand ? { shorthand: term.shorthand } : {}), label: name, text: term?.definition ?? name, iri };
}

function duoConditions(access: Access): DuoCondition[] {
  const conditions = new Map<string, DuoCondition>();
  for (const { code, label, modifiers } of access.conditions?.duo ?? []) {
    for (const condition of [duoCondition(code, label), ...(modifiers ?? []).map((modifier) => duoCondition(modifier, undefined))]) {
      if (!conditions.has(condition.id)) conditions.set(condition.id, condition);
    }
  }
  return [...conditions.values()];
}

function ruleText(term: DataUseTerm, record: FairRecord): string {
  if (!term.detail) return term.text;
  const value = term.detail.from === 'accession' ? record.accession : record.access.acknowledgement;
  return value ? `${term.text} ${term.detail.lead} ${value}` : term.text;
}

function ruleConditions(record: FairRecord): RuleCondition[] {
  const ids = new Set([...(record.access.conditions?.rules ?? []), ...reservedRules(record.access)]);
  return DATA_USE_TERMS.filter((term) => ids.has(term.id)).map((term) => ({
    scheme: 'fairharbor',
    id: term.id,
    label: term.label,
    text: ruleText(term, record),
    odrl: term.odrl,
  }));
}

/** The record's DUO terms (each modifier after its term), then its rules in the vocabulary's order; each once. */
export function dataUseConditions(record: FairRecord): DataUseCondition[] {
  return [...duoConditions(record.access), ...ruleConditions(record)];
}

/** The condition in one sentence for people, naming the DUO term it is. */
export function conditionStatement(condition: DataUseCondition): string {
  if (condition.scheme === 'fairharbor') return `${condition.label}: ${condition.text}`;
  const code = condition.shorthand ? `GA4GH DUO ${condition.shorthand}, ${condition.id}` : `GA4GH DUO ${condition.id}`;
  return `${condition.label} (${code}): ${condition.text}`;
}

/** The data-use vocabulary as this repository publishes it; its own ODRL actions are fragments of it. */
export function dataUseVocabularyIri(context: RenderContext): string {
  return `${context.baseUrl}/vocab/data-use-terms`;
}

/** An action of a rule as an IRI: ODRL's own as they are, the vocabulary's (`#identify`) within the repository's vocabulary. */
export function odrlActionIri(action: string, context: RenderContext): string {
  return new URL(action, dataUseVocabularyIri(context)).href;
}

/** The vocabulary's own action a rule uses, if it uses one. */
export function profileAction(rule: OdrlRule): DataUseAction | undefined {
  return rule.action.startsWith('#') ? DATA_USE_ACTIONS.find((action) => `#${action.id}` === rule.action) : undefined;
}
