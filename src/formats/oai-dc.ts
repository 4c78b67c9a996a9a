/**
 * Simple Dublin Core for OAI-PMH (oai_dc), crosswalked from the DataCite view of the record the way
 * DataCite and OpenAIRE map their properties to the fifteen DC elements.
 */
import { normalizeDoi } from '../model/identifiers.js';
import type { FairRecord } from '../model/schema.js';
import { accessInstructions, accessInstructionsText } from './access-instructions.js';
import { accessRight, euRepoEmbargoEnd, isAccessRightUri } from './access-rights.js';
import { versionRelations } from './version-relations.js';
import { conditionStatement, dataUseConditions } from './data-use-conditions.js';
import { dataCiteAlternateIdentifiers, dataCiteDates } from './datacite-xml.js';
import { landingPageUrl, type OutputFormat, type RenderContext } from './format.js';
import { licenceOf } from './spdx-rights.js';
import { asDocument, serializeFragment, xmlFragment, XSI_NAMESPACE } from './xml.js';
import { appendElement } from './xml-text.js';

export const OAI_DC_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const OAI_DC_SCHEMA_URL = 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd';
export const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/';

export type DcElement =
  | 'title'
  | 'creator'
  | 'subject'
  | 'description'
  | 'publisher'
  | 'contributor'
  | 'date'
  | 'type'
  | 'format'
  | 'identifier'
  | 'source'
  | 'language'
  | 'relation'
  | 'coverage'
  | 'rights';

export interface DcStatement {
  element: DcElement;
  value: string;
  lang?: string;
}

type Rights = NonNullable<FairRecord['rightsList']>[number];

const DATES_OF_PUBLICATION = new Set(['Issued', 'Available']);

