/**
 * DataCite XML read into record inputs: kernel-4, and the kernel-3 records still found in the wild. One
 * record per `<resource>`, whether the document is a bare resource or wraps several (an OAI-PMH response,
 * say). Elements are matched by namespace and local name, in any order and with any prefix; values are
 * kept as written, only trimmed, and nothing absent is defaulted. An access right among the rights (COAR,
 * info:eu-repo) also sets the record's access level; the entry itself is kept.
 */
import { normalizeDoi } from '../../model/identifiers.js';
import type { RecordInput } from '../../model/schema.js';
import { dataCiteVocabulary } from '../../model/vocab.js';
import type { ImportItem } from '../import-item.js';
import { accessFromRightsList } from './imported-access.js';
import { isOaiPmhResponse, oaiItems, oaiResponse } from './oai-pmh.js';
import { compact, coordinateOf, itemsOfElements, nonEmpty, trimmed, unreadable, yearOf } from './reader-support.js';
import { childElements, findElements, ownText, parseXml, type XmlElement } from './xml-tree.js';

type Person = RecordInput['creators'][number];
type Contributor = NonNullable<RecordInput['contributors']>[number];
type GeoLocation = NonNullable<RecordInput['geoLocations']>[number];
type GeoPoint = NonNullable<GeoLocation['geoLocationPoint']>;
type GeoBox = NonNullable<GeoLocation['geoLocationBox']>;
type GeoPolygon = NonNullable<GeoLocation['geoLocationPolygon']>;
type FundingReference = NonNullable<RecordInput['fundingReferences']>[number];
type RelatedItem = NonNullable<RecordInput['relatedItems']>[number];
type AlternateIdentifier = NonNullable<RecordInput['alternateIdentifiers']>[number];

const DATACITE_NAMESPACE = /^http:\/\/datacite\.org\/schema\/kernel-\d/;

/** An element of one resource, with its path for error messages. */
class Node {
  constructor(
    readonly element: XmlElement,
    readonly path: string,
  ) {}

  /** The children named `name` in the resource's namespace; elements of other vocabularies are ignored. */
  all(name: string): Node[] {
    const found = childElements(this.element).filter((child) => child.name === name && child.namespace === this.element.namespace);
    return found.map((child, i) => new Node(child, found.length > 1 ? `${this.path}/${name}[${i + 1}]` : `${this.path}/${name}`));
  }

  one(name: string): Node | undefined {
    return this.all(name)[0];
  }

  /** The items of a wrapper (`creators` → `creator`), empty ones left out: they state nothing. */
  items(wrapper: string, item: string): Node[] {
    return this.all(wrapper).flatMap((list) => list.all(item).filter((node) => !node.isEmpty()));
  }

  text(): string | undefined {
    return trimmed(ownText(this.element));
  }

  attribute(name: string): string | undefined {
    return trimmed(this.element.attributes[name]);
  }

  required(value: string | undefined, what: string): string {
    if (value === undefined) throw unreadable(this.path, `${what} is missing or empty`);
    return value;
  }

  isEmpty(): boolean {
    return this.text() === undefined && Object.keys(this.element.attributes).length === 0 && childElements(this.element).length === 0;
  }
}

/** Every resource of the document; the first that cannot be read fails the whole document. */
export function readDataCiteXml(text: string): RecordInput[] {
  const resources = resourcesOf(parseXml(text));
  return resources.map((resource, i) => readDataCiteResource(resource, resources.length > 1 ? `resource[${i + 1}]` : 'resource'));
}

/**
 * The document as import items: each record of an OAI-PMH response (metadataPrefix datacite, or an
 * oai_datacite envelope) with its header, or each resource of any other document, each read on its own.
 */
export function readDataCiteXmlItems(text: string): ImportItem[] {
  const root = parseXml(text);
  if (isOaiPmhResponse(root)) return oaiItems(oaiResponse(root), (metadata) => readDataCiteResource(onlyResource(metadata), 'resource'));
  const resources = resourcesOf(root);
  return itemsOfElements(resources, 'resource', readDataCiteResource, identifierOf);
}

