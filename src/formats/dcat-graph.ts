/**
 * A record as one RDF graph in DCAT 3 terms, shaped to conform to DCAT-AP 3.0.1: the repository's
 * catalogue, the dataset, its distributions (one per file), its data-use conditions as an ODRL offer and,
 * for imported records, where it came from in PROV. Turtle, N-Triples and RDF/XML all serialize this graph.
 *
 * DCAT-AP's SHACL shapes check the class of many values (sh:class) without inference, so every node that
 * a shape constrains is typed explicitly, even where the type follows from the property.
 */
import { iso6393To1 } from 'iso-639-3';
import { DataFactory, type BlankNode, type Literal, type NamedNode, type Quad, type Quad_Object } from 'n3';
import { normalizeDoi } from '../model/identifiers.js';
import type { FairRecord } from '../model/schema.js';
import { filesOpenToEveryone } from '../policy/downloads.js';
import { accessRight, isAccessRightUri } from './access-rights.js';
import {
  dataUseConditions,
  dataUseVocabularyIri,
  odrlActionIri,
  profileAction,
  type DataUseCondition,
  type DuoCondition,
  type RuleCondition,
} from './data-use-conditions.js';
import { dataCiteAlternateIdentifiers } from './datacite-xml.js';
import { accessInstructions } from './access-instructions.js';
import { conceptUrl, hasPublicVersions, versionRelations } from './version-relations.js';
import { landingPageUrl, type RenderContext } from './format.js';
import { licenceIri as licenceUrl } from './spdx-rights.js';
import {
  ADMS,
  ADMS_STATUS,
  DATACITE,
  DCAT,
  DCT,
  DOI_RESOLVER,
  EU_LANGUAGE,
  FOAF,
  GSP,
  IANA_MEDIA_TYPES,
  ODRL,
  ORCID,
  PROV,
  RDF,
  RDFS,
  SKOS,
  SPDX,
  VCARD,
  XSD,
} from './namespaces.js';

type Node = NamedNode | BlankNode;
type Creator = FairRecord['creators'][number];
type Subject = NonNullable<FairRecord['subjects']>[number];
type DateEntry = NonNullable<FairRecord['dates']>[number];
type RelatedIdentifier = NonNullable<FairRecord['relatedIdentifiers']>[number];
type Rights = NonNullable<FairRecord['rightsList']>[number];
type GeoLocation = NonNullable<FairRecord['geoLocations']>[number];
type GeoBox = NonNullable<GeoLocation['geoLocationBox']>;
type FileEntry = NonNullable<FairRecord['files']>[number];
type Source = NonNullable<FairRecord['source']>;

const { namedNode, blankNode, literal, quad } = DataFactory;

/**
 * Collects the triples of one record, each once, in the order they were first added. Blank nodes are
 * numbered in creation order, so a record always serializes identically (ETags).
 */
class Graph {
  readonly quads: Quad[] = [];
  private readonly added = new Set<string>();
  private blankNodeCount = 0;

  add(subject: Node, predicate: NamedNode, object: Quad_Object): void {
    const key = `${subject.id} ${predicate.id} ${object.id}`;
    if (this.added.has(key)) return;
    this.added.add(key);
    this.quads.push(quad(subject, predicate, object));
  }

  /** A new blank node, or `subject`, typed with each class. */
  node(subject: Node | undefined, ...classes: NamedNode[]): Node {
    const node = subject ?? blankNode(`b${this.blankNodeCount++}`);
    for (const type of classes) this.add(node, RDF('type'), type);
    return node;
  }
}

/** What every part of the dataset description needs. */
interface Scope {
  graph: Graph;
  record: FairRecord;
  context: RenderContext;
  dataset: NamedNode;
  /** The repository as an agent: publisher of the catalogue, agency of accessions, assigner of data-use policies. */
  repository: Node;
}

/** The triples describing `record`, and the repository's catalogue listing it. */
export function dcatGraph(record: FairRecord, context: RenderContext): Quad[] {
  const graph = new Graph();
  const dataset = iri(landingPageUrl(context, record.accession));
  const repository = addCatalog(graph, context, dataset);
  addDataset({ graph, record, context, dataset, repository });
  return graph.quads;
}

// ---------------------------------------------------------------------------------------------------
// Terms
// ---------------------------------------------------------------------------------------------------

