/**
 * schema.org JSON-LD of a record: a schema:Dataset as Google Dataset Search reads it, shaped after the
 * science-on-schema.org Dataset guidelines. The document is also embedded in landing pages, so its
 * serialization is safe inside an HTML script element.
 */
import { normalizeDoi } from '../model/identifiers.js';
import type { FairRecord } from '../model/schema.js';
import { filesOpenToEveryone } from '../policy/downloads.js';
import { today } from '../policy/visibility.js';
import { isAccessRightUri } from './access-rights.js';
import { conditionStatement, dataUseConditions } from './data-use-conditions.js';
import { accessInstructions, accessInstructionsText } from './access-instructions.js';
import { dataCiteAlternateIdentifiers, dataCiteRelatedIdentifiers } from './datacite-xml.js';
import { dataCiteTypes } from './datacite-types.js';
import { catalogIri } from './dcat-graph.js';
import { landingPageUrl, type OutputFormat, type RenderContext } from './format.js';
import { licenceIri } from './spdx-rights.js';

type Json = string | number | boolean | JsonObject | Json[];
interface JsonObject {
  [key: string]: Json;
}

type Agent = FairRecord['creators'][number] | NonNullable<FairRecord['contributors']>[number];
type Affiliation = NonNullable<Agent['affiliation']>[number];
type DateEntry = NonNullable<FairRecord['dates']>[number];
type RelatedIdentifier = NonNullable<FairRecord['relatedIdentifiers']>[number];
type Rights = NonNullable<FairRecord['rightsList']>[number];
type GeoLocation = NonNullable<FairRecord['geoLocations']>[number];
type GeoPoint = NonNullable<GeoLocation['geoLocationPoint']>;
type FundingReference = NonNullable<FairRecord['fundingReferences']>[number];
type FileEntry = NonNullable<FairRecord['files']>[number];

/** schema.org's canonical context; it maps every term into the http://schema.org/ vocabulary. */
export const SCHEMA_ORG_CONTEXT = 'https://schema.org/';

const IDENTIFIERS_ORG = (prefix: string) => `https://registry.identifiers.org/registry/${prefix}`;
const doiUrl = (doi: string) => `https://doi.org/${doi}`;
const cstrUrl = (cstr: string) => `https://cstr.cn/${cstr}`;

const HTTP_URL = /^https?:\/\/\S+$/i;
const ORCID_ID = /^(?:https?:\/\/orcid\.org\/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/i;
const ROR_ID = /^(?:https?:\/\/ror\.org\/)?(0[a-z0-9]{8})$/i;
const FUNDREF_ID = /^(?:https?:\/\/(?:dx\.)?doi\.org\/)?(?:10\.13039\/)?(\d+)$/i;

const WORK_STATUS: Record<FairRecord['status'], string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  released: 'Published',
  withdrawn: 'Withdrawn',
};

export const schemaOrgFormat: OutputFormat = {
  name: 'schemaorg',
  mediaTypes: ['application/ld+json', 'application/vnd.schemaorg.ld+json'],
  contentType: 'application/ld+json',
  extension: 'jsonld',
  render: (record, context) => serializeJsonLd(schemaOrgDataset(record, context)),
};

/** The record as a schema:Dataset; a withdrawn record as its tombstone. */
export function schemaOrgDataset(record: FairRecord, context: RenderContext): JsonObject {
  return record.status === 'withdrawn' ? withdrawnDataset(record, context) : dataset(record, context);
}

/**
 * Pretty-printed JSON with every `<` escaped: JSON stays valid and equal, but no text in it can close the
 * script element (`</script>`) or open a comment when the document is embedded in HTML.
 */
export function serializeJsonLd(document: JsonObject): string {
  return JSON.stringify(document, null, 2).replace(/</g, '\\u003c');
}

// ---------------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------------