function resourcesOf(root: XmlElement): XmlElement[] {
  const resources = findElements(root, isDataCiteResource);
  if (resources.length === 0) throw unreadable('resource', 'the document holds no DataCite <resource> element');
  return resources;
}

/** The resource's own identifier as written, to name it by. */
function identifierOf(resource: XmlElement): string | undefined {
  const identifier = childElements(resource).find((child) => child.name === 'identifier' && child.namespace === resource.namespace);
  return identifier && trimmed(ownText(identifier));
}

/** The one resource inside an OAI-PMH record's metadata: the metadata itself, or the payload of an envelope. */
export function onlyResource(metadata: XmlElement): XmlElement {
  const [resource] = findElements(metadata, isDataCiteResource);
  if (!resource) throw unreadable('metadata', `holds no DataCite <resource> element (found ${metadata.namespace ? `{${metadata.namespace}}` : ''}${metadata.name})`);
  return resource;
}

export function isDataCiteResource(element: XmlElement): boolean {
  return element.name === 'resource' && (DATACITE_NAMESPACE.test(element.namespace) || element.namespace === '');
}

/** One `<resource>` element read into a record input; `path` names it in error messages. */
export function readDataCiteResource(element: XmlElement, path = 'resource'): RecordInput {
  const resource = new Node(element, path);
  const record = readResource(resource);
  const access = accessFromRightsList(record.rightsList ?? [], record.dates ?? []);
  return access ? { ...record, access } : record;
}

function readResource(resource: Node): RecordInput {
  const { doi, alternateIdentifiers } = identifiersOf(resource);
  const people = resource.items('contributors', 'contributor');
  const titles = resource.items('titles', 'title').map(titleOf);
  const creators = resource.items('creators', 'creator').map((node) => personOf(node, 'creator'));
  if (titles.length === 0) throw unreadable(`${resource.path}/titles`, 'a DataCite record has at least one title');
  if (creators.length === 0) throw unreadable(`${resource.path}/creators`, 'a DataCite record has at least one creator');
  return compact({
    doi,
    titles,
    creators,
    publisher: publisherOf(resource),
    publicationYear: yearOf(resource.one('publicationYear')?.text(), `${resource.path}/publicationYear`),
    types: typesOf(resource),
    subjects: nonEmpty(resource.items('subjects', 'subject').map(subjectOf)),
    contributors: nonEmpty(people.filter((node) => !isKernel3Funder(node)).map(contributorOf)),
    dates: nonEmpty(resource.items('dates', 'date').map(dateOf)),
    language: resource.one('language')?.text(),
    alternateIdentifiers: nonEmpty(alternateIdentifiers),
    relatedIdentifiers: nonEmpty(resource.items('relatedIdentifiers', 'relatedIdentifier').map(relatedIdentifierOf)),
    sizes: nonEmpty(resource.items('sizes', 'size').flatMap((node) => node.text() ?? [])),
    formats: nonEmpty(resource.items('formats', 'format').flatMap((node) => node.text() ?? [])),
    version: resource.one('version')?.text(),
    rightsList: nonEmpty(resource.items('rightsList', 'rights').map(rightsOf)),
    descriptions: nonEmpty(resource.items('descriptions', 'description').flatMap(descriptionOf)),
    geoLocations: nonEmpty(resource.items('geoLocations', 'geoLocation').flatMap(geoLocationsOf)),
    fundingReferences: nonEmpty([
      ...resource.items('fundingReferences', 'fundingReference').map(fundingReferenceOf),
      ...people.filter(isKernel3Funder).map(kernel3FunderOf),
    ]),
    relatedItems: nonEmpty(resource.items('relatedItems', 'relatedItem').map(relatedItemOf)),
  });
}

