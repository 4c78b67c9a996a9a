/**
 * DataCite Metadata Schema 4.7 XML (kernel-4): the record's DataCite metadata, completed with what the
 * repository knows about it (its accession, CSTR, source, release date, embargo, data-use conditions and
 * access right).
 */
import { doiKey, normalizeDoi } from '../model/identifiers.js';
import type { FairRecord } from '../model/schema.js';
import { accessRight, isCoarAccessRightUri } from './access-rights.js';
import { conditionStatement, dataUseConditions, DUO_SCHEME, DUO_SCHEME_URI, type DataUseCondition } from './data-use-conditions.js';
import { accessInstructions, accessInstructionsText } from './access-instructions.js';
import { versionRelations } from './version-relations.js';
import { landingPageUrl, type OutputFormat, type RenderContext } from './format.js';
import { asDocument, serializeFragment, xmlFragment, XSI_NAMESPACE, type XMLBuilder } from './xml.js';
import { appendElement, type Attributes } from './xml-text.js';

export const DATACITE_NAMESPACE = 'http://datacite.org/schema/kernel-4';
export const DATACITE_SCHEMA_URL = 'https://schema.datacite.org/meta/kernel-4.7/metadata.xsd';
export const DATACITE_SCHEMA_VERSION = '4.7';

type Creator = FairRecord['creators'][number];
type Subject = NonNullable<FairRecord['subjects']>[number];
type DateEntry = NonNullable<FairRecord['dates']>[number];
type AlternateIdentifier = NonNullable<FairRecord['alternateIdentifiers']>[number];
type RelatedIdentifier = NonNullable<FairRecord['relatedIdentifiers']>[number];
type Rights = NonNullable<FairRecord['rightsList']>[number];
type GeoLocation = NonNullable<FairRecord['geoLocations']>[number];
type GeoPoint = NonNullable<GeoLocation['geoLocationPoint']>;
type GeoBox = NonNullable<GeoLocation['geoLocationBox']>;
type FundingReference = NonNullable<FairRecord['fundingReferences']>[number];
type RelatedItem = NonNullable<FairRecord['relatedItems']>[number];

/** The XSD requires at least four points (a closed triangle) in a geoLocationPolygon. */
const MIN_POLYGON_POINTS = 4;
const HTTP_URL = /^https?:\/\/\S+$/i;

// ---------------------------------------------------------------------------------------------------
// The DataCite view of a record: its own lists plus what the repository adds. Shared with the
// crosswalks that start from DataCite (oai_dc), so that every output tells the same story.
// ---------------------------------------------------------------------------------------------------

export interface PrimaryIdentifier {
  identifier: string;
  identifierType: 'DOI' | 'URL';
}

/** The DOI when there is one; otherwise the landing page, the one identifier every record has. */
export function dataCitePrimaryIdentifier(record: FairRecord, context: RenderContext): PrimaryIdentifier {
  return record.doi
    ? { identifier: record.doi, identifierType: 'DOI' }
    : { identifier: landingPageUrl(context, record.accession), identifierType: 'URL' };
}

export function dataCiteAlternateIdentifiers(record: FairRecord): AlternateIdentifier[] {
  const repositoryIdentifiers: AlternateIdentifier[] = [{ alternateIdentifier: record.accession, alternateIdentifierType: 'Accession' }];
  if (record.cstr) repositoryIdentifiers.push({ alternateIdentifier: record.cstr, alternateIdentifierType: 'CSTR' });
  return uniqueBy([...(record.alternateIdentifiers ?? []), ...repositoryIdentifiers], (a) => `${a.alternateIdentifierType}\n${a.alternateIdentifier}`);
}