function dataset(record: FairRecord, context: RenderContext): JsonObject {
  const { isBasedOn = [], about = [], ...related } = relatedWorks(record, 'forward');
  return compact({
    ...identity(record, context),
    description: description(record),
    creativeWorkStatus: WORK_STATUS[record.status],
    version: record.version,
    inLanguage: record.language,
    keywords: keywords(record),
    about: [...concepts(record), ...about],
    creator: record.creators.map(agent),
    contributor: (record.contributors ?? []).map(agent),
    publisher: publisher(record.publisher),
    ...dates(record),
    temporalCoverage: oneOrMany(temporalCoverage(record)),
    spatialCoverage: spatialCoverage(record),
    license: oneOrMany(licences(record)),
    isAccessibleForFree: filesOpenToEveryone(record, context.now),
    conditionsOfAccess: conditionsOfAccess(record, context),
    creditText: record.access.acknowledgement,
    distribution: distributions(record, context),
    funder: funders(record),
    funding: grants(record),
    ...related,
    isBasedOn: [...isBasedOn, ...sourceRecord(record)],
    '@reverse': compact(relatedWorks(record, 'reverse')),
    includedInDataCatalog: dataCatalog(context),
  });
}

/** What names the dataset, whatever became of it: its landing page, identifiers and titles. */
function identity(record: FairRecord, context: RenderContext): JsonObject {
  const landingPage = landingPageUrl(context, record.accession);
  return {
    '@context': SCHEMA_ORG_CONTEXT,
    '@type': 'Dataset',
    '@id': landingPage,
    url: landingPage,
    identifier: identifiers(record, context),
    sameAs: sameAs(record, context),
    name: mainTitle(record),
    alternateName: alternateNames(record),
  };
}

/** What stays of a withdrawn record: who made what, under which identifiers, and why and when it was withdrawn. */
function withdrawnDataset(record: FairRecord, context: RenderContext): JsonObject {
  return compact({
    ...identity(record, context),
    description: withdrawalNotice(record),
    creativeWorkStatus: WORK_STATUS.withdrawn,
    creator: record.creators.map(agent),
    publisher: publisher(record.publisher),
    ...dates(record),
    includedInDataCatalog: dataCatalog(context),
  });
}

function withdrawalNotice({ tombstone }: FairRecord): string {
  if (!tombstone) return 'This dataset was withdrawn.';
  return `This dataset was withdrawn on ${tombstone.date.slice(0, 10)}. Reason: ${tombstone.reason}`;
}

function dataCatalog(context: RenderContext): JsonObject {
  return { '@type': 'DataCatalog', '@id': catalogIri(context), name: context.repositoryName, url: catalogIri(context) };
}

// ---------------------------------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------------------------------

function propertyValue(propertyID: string, value: string, url?: string): JsonObject {
  return compact({ '@type': 'PropertyValue', propertyID, value, url });
}

/** The DOI, then the identifiers DataCite lists as alternate ones: the record's own, the accession and the CSTR. */
function identifiers(record: FairRecord, context: RenderContext): JsonObject[] {
  const alternates = dataCiteAlternateIdentifiers(record).map(({ alternateIdentifier: id, alternateIdentifierType: type }) => {
    if (type === 'Accession' && id === record.accession) return propertyValue(type, id, landingPageUrl(context, id));
    if (type === 'CSTR') return propertyValue(type, `CSTR:${id}`, cstrUrl(id));
    return propertyValue(type, id, HTTP_URL.test(id) ? id : undefined);
  });
  const doi = record.doi ? [propertyValue(IDENTIFIERS_ORG('doi'), `doi:${record.doi}`, doiUrl(record.doi))] : [];
  return [...doi, ...alternates];
}