/** A DOI is the record's own; any other primary identifier is kept among its alternate identifiers. */
function identifiersOf(resource: Node): { doi?: string; alternateIdentifiers: AlternateIdentifier[] } {
  const alternates = resource.items('alternateIdentifiers', 'alternateIdentifier').map((node) => ({
    alternateIdentifier: node.required(node.text(), 'the identifier'),
    alternateIdentifierType: node.required(node.attribute('alternateIdentifierType'), 'alternateIdentifierType'),
  }));
  const identifier = resource.one('identifier');
  const value = identifier?.text();
  if (!identifier || value === undefined) return { alternateIdentifiers: alternates };
  const type = identifier.required(identifier.attribute('identifierType'), 'identifierType');
  if (type.toUpperCase() !== 'DOI') return { alternateIdentifiers: [{ alternateIdentifier: value, alternateIdentifierType: type }, ...alternates] };
  const doi = normalizeDoi(value);
  if (!doi) throw unreadable(identifier.path, `${JSON.stringify(value)} is not a DOI`);
  return { doi, alternateIdentifiers: alternates };
}

function titleOf(node: Node): RecordInput['titles'][number] {
  return compact({ title: node.required(node.text(), 'the title'), titleType: node.attribute('titleType'), lang: node.attribute('xml:lang') });
}

function personOf(node: Node, role: 'creator' | 'contributor'): Person {
  const nameNode = node.one(`${role}Name`);
  const name = node.required(nameNode?.text(), `<${role}Name>`);
  return compact({
    name,
    nameType: nameNode?.attribute('nameType'),
    givenName: node.one('givenName')?.text(),
    familyName: node.one('familyName')?.text(),
    nameIdentifiers: nonEmpty(
      node
        .all('nameIdentifier')
        .filter((id) => !id.isEmpty())
        .map((id) =>
          compact({
            nameIdentifier: id.required(id.text(), 'the name identifier'),
            nameIdentifierScheme: id.required(id.attribute('nameIdentifierScheme'), 'nameIdentifierScheme'),
            schemeUri: id.attribute('schemeURI'),
          }),
        ),
    ),
    affiliation: nonEmpty(
      node
        .all('affiliation')
        .filter((a) => !a.isEmpty())
        .map((a) =>
          compact({
            name: a.required(a.text(), 'the affiliation name'),
            affiliationIdentifier: a.attribute('affiliationIdentifier'),
            affiliationIdentifierScheme: a.attribute('affiliationIdentifierScheme'),
            schemeUri: a.attribute('schemeURI'),
          }),
        ),
    ),
    lang: nameNode?.attribute('xml:lang'),
  });
}

function contributorOf(node: Node): Contributor {
  return { ...personOf(node, 'contributor'), contributorType: node.required(node.attribute('contributorType'), 'contributorType') };
}

/** Kernel 3 named funders as contributors of type Funder; kernel 4 moved them to funding references. */
function isKernel3Funder(node: Node): boolean {
  return node.attribute('contributorType') === 'Funder';
}

function kernel3FunderOf(node: Node): FundingReference {
  const identifier = node.all('nameIdentifier').find((id) => id.text() !== undefined);
  const scheme = identifier?.attribute('nameIdentifierScheme');
  return compact({
    funderName: node.required(node.one('contributorName')?.text(), '<contributorName>'),
    funderIdentifier: identifier?.text(),
    funderIdentifierType: dataCiteVocabulary.funderIdentifierType.find((type) => type.toLowerCase() === scheme?.toLowerCase()),
    schemeUri: identifier?.attribute('schemeURI'),
  });
}

function publisherOf(resource: Node): RecordInput['publisher'] {
  const node = resource.one('publisher');
  return compact({
    name: (node ?? resource).required(node?.text(), '<publisher>'),
    publisherIdentifier: node?.attribute('publisherIdentifier'),
    publisherIdentifierScheme: node?.attribute('publisherIdentifierScheme'),
    schemeUri: node?.attribute('schemeURI'),
    lang: node?.attribute('xml:lang'),
  });
}

function typesOf(resource: Node): RecordInput['types'] {
  const node = resource.one('resourceType');
  return compact({
    resourceTypeGeneral: (node ?? resource).required(node?.attribute('resourceTypeGeneral'), '<resourceType resourceTypeGeneral>'),
    resourceType: node?.text(),
  });
}