/** The record as Dublin Core statements, in the order of the oai_dc schema, without repetitions. */
export function dublinCore(record: FairRecord, context: RenderContext): DcStatement[] {
  const statements: DcStatement[] = [
    ...record.titles.map((t) => statement('title', t.title, t.lang)),
    ...record.creators.map((c) => statement('creator', c.name, c.lang)),
    ...(record.subjects ?? []).map((s) => statement('subject', s.subject, s.lang)),
    ...(record.descriptions ?? []).map((d) => statement('description', d.description, d.lang)),
    statement('publisher', record.publisher.name, record.publisher.lang),
    ...(record.contributors ?? []).map((c) => statement('contributor', c.name, c.lang)),
    ...publicationDates(record).map((date) => statement('date', date)),
    ...resourceTypes(record).map((type) => statement('type', type)),
    ...(record.formats ?? []).map((format) => statement('format', format)),
    ...identifiers(record, context).map((identifier) => statement('identifier', identifier)),
    ...sources(record).map((source) => statement('source', source)),
    ...(record.language ? [statement('language', record.language)] : []),
    ...[...(record.relatedIdentifiers ?? []), ...versionRelations(record, context)].map((r) => statement('relation', identifierText(r.relatedIdentifier, r.relatedIdentifierType))),
    ...coverage(record).map((extent) => statement('coverage', extent)),
    ...rights(record, context).map((right) => statement('rights', right)),
  ];
  const seen = new Set<string>();
  return statements.filter(({ element, value, lang }) => {
    const key = `${element}\n${lang ?? ''}\n${value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function statement(element: DcElement, value: string, lang?: string): DcStatement {
  return lang ? { element, value, lang } : { element, value };
}

/** The year and dates of publication, and the end of an embargo as the OpenAIRE Guidelines state it in oai_dc. */
function publicationDates(record: FairRecord): string[] {
  const dates = dataCiteDates(record).filter((d) => DATES_OF_PUBLICATION.has(d.dateType));
  const embargoEnd = euRepoEmbargoEnd(record.access);
  return [String(record.publicationYear), ...dates.map((d) => d.date), ...(embargoEnd ? [embargoEnd] : [])];
}

function resourceTypes(record: FairRecord): string[] {
  const { resourceTypeGeneral, resourceType } = record.types;
  const differs = resourceType !== undefined && resourceType.toLowerCase() !== resourceTypeGeneral.toLowerCase();
  return differs ? [resourceTypeGeneral, resourceType] : [resourceTypeGeneral];
}

/** Identifiers in the form a reader can act on: DOIs as resolver URLs, CSTRs with their scheme prefix. */
function identifierText(value: string, type: string): string {
  if (type === 'DOI') {
    const doi = normalizeDoi(value);
    return doi ? `https://doi.org/${doi}` : value;
  }
  if (type === 'CSTR') return `CSTR:${value}`;
  return value;
}

function identifiers(record: FairRecord, context: RenderContext): string[] {
  const doi = record.doi ? [identifierText(record.doi, 'DOI')] : [];
  const alternates = dataCiteAlternateIdentifiers(record).map((a) => identifierText(a.alternateIdentifier, a.alternateIdentifierType));
  return [...doi, landingPageUrl(context, record.accession), ...alternates];
}

/** Where an imported record came from: the repository, and the record's identifier there, resolvable when it can be. */
function sources(record: FairRecord): string[] {
  if (!record.source) return [];
  const { repository, originalIdentifier } = record.source;
  const original = originalIdentifier?.trim();
  if (!original) return [repository];
  const doi = normalizeDoi(original);
  return [`${repository}: ${doi ? identifierText(doi, 'DOI') : original}`];
}

function coverage(record: FairRecord): string[] {
  const places = (record.geoLocations ?? []).flatMap((g) => (g.geoLocationPlace ? [g.geoLocationPlace] : []));
  const periods = (record.dates ?? []).filter((d) => d.dateType === 'Coverage').map((d) => d.date);
  return [...places, ...periods];
}

/**
 * Each licence by its text and URI (the licence's own page when the record names an SPDX licence without
 * one), one statement per data-use condition, then the access right: its COAR label and URI, and the
 * info:eu-repo term the OpenAIRE Guidelines ask of oai_dc.
 */
function rights(record: FairRecord, context: RenderContext): string[] {
  const licences = (record.rightsList ?? []).filter((r) => !isAccessRightUri(r.rightsUri)).flatMap(licenceTexts);
  const { label, uri, euRepoUri } = accessRight(record.access);
  const instructions = accessInstructions(record, context);
  return [...licences, ...dataUseConditions(record).map(conditionStatement), ...(instructions ? [accessInstructionsText(instructions)] : []), label, uri, euRepoUri];
}

function licenceTexts(rights: Rights): string[] {
  const licence = licenceOf(rights);
  return [rights.rights ?? licence?.name, rights.rightsUri ?? licence?.url].filter((text): text is string => text !== undefined);
}

/** The `<oai_dc:dc>` element as a string, without XML declaration. */
export function oaiDc(record: FairRecord, context: RenderContext): string {
  const root = xmlFragment();
  const dc = root.ele(OAI_DC_NAMESPACE, 'oai_dc:dc', {
    'xmlns:dc': DC_NAMESPACE,
    'xmlns:xsi': XSI_NAMESPACE,
    'xsi:schemaLocation': `${OAI_DC_NAMESPACE} ${OAI_DC_SCHEMA_URL}`,
  });
  for (const { element, value, lang } of dublinCore(record, context)) {
    appendElement(dc, `dc:${element}`, { 'xml:lang': lang }, value);
  }
  return serializeFragment(root);
}

export const oaiDcFormat: OutputFormat = {
  name: 'oai_dc',
  mediaTypes: [],
  contentType: 'application/xml',
  extension: 'xml',
  oai: {
    metadataPrefix: 'oai_dc',
    schema: OAI_DC_SCHEMA_URL,
    metadataNamespace: OAI_DC_NAMESPACE,
    render: oaiDc,
  },
  render: (record, context) => asDocument(oaiDc(record, context)),
};