/** The record's own relations, then those the repository knows: its other versions, and the original of an imported record. */
export function dataCiteRelatedIdentifiers(record: FairRecord, context: RenderContext): RelatedIdentifier[] {
  const own = record.relatedIdentifiers ?? [];
  const known = [...versionRelations(record, context), ...[originalRecordIdentifier(record)].filter((r): r is RelatedIdentifier => r !== undefined)];
  return [...own, ...known.filter((relation) => !own.some((r) => r.relationType === relation.relationType && sameIdentifier(r, relation)))];
}

/** An imported record is the same resource as the one it was harvested from, when that one has a resolvable identifier. */
function originalRecordIdentifier(record: FairRecord): RelatedIdentifier | undefined {
  const original = record.source?.originalIdentifier?.trim();
  if (!original) return undefined;
  const doi = normalizeDoi(original);
  if (doi) {
    const isOwnDoi = record.doi !== undefined && doiKey(record.doi) === doiKey(doi);
    return isOwnDoi ? undefined : { relatedIdentifier: doi, relatedIdentifierType: 'DOI', relationType: 'IsIdenticalTo' };
  }
  if (HTTP_URL.test(original)) return { relatedIdentifier: original, relatedIdentifierType: 'URL', relationType: 'IsIdenticalTo' };
  return undefined;
}

function sameIdentifier(a: RelatedIdentifier, b: RelatedIdentifier): boolean {
  if (a.relatedIdentifierType !== b.relatedIdentifierType) return false;
  if (a.relatedIdentifierType === 'DOI') return doiKey(normalizeDoi(a.relatedIdentifier) ?? a.relatedIdentifier) === doiKey(b.relatedIdentifier);
  return a.relatedIdentifier === b.relatedIdentifier;
}

export function dataCiteDates(record: FairRecord): DateEntry[] {
  const dates = [...(record.dates ?? [])];
  const hasDateOfType = (dateType: string) => dates.some((d) => d.dateType === dateType);
  const { releaseDate, embargoEnd, level } = record.access;
  if (level === 'public' && embargoEnd) {
    // The OpenAIRE Guidelines for Data Archives: an embargo ends on the Available date and starts on the Accepted one.
    if (!hasDateOfType('Available')) dates.push({ date: embargoEnd, dateType: 'Available', dateInformation: 'End of the embargo' });
    if (releaseDate && !hasDateOfType('Accepted')) dates.push({ date: releaseDate, dateType: 'Accepted', dateInformation: 'Start of the embargo' });
  } else if (releaseDate && !hasDateOfType('Available')) {
    dates.push({ date: releaseDate, dateType: 'Available' });
  }
  if (record.tombstone && !hasDateOfType('Withdrawn')) {
    dates.push({ date: record.tombstone.date.slice(0, 10), dateType: 'Withdrawn' });
  }
  return dates;
}

/**
 * The record's rights, then one entry per data-use condition, then exactly one COAR access right, derived
 * from the access block: a COAR access right carried over from an imported record may contradict this
 * repository's access level. Other rights an imported record states are kept as it states them.
 */
export function dataCiteRightsList(record: FairRecord, context: RenderContext): Rights[] {
  const { label, uri } = accessRight(record.access);
  const licences = (record.rightsList ?? []).filter((rights) => !isCoarAccessRightUri(rights.rightsUri));
  const instructions = accessInstructions(record, context);
  const howToObtain: Rights[] = instructions ? [{ rights: accessInstructionsText(instructions), rightsUri: instructions.url, lang: 'en' }] : [];
  return [...licences, ...dataUseConditions(record).map(conditionRights), ...howToObtain, { rights: label, rightsUri: uri }];
}