function subjectOf(node: Node): NonNullable<RecordInput['subjects']>[number] {
  return compact({
    subject: node.required(node.text(), 'the subject'),
    subjectScheme: node.attribute('subjectScheme'),
    schemeUri: node.attribute('schemeURI'),
    valueUri: node.attribute('valueURI'),
    classificationCode: node.attribute('classificationCode'),
    lang: node.attribute('xml:lang'),
  });
}

function dateOf(node: Node): NonNullable<RecordInput['dates']>[number] {
  return compact({
    date: node.required(node.text(), 'the date'),
    dateType: node.required(node.attribute('dateType'), 'dateType'),
    dateInformation: node.attribute('dateInformation'),
  });
}

function relatedIdentifierOf(node: Node): NonNullable<RecordInput['relatedIdentifiers']>[number] {
  return compact({
    relatedIdentifier: node.required(node.text(), 'the related identifier'),
    relatedIdentifierType: node.required(node.attribute('relatedIdentifierType'), 'relatedIdentifierType'),
    relationType: node.required(node.attribute('relationType'), 'relationType'),
    relationTypeInformation: node.attribute('relationTypeInformation'),
    resourceTypeGeneral: node.attribute('resourceTypeGeneral'),
    relatedMetadataScheme: node.attribute('relatedMetadataScheme'),
    schemeUri: node.attribute('schemeURI'),
    schemeType: node.attribute('schemeType'),
  });
}

/** The licence exactly as stated: an entry may be a URI alone, or text alone. */
function rightsOf(node: Node): NonNullable<RecordInput['rightsList']>[number] {
  return compact({
    rights: node.text(),
    rightsUri: node.attribute('rightsURI'),
    rightsIdentifier: node.attribute('rightsIdentifier'),
    rightsIdentifierScheme: node.attribute('rightsIdentifierScheme'),
    schemeUri: node.attribute('schemeURI'),
    lang: node.attribute('xml:lang'),
  });
}

/** Kernel 3 allowed line breaks (`<br/>`) inside a description. */
function descriptionOf(node: Node): NonNullable<RecordInput['descriptions']> {
  const text = trimmed(node.element.content.map((item) => (typeof item === 'string' ? item : item.name === 'br' ? '\n' : '')).join(''));
  if (text === undefined) return [];
  return [compact({ description: text, descriptionType: node.required(node.attribute('descriptionType'), 'descriptionType'), lang: node.attribute('xml:lang') })];
}

/**
 * The XSD lets one geoLocation hold several places, points, boxes and polygons; the record holds one of
 * each per geoLocation, so the second of each kind goes to a further geoLocation, and so on.
 */
function geoLocationsOf(node: Node): GeoLocation[] {
  const present = (name: string) => node.all(name).filter((part) => !part.isEmpty());
  const places = present('geoLocationPlace').flatMap((place) => place.text() ?? []);
  const points = present('geoLocationPoint').map(pointOf);
  const boxes = present('geoLocationBox').map(boxOf);
  const polygons = present('geoLocationPolygon').map(polygonOf);
  const count = Math.max(places.length, points.length, boxes.length, polygons.length);
  return Array.from({ length: count }, (_, i) =>
    compact({ geoLocationPlace: places[i], geoLocationPoint: points[i], geoLocationBox: boxes[i], geoLocationPolygon: polygons[i] }),
  );
}

/** Kernel 4 writes a point as elements; kernel 3 as the text "latitude longitude". */
function pointOf(node: Node): GeoPoint {
  if (childElements(node.element).length === 0) {
    const [latitude, longitude] = coordinatesOf(node, 2);
    return { pointLongitude: longitude!, pointLatitude: latitude! };
  }
  return { pointLongitude: coordinateIn(node, 'pointLongitude'), pointLatitude: coordinateIn(node, 'pointLatitude') };
}