/** Pages that identify the same dataset: its DOI and CSTR, and the record it is identical to in a source repository. */
function sameAs(record: FairRecord, context: RenderContext): string[] {
  const identical = dataCiteRelatedIdentifiers(record, context)
    .filter((related) => related.relationType === 'IsIdenticalTo')
    .flatMap((related) => resolvableUrl(related) ?? []);
  return unique([...(record.doi ? [doiUrl(record.doi)] : []), ...(record.cstr ? [cstrUrl(record.cstr)] : []), ...identical]);
}

/** The URL an identifier resolves to, for the schemes that have a resolver. */
function resolvableUrl({ relatedIdentifier, relatedIdentifierType }: Pick<RelatedIdentifier, 'relatedIdentifier' | 'relatedIdentifierType'>): string | undefined {
  const id = relatedIdentifier.trim();
  switch (relatedIdentifierType) {
    case 'DOI': {
      const doi = normalizeDoi(id);
      return doi && doiUrl(doi);
    }
    case 'URL':
      return HTTP_URL.test(id) ? id : undefined;
    case 'Handle':
      return `https://hdl.handle.net/${id.replace(/^hdl:/i, '')}`;
    case 'ARK':
      return `https://n2t.net/${id}`;
    case 'arXiv':
      return `https://arxiv.org/abs/${id.replace(/^arxiv:/i, '')}`;
    case 'PMID':
      return /^\d+$/.test(id) ? `https://pubmed.ncbi.nlm.nih.gov/${id}` : undefined;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// Titles, descriptions, subjects
// ---------------------------------------------------------------------------------------------------

function mainTitleEntry(record: FairRecord): FairRecord['titles'][number] {
  return record.titles.find((t) => !t.titleType) ?? record.titles[0]!;
}

function mainTitle(record: FairRecord): string {
  return mainTitleEntry(record).title;
}

function alternateNames(record: FairRecord): string[] {
  const main = mainTitleEntry(record);
  return unique(record.titles.filter((t) => t !== main).map((t) => t.title));
}

/**
 * The abstracts, or every description when there is no abstract. A record without any gets a description
 * made of its own title, type, creators, publisher, year and keywords, since Dataset Search requires one.
 */
function description(record: FairRecord): Json {
  const descriptions = record.descriptions ?? [];
  const abstracts = descriptions.filter((d) => d.descriptionType === 'Abstract');
  const texts = unique((abstracts.length > 0 ? abstracts : descriptions).map((d) => d.description));
  return oneOrMany(texts) ?? describedByFields(record);
}

function describedByFields(record: FairRecord): string {
  const { resourceTypeGeneral, resourceType } = record.types;
  const kind = resourceType ? `${resourceTypeGeneral} (${resourceType})` : resourceTypeGeneral;
  const creators = record.creators.map((c) => c.name).join('; ');
  const subjects = unique((record.subjects ?? []).map((s) => s.subject));
  const keywordSentence = subjects.length > 0 ? ` Keywords: ${subjects.join(', ')}.` : '';
  return `${kind} "${mainTitle(record)}" by ${creators}, published by ${record.publisher.name} in ${record.publicationYear}.${keywordSentence}`;
}

function keywords(record: FairRecord): string[] {
  return unique((record.subjects ?? []).map((subject) => subject.subject));
}

/** Subjects from a vocabulary, with a concept IRI, are also what the dataset is about, as DefinedTerms. */
function concepts(record: FairRecord): JsonObject[] {
  const seen = new Set<string>();
  return (record.subjects ?? []).flatMap((subject) => {
    if (!subject.valueUri || seen.has(subject.valueUri)) return [];
    seen.add(subject.valueUri);
    return [
      compact({
        '@type': 'DefinedTerm',
        '@id': subject.valueUri,
        name: subject.subject,
        termCode: subject.classificationCode,
        inDefinedTermSet: subject.schemeUri,
      }),
    ];
  });
}

// ---------------------------------------------------------------------------------------------------
// Agents
// ---------------------------------------------------------------------------------------------------

interface NameIdentifier {
  propertyID: string;
  value: string;
  url?: string;
}

function nameIdentifier(identifier: string, scheme = ''): NameIdentifier {
  const id = identifier.trim();
  const orcid = ORCID_ID.exec(id);
  if (orcid && (scheme.toUpperCase() === 'ORCID' || id.includes('orcid.org'))) {
    const value = orcid[1]!.toUpperCase();
    return { propertyID: IDENTIFIERS_ORG('orcid'), value, url: `https://orcid.org/${value}` };
  }
  const ror = ROR_ID.exec(id);
  if (ror && (scheme.toUpperCase() === 'ROR' || id.includes('ror.org'))) {
    const value = ror[1]!.toLowerCase();
    return { propertyID: IDENTIFIERS_ORG('ror'), value, url: `https://ror.org/${value}` };
  }
  return { propertyID: scheme, value: id, url: HTTP_URL.test(id) ? id : undefined };
}

/** DataCite's Organizational names are organizations; everyone else is a person, as DataCite itself maps them. */
function agent(person: Agent): JsonObject {
  const ids = (person.nameIdentifiers ?? []).map((id) => nameIdentifier(id.nameIdentifier, id.nameIdentifierScheme));
  const isOrganization = person.nameType === 'Organizational';
  return compact({
    '@type': isOrganization ? 'Organization' : 'Person',
    '@id': ids.find((id) => id.url)?.url,
    name: person.name,
    givenName: isOrganization ? undefined : person.givenName,
    familyName: isOrganization ? undefined : person.familyName,
    identifier: ids.map((id) => propertyValue(id.propertyID, id.value, id.url)),
    affiliation: isOrganization ? undefined : (person.affiliation ?? []).map(affiliation),
  });
}

function affiliation(organization: Affiliation): JsonObject {
  const id = organization.affiliationIdentifier && nameIdentifier(organization.affiliationIdentifier, organization.affiliationIdentifierScheme);
  return compact({ '@type': 'Organization', '@id': id ? id.url : undefined, name: organization.name });
}

function publisher(organization: FairRecord['publisher']): JsonObject {
  const id = organization.publisherIdentifier && nameIdentifier(organization.publisherIdentifier, organization.publisherIdentifierScheme);
  return compact({ '@type': 'Organization', '@id': id ? id.url : undefined, name: organization.name });
}

// ---------------------------------------------------------------------------------------------------
// Dates and coverage
// ---------------------------------------------------------------------------------------------------

const datesOfType = (record: FairRecord, dateType: string): DateEntry[] => (record.dates ?? []).filter((d) => d.dateType === dateType);

/** Start and end of a DataCite date or range (`START/END`, either side may be open), date-times with a `T`. */
function dateRange(date: string): { start?: string; end?: string } {
  const [start, end] = date.trim().replace(/ /g, 'T').split('/');
  return { start: start || undefined, end: end || undefined };
}

/** Published: the first Issued date, else the release date, else the year. Modified: the last update, or the withdrawal. */
function dates(record: FairRecord): JsonObject {
  const issued = datesOfType(record, 'Issued')[0];
  const created = datesOfType(record, 'Created')[0];
  const updated = datesOfType(record, 'Updated').at(-1);
  const updatedRange = updated && dateRange(updated.date);
  return compact({
    datePublished: (issued && dateRange(issued.date).start) ?? record.access.releaseDate ?? String(record.publicationYear),
    dateCreated: created && dateRange(created.date).start,
    dateModified: record.tombstone?.date ?? (updatedRange && (updatedRange.end ?? updatedRange.start)),
  });
}

/** The period the data cover: Coverage dates, else the collection period; open ends written `..` as schema.org asks. */
function temporalCoverage(record: FairRecord): string[] {
  const coverage = datesOfType(record, 'Coverage');
  const periods = coverage.length > 0 ? coverage : datesOfType(record, 'Collected');
  return unique(
    periods.flatMap(({ date }) => {
      const { start, end } = dateRange(date);
      if (!date.includes('/')) return start ? [start] : [];
      return start || end ? [`${start ?? '..'}/${end ?? '..'}`] : [];
    }),
  );
}

const coordinates = ({ pointLatitude, pointLongitude }: GeoPoint) => `${pointLatitude} ${pointLongitude}`;

/** A place name with its point and box (and polygon, when closed), coordinates written latitude first. */
function spatialCoverage(record: FairRecord): JsonObject[] {
  return (record.geoLocations ?? []).flatMap((location) => {
    const { geoLocationPlace, geoLocationPoint: point, geoLocationBox: box } = location;
    const polygon = (location.geoLocationPolygon ?? []).flatMap((p) => (p.polygonPoint ? [coordinates(p.polygonPoint)] : []));
    const isClosedPolygon = polygon.length >= 4 && polygon[0] === polygon.at(-1);
    const geo: JsonObject[] = [
      ...(point ? [{ '@type': 'GeoCoordinates', latitude: point.pointLatitude, longitude: point.pointLongitude }] : []),
      ...(box
        ? [{ '@type': 'GeoShape', box: `${box.southBoundLatitude} ${box.westBoundLongitude} ${box.northBoundLatitude} ${box.eastBoundLongitude}` }]
        : []),
      ...(isClosedPolygon ? [{ '@type': 'GeoShape', polygon: polygon.join(' ') }] : []),
    ];
    if (!geoLocationPlace && geo.length === 0) return [];
    return [compact({ '@type': 'Place', name: geoLocationPlace, geo: oneOrMany(geo) })];
  });
}

// ---------------------------------------------------------------------------------------------------
// Licence and access
// ---------------------------------------------------------------------------------------------------

/**
 * Each licence as its SPDX page when it names an SPDX licence by id or name, else as its URI; a licence
 * known only by a name SPDX does not list is kept as stated, as a CreativeWork. Access-right statements
 * are not licences and are left out.
 */
function licences(record: FairRecord): Json[] {
  return (record.rightsList ?? []).filter((rights) => !isAccessRightUri(rights.rightsUri)).flatMap((rights) => licence(rights) ?? []);
}

function licence(rights: Rights): Json | undefined {
  const url = licenceIri(rights);
  if (url) return url;
  const name = rights.rights ?? rights.rightsIdentifier;
  if (!name) return undefined;
  return compact({ '@type': 'CreativeWork', name, identifier: rights.rights ? rights.rightsIdentifier : undefined });
}

function embargoInForce(record: FairRecord, now: Date): boolean {
  const { level, embargoEnd } = record.access;
  return level === 'public' && embargoEnd !== undefined && embargoEnd > today(now);
}

function accessStatement(record: FairRecord, now: Date): string {
  const { level, embargoEnd, conditions } = record.access;
  switch (level) {
    case 'public':
      if (embargoInForce(record, now)) return `Embargoed access: the data are under embargo until ${embargoEnd}; from then on anyone may access them.`;
      if (conditions?.reservedRights) return 'Open access with reservation of rights: anyone may access the data, subject to the rights the data submitters reserve.';
      return 'Open access: anyone may access the data.';
    case 'registered':
      return 'Registered access: the data are available to signed-in users who have registered for access.';
    case 'controlled':
      return 'Controlled access: the data are available only to users whose application for access has been approved.';
    case 'private':
      return 'Metadata only: the data are not available.';
  }
}

/**
 * The access level, one line per data-use condition (data-use-conditions.ts), the conditions in the
 * record's own words, and how to obtain access. The acknowledgement has a line of its own unless a
 * condition already quotes it.
 */
function conditionsOfAccess(record: FairRecord, context: RenderContext): string[] {
  const { conditions, acknowledgement, citationRequirement } = record.access;
  const instructions = accessInstructions(record, context);
  const conditionLines = dataUseConditions(record).map(conditionStatement);
  const acknowledgementQuoted = acknowledgement !== undefined && conditionLines.some((line) => line.includes(acknowledgement));
  const statements = [
    accessStatement(record, context.now),
    ...conditionLines,
    conditions?.reservedRights?.redistribution === 'permitted' && 'Redistribution: the data submitters permit redistribution of the data.',
    conditions?.terms,
    !acknowledgementQuoted && acknowledgement && `Acknowledgement: ${acknowledgement}`,
    citationRequirement && `Citation: ${citationRequirement}`,
    instructions && accessInstructionsText(instructions),
  ];
  return statements.filter((statement): statement is string => typeof statement === 'string' && statement !== '');
}

/** One DataDownload per file anyone may download now; files behind sign-in, approval or embargo are not listed. */
function distributions(record: FairRecord, context: RenderContext): JsonObject[] {
  if (!filesOpenToEveryone(record, context.now)) return [];
  return (record.files ?? []).flatMap((file) => (file.url ? [dataDownload(file, file.url)] : []));
}

function dataDownload(file: FileEntry, contentUrl: string): JsonObject {
  return compact({
    '@type': 'DataDownload',
    name: file.name,
    description: file.description,
    contentUrl,
    encodingFormat: file.format,
    contentSize: file.size === undefined ? undefined : `${file.size} bytes`,
    sha256: file.checksum?.algorithm === 'sha256' ? file.checksum.value.toLowerCase() : undefined,
  });
}

// ---------------------------------------------------------------------------------------------------
// Funding
// ---------------------------------------------------------------------------------------------------

function funderIri({ funderIdentifier, funderIdentifierType }: FundingReference): string | undefined {
  const id = funderIdentifier?.trim();
  if (!id) return undefined;
  const fundRef = FUNDREF_ID.exec(id);
  if (fundRef && funderIdentifierType === 'Crossref Funder ID') return doiUrl(`10.13039/${fundRef[1]}`);
  const ror = ROR_ID.exec(id);
  if (ror && funderIdentifierType === 'ROR') return `https://ror.org/${ror[1]!.toLowerCase()}`;
  return HTTP_URL.test(id) ? id : undefined;
}

function funder(reference: FundingReference): JsonObject {
  return compact({ '@type': 'Organization', '@id': funderIri(reference), name: reference.funderName });
}

function funders(record: FairRecord): JsonObject[] {
  const seen = new Set<string>();
  return (record.fundingReferences ?? []).flatMap((reference) => {
    const key = funderIri(reference) ?? reference.funderName;
    if (seen.has(key)) return [];
    seen.add(key);
    return [funder(reference)];
  });
}

/** The awards, as MonetaryGrants from their funders. */
function grants(record: FairRecord): JsonObject[] {
  return (record.fundingReferences ?? [])
    .filter((reference) => reference.awardNumber || reference.awardUri || reference.awardTitle)
    .map((reference) =>
      compact({
        '@type': 'MonetaryGrant',
        identifier: reference.awardNumber,
        name: reference.awardTitle,
        url: reference.awardUri,
        funder: funder(reference),
      }),
    );
}

// ---------------------------------------------------------------------------------------------------
// Related works and provenance
// ---------------------------------------------------------------------------------------------------

interface Relation {
  property: string;
  /** The other work is the subject: it cites this dataset, say, rather than being cited by it. */
  reverse?: boolean;
}

/**
 * DataCite relation types that schema.org can say, following DataCite's own schema.org crosswalk where it
 * has one (IsReferencedBy as a reverse citation, IsSupplementTo as the article being based on the data).
 * schema.org has no property for the other relation types, so they are left out.
 */
const RELATIONS: Readonly<Record<string, Relation>> = {
  Cites: { property: 'citation' },
  References: { property: 'citation' },
  IsCitedBy: { property: 'citation', reverse: true },
  IsReferencedBy: { property: 'citation', reverse: true },
  IsSupplementTo: { property: 'isBasedOn', reverse: true },
  IsSupplementedBy: { property: 'isBasedOn' },
  IsDerivedFrom: { property: 'isBasedOn' },
  IsSourceOf: { property: 'isBasedOn', reverse: true },
  IsNewVersionOf: { property: 'isBasedOn' },
  IsPreviousVersionOf: { property: 'isBasedOn', reverse: true },
  IsVersionOf: { property: 'exampleOfWork' },
  HasVersion: { property: 'workExample' },
  IsPartOf: { property: 'isPartOf' },
  HasPart: { property: 'hasPart' },
  IsDescribedBy: { property: 'subjectOf' },
  IsDocumentedBy: { property: 'subjectOf' },
  HasMetadata: { property: 'subjectOf' },
  Describes: { property: 'about' },
  Documents: { property: 'about' },
  IsMetadataFor: { property: 'about' },
  HasTranslation: { property: 'workTranslation' },
  IsTranslationOf: { property: 'translationOfWork' },
  IsReviewedBy: { property: 'review' },
  Reviews: { property: 'review', reverse: true },
};

/** Related works by schema.org property, in the record's order; `reverse` gives those to place under `@reverse`. */
function relatedWorks(record: FairRecord, direction: 'forward' | 'reverse'): Record<string, JsonObject[]> {
  const works: Record<string, JsonObject[]> = {};
  for (const related of record.relatedIdentifiers ?? []) {
    const relation = RELATIONS[related.relationType];
    if (!relation || Boolean(relation.reverse) !== (direction === 'reverse')) continue;
    (works[relation.property] ??= []).push(relatedWork(related));
  }
  return works;
}

/** The related work by its resolvable IRI, or, without one, by its identifier. */
function relatedWork(related: RelatedIdentifier): JsonObject {
  const url = resolvableUrl(related);
  return compact({
    '@type': dataCiteTypes({ resourceTypeGeneral: related.resourceTypeGeneral ?? 'Other' }).schemaOrg!,
    '@id': url,
    identifier: url ? undefined : propertyValue(related.relatedIdentifierType, related.relatedIdentifier.trim()),
  });
}

/**
 * An imported record is based on the record in its source repository. That record keeps the licence,
 * terms and acknowledgement the source stated, word for word, apart from this repository's reading of them.
 */
function sourceRecord({ source }: FairRecord): JsonObject[] {
  if (!source) return [];
  const original = source.originalIdentifier?.trim();
  const doi = original && normalizeDoi(original);
  const harvested = source.harvestDate ? ` on ${source.harvestDate.slice(0, 10)}` : '';
  return [
    compact({
      '@type': 'Dataset',
      identifier: original,
      url: doi ? doiUrl(doi) : original && HTTP_URL.test(original) ? original : undefined,
      description: `The record in ${source.repository} this record was harvested from${harvested}; its licence and conditions are quoted as stated there.`,
      provider: compact({ '@type': 'Organization', name: source.repository, url: source.baseUrl }),
      license: source.license && (HTTP_URL.test(source.license.trim()) ? source.license.trim() : { '@type': 'CreativeWork', name: source.license }),
      conditionsOfAccess: [source.terms, source.accessConditions].filter((text): text is string => Boolean(text)),
      creditText: source.acknowledgement,
    }),
  ];
}

// ---------------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------------

/** The entries with a value: undefined values, empty lists and empty objects are left out. */
function compact(entries: Record<string, Json | undefined>): JsonObject {
  const object: JsonObject = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value) ? value.length === 0 : typeof value === 'object' && Object.keys(value).length === 0) continue;
    object[key] = value;
  }
  return object;
}

/** A single value as itself, several as a list: for properties search engines expect once, such as description. */
function oneOrMany(values: Json[]): Json | undefined {
  return values.length > 1 ? values : values[0];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