/** A DUO term by its OBO IRI and id in the DUO scheme; a fairharbor rule by its statement alone. */
function conditionRights(condition: DataUseCondition): Rights {
  const rights = conditionStatement(condition);
  if (condition.scheme === 'fairharbor') return { rights, lang: 'en' };
  return { rights, rightsUri: condition.iri, rightsIdentifier: condition.id, rightsIdentifierScheme: DUO_SCHEME, schemeUri: DUO_SCHEME_URI, lang: 'en' };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------------------

/** Appends `<resource>` in the kernel-4 namespace to `parent` (a fragment, or an OAI envelope's payload). */
export function appendDataCiteResource(parent: XMLBuilder, record: FairRecord, context: RenderContext): XMLBuilder {
  const resource = parent.ele(DATACITE_NAMESPACE, 'resource', {
    'xmlns:xsi': XSI_NAMESPACE,
    'xsi:schemaLocation': `${DATACITE_NAMESPACE} ${DATACITE_SCHEMA_URL}`,
  });
  const { identifier, identifierType } = dataCitePrimaryIdentifier(record, context);
  appendElement(resource, 'identifier', { identifierType }, identifier);
  appendList(resource, 'creators', record.creators, (list, creator) => appendPerson(list, 'creator', creator));
  appendList(resource, 'titles', record.titles, (list, t) => appendElement(list, 'title', { titleType: t.titleType, 'xml:lang': t.lang }, t.title));
  appendPublisher(resource, record.publisher);
  appendElement(resource, 'publicationYear', {}, String(record.publicationYear));
  appendElement(resource, 'resourceType', { resourceTypeGeneral: record.types.resourceTypeGeneral }, record.types.resourceType);
  appendList(resource, 'subjects', record.subjects, appendSubject);
  appendList(resource, 'contributors', record.contributors, (list, contributor) =>
    appendPerson(list, 'contributor', contributor, { contributorType: contributor.contributorType }),
  );
  appendList(resource, 'dates', dataCiteDates(record), (list, d) =>
    appendElement(list, 'date', { dateType: d.dateType, dateInformation: d.dateInformation }, d.date),
  );
  if (record.language) appendElement(resource, 'language', {}, record.language);
  appendList(resource, 'alternateIdentifiers', dataCiteAlternateIdentifiers(record), (list, a) =>
    appendElement(list, 'alternateIdentifier', { alternateIdentifierType: a.alternateIdentifierType }, a.alternateIdentifier),
  );
  appendList(resource, 'relatedIdentifiers', dataCiteRelatedIdentifiers(record, context), appendRelatedIdentifier);
  appendList(resource, 'sizes', record.sizes, (list, size) => appendElement(list, 'size', {}, size));
  appendList(resource, 'formats', record.formats, (list, format) => appendElement(list, 'format', {}, format));
  if (record.version) appendElement(resource, 'version', {}, record.version);
  appendList(resource, 'rightsList', dataCiteRightsList(record, context), appendRights);
  appendList(resource, 'descriptions', record.descriptions, (list, d) =>
    appendElement(list, 'description', { descriptionType: d.descriptionType, 'xml:lang': d.lang }, d.description),
  );
  appendList(resource, 'geoLocations', record.geoLocations?.filter(isExpressible), appendGeoLocation);
  appendList(resource, 'fundingReferences', record.fundingReferences, appendFundingReference);
  appendList(resource, 'relatedItems', record.relatedItems, appendRelatedItem);
  return resource;
}

/** The `<resource>` element as a string, without XML declaration. */
export function dataCiteResource(record: FairRecord, context: RenderContext): string {
  const root = xmlFragment();
  appendDataCiteResource(root, record, context);
  return serializeFragment(root);
}

/** DataCite's wrapper elements are optional, and left out rather than written empty. */
function appendList<T>(parent: XMLBuilder, wrapper: string, items: readonly T[] | undefined, appendItem: (list: XMLBuilder, item: T) => unknown): void {
  if (!items || items.length === 0) return;
  const list = parent.ele(wrapper);
  for (const item of items) appendItem(list, item);
}

function appendPerson(list: XMLBuilder, role: 'creator' | 'contributor', person: Creator, attributes: Attributes = {}): void {
  const element = appendElement(list, role, attributes);
  appendElement(element, `${role}Name`, { nameType: person.nameType, 'xml:lang': person.lang }, person.name);
  if (person.givenName) appendElement(element, 'givenName', {}, person.givenName);
  if (person.familyName) appendElement(element, 'familyName', {}, person.familyName);
  for (const id of person.nameIdentifiers ?? []) {
    appendElement(element, 'nameIdentifier', { nameIdentifierScheme: id.nameIdentifierScheme, schemeURI: id.schemeUri }, id.nameIdentifier);
  }
  // The XSD gives affiliation no xml:lang, so an affiliation's language is not carried.
  for (const affiliation of person.affiliation ?? []) {
    const { affiliationIdentifier, affiliationIdentifierScheme, schemeUri } = affiliation;
    appendElement(element, 'affiliation', { affiliationIdentifier, affiliationIdentifierScheme, schemeURI: schemeUri }, affiliation.name);
  }
}

function appendPublisher(resource: XMLBuilder, publisher: FairRecord['publisher']): void {
  const { publisherIdentifier, publisherIdentifierScheme, schemeUri, lang } = publisher;
  appendElement(resource, 'publisher', { publisherIdentifier, publisherIdentifierScheme, schemeURI: schemeUri, 'xml:lang': lang }, publisher.name);
}

function appendSubject(list: XMLBuilder, subject: Subject): void {
  const { subjectScheme, schemeUri, valueUri, classificationCode, lang } = subject;
  appendElement(list, 'subject', { subjectScheme, schemeURI: schemeUri, valueURI: valueUri, classificationCode, 'xml:lang': lang }, subject.subject);
}

function appendRelatedIdentifier(list: XMLBuilder, related: RelatedIdentifier): void {
  const { relatedIdentifierType, relationType, relationTypeInformation, resourceTypeGeneral, relatedMetadataScheme, schemeUri, schemeType } = related;
  appendElement(
    list,
    'relatedIdentifier',
    { relatedIdentifierType, relationType, relationTypeInformation, resourceTypeGeneral, relatedMetadataScheme, schemeURI: schemeUri, schemeType },
    related.relatedIdentifier,
  );
}

function appendRights(list: XMLBuilder, rights: Rights): void {
  const { rightsUri, rightsIdentifier, rightsIdentifierScheme, schemeUri, lang } = rights;
  appendElement(list, 'rights', { rightsURI: rightsUri, rightsIdentifier, rightsIdentifierScheme, schemeURI: schemeUri, 'xml:lang': lang }, rights.rights);
}

interface Polygon {
  points: GeoPoint[];
  inPoint?: GeoPoint;
}

/** The polygon in the XSD's shape (boundary points, then at most one inside point), or undefined when too small. */
function polygonOf(geoLocation: GeoLocation): Polygon | undefined {
  const entries = geoLocation.geoLocationPolygon ?? [];
  const points = entries.flatMap((entry) => (entry.polygonPoint ? [entry.polygonPoint] : []));
  if (points.length < MIN_POLYGON_POINTS) return undefined;
  return { points, inPoint: entries.find((entry) => entry.inPolygonPoint)?.inPolygonPoint };
}

/** The XSD wants at least one child in a geoLocation; one whose only content is an unusable polygon has none. */
function isExpressible(geoLocation: GeoLocation): boolean {
  return Boolean(geoLocation.geoLocationPlace || geoLocation.geoLocationPoint || geoLocation.geoLocationBox || polygonOf(geoLocation));
}

function appendGeoLocation(list: XMLBuilder, geoLocation: GeoLocation): void {
  const element = appendElement(list, 'geoLocation');
  if (geoLocation.geoLocationPlace) appendElement(element, 'geoLocationPlace', {}, geoLocation.geoLocationPlace);
  if (geoLocation.geoLocationPoint) appendPoint(element, 'geoLocationPoint', geoLocation.geoLocationPoint);
  if (geoLocation.geoLocationBox) appendBox(element, geoLocation.geoLocationBox);
  const polygon = polygonOf(geoLocation);
  if (polygon) {
    const polygonElement = appendElement(element, 'geoLocationPolygon');
    for (const point of polygon.points) appendPoint(polygonElement, 'polygonPoint', point);
    if (polygon.inPoint) appendPoint(polygonElement, 'inPolygonPoint', polygon.inPoint);
  }
}

function appendPoint(parent: XMLBuilder, name: string, point: GeoPoint): void {
  const element = appendElement(parent, name);
  appendElement(element, 'pointLongitude', {}, String(point.pointLongitude));
  appendElement(element, 'pointLatitude', {}, String(point.pointLatitude));
}

function appendBox(parent: XMLBuilder, box: GeoBox): void {
  const element = appendElement(parent, 'geoLocationBox');
  for (const side of ['westBoundLongitude', 'eastBoundLongitude', 'southBoundLatitude', 'northBoundLatitude'] as const) {
    appendElement(element, side, {}, String(box[side]));
  }
}

function appendFundingReference(list: XMLBuilder, funding: FundingReference): void {
  const element = appendElement(list, 'fundingReference');
  appendElement(element, 'funderName', {}, funding.funderName);
  if (funding.funderIdentifier) {
    // The XSD requires funderIdentifierType; "Other" is DataCite's value for a scheme it does not list.
    const attributes = { funderIdentifierType: funding.funderIdentifierType ?? 'Other', schemeURI: funding.schemeUri };
    appendElement(element, 'funderIdentifier', attributes, funding.funderIdentifier);
  }
  if (funding.awardNumber || funding.awardUri) appendElement(element, 'awardNumber', { awardURI: funding.awardUri }, funding.awardNumber);
  if (funding.awardTitle) appendElement(element, 'awardTitle', {}, funding.awardTitle);
}

function appendRelatedItem(list: XMLBuilder, item: RelatedItem): void {
  const { relatedItemType, relationType, relationTypeInformation } = item;
  const element = appendElement(list, 'relatedItem', { relatedItemType, relationType, relationTypeInformation });
  if (item.relatedItemIdentifier) {
    const { relatedItemIdentifierType, relatedMetadataScheme, schemeURI, schemeType } = item.relatedItemIdentifier;
    const attributes = { relatedItemIdentifierType, relatedMetadataScheme, schemeURI, schemeType };
    appendElement(element, 'relatedItemIdentifier', attributes, item.relatedItemIdentifier.relatedItemIdentifier);
  }
  appendList(element, 'creators', item.creators, (creators, creator) => appendPerson(creators, 'creator', creator));
  appendList(element, 'titles', item.titles, (titles, t) => appendElement(titles, 'title', { titleType: t.titleType, 'xml:lang': t.lang }, t.title));
  for (const field of ['publicationYear', 'volume', 'issue'] as const) {
    if (item[field]) appendElement(element, field, {}, item[field]);
  }
  if (item.number) appendElement(element, 'number', { numberType: item.numberType }, item.number);
  for (const field of ['firstPage', 'lastPage', 'publisher', 'edition'] as const) {
    if (item[field]) appendElement(element, field, {}, item[field]);
  }
  appendList(element, 'contributors', item.contributors, (contributors, contributor) =>
    appendPerson(contributors, 'contributor', contributor, { contributorType: contributor.contributorType }),
  );
}

export const dataCiteXmlFormat: OutputFormat = {
  name: 'datacite-xml',
  mediaTypes: ['application/vnd.datacite.datacite+xml'],
  contentType: 'application/vnd.datacite.datacite+xml',
  extension: 'xml',
  oai: {
    metadataPrefix: 'datacite',
    schema: DATACITE_SCHEMA_URL,
    metadataNamespace: DATACITE_NAMESPACE,
    render: dataCiteResource,
  },
  render: (record, context) => asDocument(dataCiteResource(record, context)),
};