/** Kernel 4 writes a box as elements; kernel 3 as the text "south west north east". */
function boxOf(node: Node): GeoBox {
  if (childElements(node.element).length === 0) {
    const [south, west, north, east] = coordinatesOf(node, 4);
    return { westBoundLongitude: west!, eastBoundLongitude: east!, southBoundLatitude: south!, northBoundLatitude: north! };
  }
  return {
    westBoundLongitude: coordinateIn(node, 'westBoundLongitude'),
    eastBoundLongitude: coordinateIn(node, 'eastBoundLongitude'),
    southBoundLatitude: coordinateIn(node, 'southBoundLatitude'),
    northBoundLatitude: coordinateIn(node, 'northBoundLatitude'),
  };
}

function polygonOf(node: Node): GeoPolygon {
  return [
    ...node.all('polygonPoint').map((point) => ({ polygonPoint: pointOf(point) })),
    ...node.all('inPolygonPoint').map((point) => ({ inPolygonPoint: pointOf(point) })),
  ];
}

function coordinateIn(node: Node, name: string): number {
  const child = node.one(name);
  return coordinateOf(child?.text(), child?.path ?? `${node.path}/${name}`);
}

function coordinatesOf(node: Node, count: number): number[] {
  const parts = (node.text() ?? '').split(/\s+/);
  if (parts.length !== count) throw unreadable(node.path, `expected ${count} numbers separated by spaces, found ${JSON.stringify(node.text() ?? '')}`);
  return parts.map((part) => coordinateOf(part, node.path));
}

function fundingReferenceOf(node: Node): FundingReference {
  const identifier = node.one('funderIdentifier');
  const award = node.one('awardNumber');
  return compact({
    funderName: node.required(node.one('funderName')?.text(), '<funderName>'),
    funderIdentifier: identifier?.text(),
    funderIdentifierType: identifier?.attribute('funderIdentifierType'),
    schemeUri: identifier?.attribute('schemeURI'),
    awardNumber: award?.text(),
    awardUri: award?.attribute('awardURI'),
    awardTitle: node.one('awardTitle')?.text(),
  });
}

function relatedItemOf(node: Node): RelatedItem {
  const identifier = node.one('relatedItemIdentifier');
  const number = node.one('number');
  const text = (name: string) => node.one(name)?.text();
  return compact({
    relatedItemType: node.required(node.attribute('relatedItemType'), 'relatedItemType'),
    relationType: node.required(node.attribute('relationType'), 'relationType'),
    relationTypeInformation: node.attribute('relationTypeInformation'),
    relatedItemIdentifier:
      identifier && identifier.text() !== undefined
        ? compact({
            relatedItemIdentifier: identifier.text()!,
            relatedItemIdentifierType: identifier.attribute('relatedItemIdentifierType'),
            relatedMetadataScheme: identifier.attribute('relatedMetadataScheme'),
            schemeURI: identifier.attribute('schemeURI'),
            schemeType: identifier.attribute('schemeType'),
          })
        : undefined,
    creators: nonEmpty(node.items('creators', 'creator').map((creator) => relatedItemPersonOf(creator, 'creator'))),
    titles: nonEmpty(node.items('titles', 'title').map(titleOf)),
    publicationYear: text('publicationYear'),
    volume: text('volume'),
    issue: text('issue'),
    number: number?.text(),
    numberType: number?.attribute('numberType'),
    firstPage: text('firstPage'),
    lastPage: text('lastPage'),
    publisher: text('publisher'),
    edition: text('edition'),
    contributors: nonEmpty(
      node.items('contributors', 'contributor').map((contributor) => ({
        ...relatedItemPersonOf(contributor, 'contributor'),
        contributorType: contributor.required(contributor.attribute('contributorType'), 'contributorType'),
      })),
    ),
  });
}

/** The XSD gives the people of a related item a name only, without identifiers or affiliations. */
function relatedItemPersonOf(node: Node, role: 'creator' | 'contributor') {
  const { name, nameType, givenName, familyName, lang } = personOf(node, role);
  return compact({ name, nameType, givenName, familyName, lang });
}