/** A URL as an IRI. Record URLs are only checked to start with http(s), so characters no IRI may hold are percent-encoded. */
function iri(url: string): NamedNode {
  return namedNode(url.replace(/[\u0000-\u0020<>"{}|\\^`]/g, (c) => encodeURIComponent(c)));
}

/**
 * A plain or language-tagged literal. The same graph must survive RDF/XML: XML parsers turn CR and CRLF
 * into LF and XML 1.0 cannot carry most control characters at all, so the text is made XML-safe here.
 */
function text(value: string, lang?: string): Literal {
  const xmlSafe = value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
  // Language tags are case-insensitive; parsers differ in whether they keep the case, so it is settled here.
  return literal(xmlSafe, lang?.toLowerCase());
}

function typed(value: string, datatype: NamedNode): Literal {
  return literal(value, datatype);
}

const HTTP_URL = /^https?:\/\/\S+$/i;
const XSD_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** A DataCite date (year, month, day or date-time) as the matching XSD literal; a time XSD cannot read is dropped to its day. */
function dateLiteral(value: string): Literal | undefined {
  const date = value.trim().replace(' ', 'T');
  if (/^\d{4}$/.test(date)) return typed(date, XSD('gYear'));
  if (/^\d{4}-\d{2}$/.test(date)) return typed(date, XSD('gYearMonth'));
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return typed(date, XSD('date'));
  if (XSD_DATE_TIME.test(date)) return typed(date, XSD('dateTime'));
  const day = /^\d{4}-\d{2}-\d{2}/.exec(date);
  return day ? typed(day[0], XSD('date')) : undefined;
}

/** Start and end of a DataCite date or date range (`START/END`, either side may be open). */
function dateRange(date: string): { start?: string; end?: string } {
  const [start, end] = date.split('/');
  return { start: start || undefined, end: end || undefined };
}

// ---------------------------------------------------------------------------------------------------
// Catalogue and dataset
// ---------------------------------------------------------------------------------------------------

/** The repository as an agent; the catalogue is its base URL, the agent a fragment of it. */
export function repositoryAgentIri(context: RenderContext): string {
  return `${context.baseUrl}/#repository`;
}

export function catalogIri(context: RenderContext): string {
  return `${context.baseUrl}/`;
}

function addCatalog(graph: Graph, context: RenderContext, dataset: NamedNode): Node {
  const catalog = graph.node(iri(catalogIri(context)), DCAT('Catalog'));
  // Named, not blank, so that the graphs of many records (an export) share one repository agent.
  const repository = graph.node(iri(repositoryAgentIri(context)), FOAF('Agent'));
  graph.add(repository, FOAF('name'), text(context.repositoryName));
  graph.add(catalog, DCT('title'), text(context.repositoryName));
  graph.add(catalog, DCT('description'), text(`The research data records published by ${context.repositoryName}.`, 'en'));
  graph.add(catalog, DCT('publisher'), repository);
  graph.add(catalog, DCAT('dataset'), dataset);
  return repository;
}

function addDataset(scope: Scope): void {
  const { graph, record, dataset } = scope;
  // The dataset is named by its landing page, so that IRI is the landing page too (DCAT-AP wants it typed).
  graph.node(dataset, DCAT('Dataset'), FOAF('Document'));
  graph.add(dataset, DCAT('landingPage'), dataset);
  addTitles(scope);
  addDescriptions(scope);
  addIdentifiers(scope);
  for (const creator of record.creators) graph.add(dataset, DCT('creator'), addCreator(graph, creator));
  graph.add(dataset, DCT('publisher'), addPublisher(graph, record.publisher));
  addIssuedAndModified(scope);
  if (record.status === 'withdrawn') {
    addWithdrawal(scope);
    return;
  }
  addKeywordsAndThemes(scope);
  addLanguage(scope);
  addSpatialCoverage(scope);
  addTemporalCoverage(scope);
  if (record.version) graph.add(dataset, DCAT('version'), text(record.version));
  addRelations(scope);
  addCurrentVersion(scope);
  addContactPoints(scope);
  addAccessRights(scope);
  addProvenance(scope);
  const licence = addRights(scope);
  const policy = addDataUsePolicy(scope);
  addDistributions(scope, licence, policy);
}

const ALTERNATIVE_TITLE_TYPES = new Set(['AlternativeTitle', 'Subtitle', 'Other']);

/** Main and translated titles are titles in DCAT; alternative titles and subtitles are dct:alternative. */
function addTitles({ graph, record, dataset }: Scope): void {
  for (const { title, titleType, lang } of record.titles) {
    const property = titleType && ALTERNATIVE_TITLE_TYPES.has(titleType) ? DCT('alternative') : DCT('title');
    graph.add(dataset, property, text(title, lang));
  }
}

/** DCAT-AP requires a description: a record without one (a tombstone, say) gets one that says what is known. */
function addDescriptions({ graph, record, dataset }: Scope): void {
  const descriptions = record.descriptions ?? [];
  for (const { description, lang } of descriptions) graph.add(dataset, DCT('description'), text(description, lang));
  if (descriptions.length > 0) return;
  if (record.tombstone) {
    const { date, reason } = record.tombstone;
    graph.add(dataset, DCT('description'), text(`This dataset was withdrawn on ${date.slice(0, 10)}. Reason: ${reason}`));
  } else {
    const mainTitle = record.titles.find((t) => !t.titleType) ?? record.titles[0]!;
    graph.add(dataset, DCT('description'), text(mainTitle.title, mainTitle.lang));
  }
}

// ---------------------------------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------------------------------

interface IdentifierScheme {
  /** DCAT-AP names an identifier's scheme by the datatype of its notation, where the scheme has an IRI. */
  datatype?: NamedNode;
  agency: string;
}

const IDENTIFIER_SCHEMES: Record<string, IdentifierScheme> = {
  DOI: { datatype: DATACITE('doi'), agency: 'International DOI Foundation' },
  CSTR: { agency: 'CSTR Identification Platform' },
};

/** The accession (dct:identifier) and the DOI URL as literals, and every identifier as an adms:Identifier. */
function addIdentifiers(scope: Scope): void {
  const { graph, record, dataset } = scope;
  graph.add(dataset, DCT('identifier'), text(record.accession));
  if (record.doi) {
    graph.add(dataset, DCT('identifier'), text(DOI_RESOLVER(record.doi).value));
    addIdentifier(scope, record.doi, 'DOI');
  }
  for (const { alternateIdentifier, alternateIdentifierType } of dataCiteAlternateIdentifiers(record)) {
    addIdentifier(scope, alternateIdentifier, alternateIdentifierType);
  }
}

function addIdentifier({ graph, context, dataset, repository }: Scope, notation: string, type: string): void {
  const identifier = graph.node(undefined, ADMS('Identifier'));
  graph.add(dataset, ADMS('identifier'), identifier);
  const scheme = IDENTIFIER_SCHEMES[type.toUpperCase()];
  graph.add(identifier, SKOS('notation'), scheme?.datatype ? typed(notation, scheme.datatype) : text(notation));
  if (type === 'Accession') {
    graph.add(identifier, ADMS('schemaAgency'), text(context.repositoryName));
    graph.add(identifier, DCT('creator'), repository);
  } else if (scheme) {
    graph.add(identifier, ADMS('schemaAgency'), text(scheme.agency));
  } else {
    // A scheme known only by DataCite's free-text identifier type, such as "BioStudies accession".
    graph.add(identifier, RDFS('comment'), text(type));
  }
}

// ---------------------------------------------------------------------------------------------------
// Agents
// ---------------------------------------------------------------------------------------------------

const ORCID_ID = /^(?:https?:\/\/orcid\.org\/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/i;
const ROR_ID = /^(?:https?:\/\/ror\.org\/)?(0[a-z0-9]{8})$/i;

/** The IRI an agent is known by: its ORCID or ROR id, or any identifier that is already an http(s) URL. */
function agentIri(identifier: string | undefined, scheme: string | undefined): NamedNode | undefined {
  if (!identifier) return undefined;
  const id = identifier.trim();
  const orcid = ORCID_ID.exec(id);
  if (orcid && (scheme?.toUpperCase() === 'ORCID' || id.includes('orcid.org'))) return ORCID(orcid[1]!.toUpperCase());
  const ror = ROR_ID.exec(id);
  if (ror && (scheme?.toUpperCase() === 'ROR' || id.includes('ror.org'))) return iri(`https://ror.org/${ror[1]!.toLowerCase()}`);
  return HTTP_URL.test(id) ? iri(id) : undefined;
}

function addCreator(graph: Graph, creator: Creator): Node {
  const identified = (creator.nameIdentifiers ?? []).map((id) => agentIri(id.nameIdentifier, id.nameIdentifierScheme)).find(Boolean);
  const kind = creator.nameType === 'Personal' ? [FOAF('Person')] : creator.nameType === 'Organizational' ? [FOAF('Organization')] : [];
  const agent = graph.node(identified, FOAF('Agent'), ...kind);
  graph.add(agent, FOAF('name'), text(creator.name, creator.lang));
  if (creator.givenName) graph.add(agent, FOAF('givenName'), text(creator.givenName, creator.lang));
  if (creator.familyName) graph.add(agent, FOAF('familyName'), text(creator.familyName, creator.lang));
  return agent;
}

function addPublisher(graph: Graph, publisher: FairRecord['publisher']): Node {
  const agent = graph.node(agentIri(publisher.publisherIdentifier, publisher.publisherIdentifierScheme), FOAF('Agent'));
  graph.add(agent, FOAF('name'), text(publisher.name, publisher.lang));
  return agent;
}

/** DataCite's contact persons are the dataset's contact points, as vCard kinds. */
function addContactPoints({ graph, record, dataset }: Scope): void {
  for (const contact of (record.contributors ?? []).filter((c) => c.contributorType === 'ContactPerson')) {
    const kind = contact.nameType === 'Personal' ? [VCARD('Individual')] : contact.nameType === 'Organizational' ? [VCARD('Organization')] : [];
    const card = graph.node(undefined, VCARD('Kind'), ...kind);
    graph.add(card, VCARD('fn'), text(contact.name, contact.lang));
    graph.add(dataset, DCAT('contactPoint'), card);
  }
}

// ---------------------------------------------------------------------------------------------------
// Dates, subjects, language, coverage, relations
// ---------------------------------------------------------------------------------------------------

const datesOfType = (record: FairRecord, dateType: string): DateEntry[] => (record.dates ?? []).filter((d) => d.dateType === dateType);

/** DCAT-AP allows one issued and one modified date: the first Issued date, and the last Updated one (or the withdrawal). */
function addIssuedAndModified({ graph, record, dataset }: Scope): void {
  graph.add(dataset, DCT('issued'), issuedLiteral(record));
  const modified = modifiedLiteral(record);
  if (modified) graph.add(dataset, DCT('modified'), modified);
}

function issuedLiteral(record: FairRecord): Literal {
  const issued = datesOfType(record, 'Issued')[0];
  const start = issued && dateRange(issued.date).start;
  return (
    (start && dateLiteral(start)) ||
    (record.access.releaseDate && dateLiteral(record.access.releaseDate)) ||
    typed(String(record.publicationYear), XSD('gYear'))
  );
}

function modifiedLiteral(record: FairRecord): Literal | undefined {
  if (record.tombstone) return dateLiteral(record.tombstone.date);
  const updated = datesOfType(record, 'Updated').at(-1);
  if (!updated) return undefined;
  const { start, end } = dateRange(updated.date);
  const last = end ?? start;
  return last ? dateLiteral(last) : undefined;
}

/** Every subject is a keyword; one with a concept IRI is also a theme, a skos:Concept as DCAT-AP requires. */
function addKeywordsAndThemes({ graph, record, dataset }: Scope): void {
  const themes = new Set<string>();
  for (const subject of record.subjects ?? []) {
    graph.add(dataset, DCAT('keyword'), text(subject.subject, subject.lang));
    if (subject.valueUri && !themes.has(subject.valueUri)) {
      themes.add(subject.valueUri);
      graph.add(dataset, DCAT('theme'), addConcept(graph, subject, subject.valueUri));
    }
  }
}

function addConcept(graph: Graph, subject: Subject, valueUri: string): Node {
  const concept = graph.node(iri(valueUri), SKOS('Concept'));
  graph.add(concept, SKOS('prefLabel'), text(subject.subject, subject.lang));
  if (subject.schemeUri && subject.subjectScheme) {
    const scheme = graph.node(iri(subject.schemeUri), SKOS('ConceptScheme'));
    graph.add(scheme, DCT('title'), text(subject.subjectScheme));
    graph.add(concept, SKOS('inScheme'), scheme);
  }
  return concept;
}

/** ISO 639-1 code → the three-letter code the EU language authority uses (ISO 639-3, upper case). */
const EU_LANGUAGE_CODES = new Map(Object.entries(iso6393To1).map(([threeLetter, twoLetter]) => [twoLetter, threeLetter.toUpperCase()]));

function addLanguage({ graph, record, dataset }: Scope): void {
  const primary = record.language?.split('-')[0]?.toLowerCase();
  const code = primary && EU_LANGUAGE_CODES.get(primary);
  if (code) graph.add(dataset, DCT('language'), graph.node(EU_LANGUAGE(code), DCT('LinguisticSystem')));
}

const wkt = (geometry: string) => typed(geometry, GSP('wktLiteral'));

function boxPolygon({ westBoundLongitude: w, eastBoundLongitude: e, southBoundLatitude: s, northBoundLatitude: n }: GeoBox): string {
  return `POLYGON((${w} ${s}, ${e} ${s}, ${e} ${n}, ${w} ${n}, ${w} ${s}))`;
}

/**
 * A place name, point (as centroid) and box (as bbox) become one dct:Location. Polygons are left out: the
 * two DCAT-AP 3.0.1 shape files disagree on whether locn:geometry is a literal or a node.
 */
function addSpatialCoverage({ graph, record, dataset }: Scope): void {
  for (const { geoLocationPlace, geoLocationPoint, geoLocationBox } of record.geoLocations ?? []) {
    if (!geoLocationPlace && !geoLocationPoint && !geoLocationBox) continue;
    const location = graph.node(undefined, DCT('Location'));
    if (geoLocationPlace) graph.add(location, SKOS('prefLabel'), text(geoLocationPlace));
    if (geoLocationPoint) graph.add(location, DCAT('centroid'), wkt(`POINT(${geoLocationPoint.pointLongitude} ${geoLocationPoint.pointLatitude})`));
    if (geoLocationBox) graph.add(location, DCAT('bbox'), wkt(boxPolygon(geoLocationBox)));
    graph.add(dataset, DCT('spatial'), location);
  }
}

/** The period the data cover: DataCite's Coverage dates that are ranges (collection dates are not coverage). */
function addTemporalCoverage({ graph, record, dataset }: Scope): void {
  for (const { date } of datesOfType(record, 'Coverage').filter((d) => d.date.includes('/'))) {
    const { start, end } = dateRange(date);
    const startDate = start && dateLiteral(start);
    const endDate = end && dateLiteral(end);
    if (!startDate && !endDate) continue;
    const period = graph.node(undefined, DCT('PeriodOfTime'));
    if (startDate) graph.add(period, DCAT('startDate'), startDate);
    if (endDate) graph.add(period, DCAT('endDate'), endDate);
    graph.add(dataset, DCT('temporal'), period);
  }
}

/** DataCite relation types with a counterpart in DCAT, Dublin Core, PROV or FOAF; the others are dct:relation. */
const RELATION_PROPERTIES: Record<string, NamedNode> = {
  IsVersionOf: DCT('isVersionOf'),
  HasVersion: DCT('hasVersion'),
  IsNewVersionOf: DCAT('previousVersion'),
  IsCitedBy: DCT('isReferencedBy'),
  IsReferencedBy: DCT('isReferencedBy'),
  Cites: DCT('references'),
  References: DCT('references'),
  IsPartOf: DCT('isPartOf'),
  HasPart: DCT('hasPart'),
  Requires: DCT('requires'),
  IsRequiredBy: DCT('isRequiredBy'),
  Obsoletes: DCT('replaces'),
  IsObsoletedBy: DCT('isReplacedBy'),
  IsDerivedFrom: PROV('wasDerivedFrom'),
  IsDocumentedBy: FOAF('page'),
  IsDescribedBy: FOAF('page'),
};

function addRelations({ graph, record, context, dataset }: Scope): void {
  for (const related of [...(record.relatedIdentifiers ?? []), ...versionRelations(record, context)]) {
    const resource = relatedResource(graph, related);
    if (related.relationType === 'IsPreviousVersionOf') {
      // DCAT 3 only names the link from the newer version to the older one.
      graph.add(resource, DCAT('previousVersion'), dataset);
      continue;
    }
    const property = RELATION_PROPERTIES[related.relationType] ?? DCT('relation');
    if (property.equals(FOAF('page'))) graph.node(resource, FOAF('Document'));
    graph.add(dataset, property, resource);
  }
}

/** DCAT 3 versioning: the concept of all versions has the newest public one as its current version. */
function addCurrentVersion({ graph, record, context }: Scope): void {
  const latest = record.versions.latestAccession;
  if (!latest || !hasPublicVersions(record)) return;
  graph.add(iri(conceptUrl(record, context)), DCAT('hasCurrentVersion'), iri(landingPageUrl(context, latest)));
}

/** The IRI of a related resource when its identifier resolves; otherwise a node holding the identifier. */
function relatedResource(graph: Graph, { relatedIdentifier, relatedIdentifierType }: RelatedIdentifier): Node {
  const id = relatedIdentifier.trim();
  const doi = relatedIdentifierType === 'DOI' ? normalizeDoi(id) : undefined;
  const resolvable: Record<string, string | undefined> = {
    DOI: doi && DOI_RESOLVER(doi).value,
    URL: HTTP_URL.test(id) ? id : undefined,
    Handle: `https://hdl.handle.net/${id.replace(/^hdl:/i, '')}`,
    ARK: `https://n2t.net/${id}`,
    arXiv: `https://arxiv.org/abs/${id.replace(/^arxiv:/i, '')}`,
    PMID: /^\d+$/.test(id) ? `https://pubmed.ncbi.nlm.nih.gov/${id}` : undefined,
  };
  const url = resolvable[relatedIdentifierType];
  if (url) return iri(url);
  const resource = graph.node(undefined);
  graph.add(resource, DCT('identifier'), text(id));
  return resource;
}

// ---------------------------------------------------------------------------------------------------
// Access, licence and data-use conditions
// ---------------------------------------------------------------------------------------------------

/** The COAR access right, the one every output states (access-rights.ts). */
function addAccessRights({ graph, record, dataset }: Scope): void {
  const { uri, label } = accessRight(record.access);
  const statement = graph.node(iri(uri), DCT('RightsStatement'));
  graph.add(statement, RDFS('label'), text(label, 'en'));
  graph.add(dataset, DCT('accessRights'), statement);
}

/** The IRI of a licence: its SPDX page when it names an SPDX licence by id or name, else its own URI. */
function licenceIri(rights: Rights): NamedNode | undefined {
  const url = licenceUrl(rights);
  return url ? iri(url) : undefined;
}

/** A rights entry as a node of `type`, labelled with its text when it has no IRI. */
function rightsNode(graph: Graph, rights: Rights, type: NamedNode): Node {
  const node = graph.node(licenceIri(rights), type);
  if (node.termType === 'BlankNode' && rights.rights) graph.add(node, RDFS('label'), text(rights.rights, rights.lang));
  return node;
}

/**
 * DCAT-AP allows one licence per distribution: the record's first rights entry is that licence, any
 * further ones are rights statements of the dataset. Access rights from imported records are skipped:
 * the COAR access right is derived from this repository's access level instead.
 */
function addRights({ graph, record, dataset }: Scope): Node | undefined {
  const [licence, ...otherRights] = (record.rightsList ?? []).filter((rights) => !isAccessRightUri(rights.rightsUri));
  for (const rights of otherRights) graph.add(dataset, DCT('rights'), rightsNode(graph, rights, DCT('RightsStatement')));
  return licence && rightsNode(graph, licence, DCT('LicenseDocument'));
}

function needsApproval(record: FairRecord): boolean {
  return record.access.level === 'controlled' || record.access.level === 'registered';
}

const isDuo = (condition: DataUseCondition): condition is DuoCondition => condition.scheme === 'DUO';
const isRule = (condition: DataUseCondition): condition is RuleCondition => condition.scheme === 'fairharbor';

function hasDataUseConditions(record: FairRecord, conditions: DataUseCondition[]): boolean {
  const { conditions: stated, citationRequirement } = record.access;
  return Boolean(needsApproval(record) || conditions.length > 0 || stated?.terms || stated?.reservedRights?.redistribution || citationRequirement);
}

/**
 * The conditions of use (data-use-conditions.ts) as an ODRL offer from the repository: permission to use
 * the data, constrained to the DUO purposes, with duties to obtain approval and those of the data-use
 * rules that are duties; a prohibition for each rule that prohibits; and the permission a duty belongs
 * to when it is not use (to derive, for consent to derived results).
 */
function addDataUsePolicy(scope: Scope): Node | undefined {
  const { graph, record, dataset, repository } = scope;
  const conditions = dataUseConditions(record);
  if (!hasDataUseConditions(record, conditions)) return undefined;
  const { conditions: stated, citationRequirement } = record.access;
  const instructions = accessInstructions(record, scope.context);

  // ODRL wants every policy to have an IRI as its uid.
  const policy = graph.node(iri(`${dataset.value}#data-use-policy`), ODRL('Offer'), ODRL('Policy'));
  graph.add(policy, ODRL('uid'), policy);
  graph.add(policy, ODRL('assigner'), repository);
  if (stated?.terms) graph.add(policy, RDFS('comment'), text(stated.terms));
  graph.add(dataset, ODRL('hasPolicy'), policy);

  const use = addRule(scope, policy, 'permission', ODRL('use'));
  const permissions = new Map<string, Node>([[ODRL('use').value, use]]);
  const permissionTo = (action: NamedNode): Node => {
    let permission = permissions.get(action.value);
    if (!permission) permissions.set(action.value, (permission = addRule(scope, policy, 'permission', action)));
    return permission;
  };

  for (const duo of conditions.filter(isDuo)) addDuoConstraint(graph, use, duo);
  if (needsApproval(record)) addDuty(graph, use, ODRL('obtainConsent'), instructions?.text, instructions?.url);
  for (const condition of conditions.filter(isRule)) {
    const action = actionIri(scope, policy, condition);
    if (condition.odrl.rule === 'prohibition') {
      graph.add(addRule(scope, policy, 'prohibition', action), RDFS('comment'), text(condition.text));
    } else {
      addDuty(graph, permissionTo(condition.odrl.of ? namedNode(condition.odrl.of) : ODRL('use')), action, condition.text);
    }
  }
  if (citationRequirement) addDuty(graph, use, ODRL('attribute'), citationRequirement);
  if (stated?.reservedRights?.redistribution === 'permitted') permissionTo(ODRL('distribute'));
  return policy;
}

/**
 * The action of a rule. An action of fairharbor's own vocabulary, for what ODRL has no action for, is
 * described in the graph and makes the vocabulary the policy's ODRL profile.
 */
function actionIri({ graph, context }: Scope, policy: Node, condition: RuleCondition): NamedNode {
  const action = iri(odrlActionIri(condition.odrl.action, context));
  const own = profileAction(condition.odrl);
  if (own) {
    graph.node(action, ODRL('Action'));
    graph.add(action, RDFS('label'), text(own.label, 'en'));
    graph.add(action, SKOS('definition'), text(own.definition, 'en'));
    graph.add(action, ODRL('includedIn'), namedNode(own.includedIn));
    graph.add(policy, ODRL('profile'), iri(dataUseVocabularyIri(context)));
  }
  return action;
}

function addRule({ graph, dataset }: Scope, policy: Node, kind: 'permission' | 'prohibition', action: NamedNode): Node {
  const rule = graph.node(undefined, kind === 'permission' ? ODRL('Permission') : ODRL('Prohibition'));
  graph.add(rule, ODRL('target'), dataset);
  graph.add(rule, ODRL('action'), action);
  graph.add(policy, ODRL(kind), rule);
  return rule;
}

function addDuty(graph: Graph, rule: Node, action: NamedNode, explanation?: string, url?: string): void {
  const duty = graph.node(undefined, ODRL('Duty'));
  graph.add(duty, ODRL('action'), action);
  if (explanation) graph.add(duty, RDFS('comment'), text(explanation));
  if (url) graph.add(duty, RDFS('seeAlso'), iri(url));
  graph.add(rule, ODRL('duty'), duty);
}

/** A DUO term limits the purpose the data may be used for: the purpose must be an instance of the term. */
function addDuoConstraint(graph: Graph, rule: Node, duo: DuoCondition): void {
  const term = iri(duo.iri);
  const constraint = graph.node(undefined, ODRL('Constraint'));
  graph.add(constraint, ODRL('leftOperand'), ODRL('purpose'));
  graph.add(constraint, ODRL('operator'), ODRL('isA'));
  graph.add(constraint, ODRL('rightOperand'), term);
  graph.add(term, RDFS('label'), text(duo.label, 'en'));
  graph.add(rule, ODRL('constraint'), constraint);
}

// ---------------------------------------------------------------------------------------------------
// Provenance of imported records
// ---------------------------------------------------------------------------------------------------

/** The record harvested: its DOI or URL when it has one, else a node holding its identifier in the source. */
function originalRecord(graph: Graph, source: Source): Node {
  const original = source.originalIdentifier?.trim();
  const doi = original && normalizeDoi(original);
  if (doi) return DOI_RESOLVER(doi);
  if (original && HTTP_URL.test(original)) return iri(original);
  const node = graph.node(undefined, PROV('Entity'));
  if (original) graph.add(node, DCT('identifier'), text(original));
  return node;
}

/** What the source said about rights and conditions, kept word for word, with what it is. */
const VERBATIM_SOURCE_STATEMENTS = [
  ['license', 'Licence'],
  ['terms', 'Terms of use'],
  ['accessConditions', 'Access conditions'],
  ['acknowledgement', 'Acknowledgement requested'],
] as const;

/**
 * An imported record is derived from the source's record, harvested from the source repository (its
 * primary source) by a harvest activity. The source's licence and terms are quoted verbatim as rights
 * statements, so readers can tell them from this repository's own interpretation.
 */
function addProvenance({ graph, record, context, dataset, repository }: Scope): void {
  const { source } = record;
  if (!source) return;
  const original = originalRecord(graph, source);
  const sourceRepository = graph.node(source.baseUrl ? iri(source.baseUrl) : undefined, FOAF('Agent'));
  graph.add(sourceRepository, FOAF('name'), text(source.repository));
  graph.add(dataset, PROV('wasDerivedFrom'), original);
  graph.add(dataset, PROV('hadPrimarySource'), sourceRepository);

  const harvest = graph.node(undefined, PROV('Activity'));
  graph.add(harvest, PROV('used'), original);
  graph.add(harvest, PROV('wasAssociatedWith'), repository);
  const harvested = source.harvestDate && dateLiteral(source.harvestDate);
  if (harvested) graph.add(harvest, PROV('endedAtTime'), harvested);
  graph.add(dataset, PROV('wasGeneratedBy'), harvest);

  for (const [field, what] of VERBATIM_SOURCE_STATEMENTS) {
    const statementText = source[field];
    if (!statementText) continue;
    const statement = graph.node(undefined, DCT('RightsStatement'));
    graph.add(statement, RDFS('label'), text(statementText));
    graph.add(statement, RDFS('comment'), text(`${what} as stated by ${source.repository}, quoted verbatim; not interpreted by ${context.repositoryName}.`, 'en'));
    graph.add(statement, PROV('wasQuotedFrom'), original);
    graph.add(dataset, DCT('rights'), statement);
  }
}

// ---------------------------------------------------------------------------------------------------
// Withdrawal
// ---------------------------------------------------------------------------------------------------

/** A tombstone: the ADMS Withdrawn status and the reason; its date is dct:modified and it has no distributions. */
function addWithdrawal({ graph, record, dataset }: Scope): void {
  graph.add(dataset, ADMS('status'), ADMS_STATUS('Withdrawn'));
  if (record.tombstone) graph.add(dataset, RDFS('comment'), text(record.tombstone.reason));
}

// ---------------------------------------------------------------------------------------------------
// Distributions
// ---------------------------------------------------------------------------------------------------

/**
 * One distribution per file, reachable through the landing page. A download URL is given only when anyone
 * may download the file now (public, not under embargo). A record without files still gets one
 * distribution, the landing page, because DCAT-AP requires an access URL.
 */
function addDistributions(scope: Scope, licence: Node | undefined, policy: Node | undefined): void {
  const { graph, record, context, dataset } = scope;
  const files = record.files ?? [];
  const downloadable = filesOpenToEveryone(record, context.now);
  const distributions = files.length > 0 ? files.map((file) => addFileDistribution(graph, file, downloadable)) : [graph.node(undefined, DCAT('Distribution'))];
  for (const distribution of distributions) {
    graph.add(distribution, DCAT('accessURL'), dataset);
    if (licence) graph.add(distribution, DCT('license'), licence);
    if (policy) graph.add(distribution, ODRL('hasPolicy'), policy);
    graph.add(dataset, DCAT('distribution'), distribution);
  }
}

function addFileDistribution(graph: Graph, file: FileEntry, downloadable: boolean): Node {
  const distribution = graph.node(undefined, DCAT('Distribution'));
  graph.add(distribution, DCT('title'), text(file.name));
  if (file.description) graph.add(distribution, DCT('description'), text(file.description));
  if (downloadable && file.url) graph.add(distribution, DCAT('downloadURL'), iri(file.url));
  if (file.size !== undefined) graph.add(distribution, DCAT('byteSize'), typed(String(file.size), XSD('nonNegativeInteger')));
  if (file.format) addFormat(graph, distribution, file.format);
  if (file.checksum) addChecksum(graph, distribution, file.checksum);
  return distribution;
}

const MEDIA_TYPE = /^([a-z0-9][a-z0-9!#$&^_.+-]*)\/([a-z0-9][a-z0-9!#$&^_.+-]*)$/;

/**
 * A registered media type is an IANA IRI (dcat:mediaType); anything else, an unregistered x- type
 * included, is named in a dct:format node, since IANA has no page to point at.
 */
function addFormat(graph: Graph, distribution: Node, format: string): void {
  const essence = format.split(';')[0]!.trim().toLowerCase();
  const mediaType = MEDIA_TYPE.exec(essence);
  if (mediaType && !mediaType[1]!.startsWith('x-') && !mediaType[2]!.startsWith('x-')) {
    graph.add(distribution, DCAT('mediaType'), graph.node(IANA_MEDIA_TYPES(essence), DCT('MediaType')));
    return;
  }
  const extent = graph.node(undefined, DCT('MediaTypeOrExtent'));
  graph.add(extent, RDFS('label'), text(format));
  graph.add(distribution, DCT('format'), extent);
}

function addChecksum(graph: Graph, distribution: Node, checksum: NonNullable<FileEntry['checksum']>): void {
  const algorithm = graph.node(SPDX(`checksumAlgorithm_${checksum.algorithm}`), SPDX('ChecksumAlgorithm'));
  const node = graph.node(undefined, SPDX('Checksum'));
  graph.add(node, SPDX('algorithm'), algorithm);
  graph.add(node, SPDX('checksumValue'), typed(checksum.value.toLowerCase(), XSD('hexBinary')));
  graph.add(distribution, SPDX('checksum'), node);
}
