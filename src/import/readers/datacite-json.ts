/**
 * DataCite REST API JSON read into record inputs: one DOI (`{"data": {"attributes": …}}`), a page of them
 * (`{"data": [ … ]}`), or bare attributes as DataCite's own examples write them. Both of DataCite's forms
 * of a publisher and an affiliation (a name, or an object) are read. Values are kept as written, only
 * trimmed; what DataCite computes about a DOI (its container, state, counts, landing page) is not record
 * metadata and is left out.
 */
import { DomainError } from '../../model/errors.js';
import { parseJsonDocument } from '../../model/json-document.js';
import { doiKey, normalizeDoi } from '../../model/identifiers.js';
import type { RecordInput } from '../../model/schema.js';
import { accessFromRightsList } from './imported-access.js';
import { compact, coordinateOf, nonEmpty, trimmed, unreadable, yearOf } from './reader-support.js';

type Person = RecordInput['creators'][number];
type GeoLocation = NonNullable<RecordInput['geoLocations']>[number];
type GeoPoint = NonNullable<GeoLocation['geoLocationPoint']>;
type GeoPolygon = NonNullable<GeoLocation['geoLocationPolygon']>;
type AlternateIdentifier = NonNullable<RecordInput['alternateIdentifiers']>[number];
type RelatedItem = NonNullable<RecordInput['relatedItems']>[number];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value of the document, with its path for error messages. */
class Field {
  constructor(
    readonly value: unknown,
    readonly path: string,
  ) {}

  get(name: string): Field {
    return new Field(isObject(this.value) ? this.value[name] : undefined, this.path ? `${this.path}.${name}` : name);
  }

  /** The first of `names` that is present: DataCite spells some keys two ways (schemeUri, schemeURI). */
  either(...names: string[]): Field {
    const fields = names.map((name) => this.get(name));
    return fields.find((field) => !field.isEmpty()) ?? fields[0]!;
  }

  /** The items of this list, empty ones left out; a single value counts as a list of one, as DataCite reads it. */
  elements(): Field[] {
    const values = Array.isArray(this.value) ? this.value : this.value === undefined || this.value === null ? [] : [this.value];
    return values.map((value, i) => new Field(value, `${this.path}[${i}]`)).filter((item) => !item.isEmpty());
  }

  items(name: string): Field[] {
    return this.get(name).elements();
  }

  text(): string | undefined {
    if (this.value === undefined || this.value === null) return undefined;
    if (typeof this.value === 'string') return trimmed(this.value);
    if (typeof this.value === 'number') return String(this.value);
    throw unreadable(this.path, `${JSON.stringify(this.value)} is not text`);
  }

  required(): string {
    const text = this.text();
    if (text === undefined) throw unreadable(this.path, 'is missing or empty');
    return text;
  }

  isEmpty(): boolean {
    const { value } = this;
    if (value === undefined || value === null) return true;
    if (typeof value === 'string') return value.trim() === '';
    if (Array.isArray(value)) return value.every((item, i) => new Field(item, `${this.path}[${i}]`).isEmpty());
    if (isObject(value)) return Object.keys(value).every((key) => this.get(key).isEmpty());
    return false;
  }
}

export function readDataCiteJson(json: unknown): RecordInput[] {
  const document = typeof json === 'string' ? parseJsonDocument(json) : json;
  return recordsOf(new Field(document, '')).map(readAttributes).map(withAccess);
}

/** An access right among the rights (COAR, info:eu-repo) also sets the record's access level, as in DataCite XML. */
function withAccess(record: RecordInput): RecordInput {
  const access = accessFromRightsList(record.rightsList ?? [], record.dates ?? []);
  return access ? { ...record, access } : record;
}

/** The attributes of each DOI in the document, and the JSON:API id beside them, which is the DOI. */
function recordsOf(document: Field): Array<{ attributes: Field; id?: string }> {
  const data = document.get('data');
  if (Array.isArray(document.value)) return document.elements().map(dataItem);
  if (Array.isArray(data.value)) return data.elements().map(dataItem);
  if (isObject(data.value)) return [dataItem(data)];
  if (isObject(document.value) && ('titles' in document.value || 'creators' in document.value)) return [{ attributes: document }];
  throw unreadable('data', 'the document holds no DataCite attributes (expected {"data": {"attributes": …}}, {"data": […]} or bare attributes)');
}

function dataItem(item: Field): { attributes: Field; id?: string } {
  const attributes = item.get('attributes');
  return isObject(attributes.value) ? { attributes, id: item.get('id').text() } : { attributes: item };
}

function readAttributes({ attributes: a, id }: { attributes: Field; id?: string }): RecordInput {
  const doi = doiOf(a, id);
  const creators = a.items('creators').map(personOf);
  const titles = a.items('titles').map((t) => compact({ title: t.get('title').required(), titleType: t.get('titleType').text(), lang: t.get('lang').text() }));
  if (titles.length === 0) throw unreadable(a.get('titles').path, 'a DataCite record has at least one title');
  if (creators.length === 0) throw unreadable(a.get('creators').path, 'a DataCite record has at least one creator');
  return compact({
    doi,
    titles,
    creators,
    publisher: publisherOf(a.get('publisher')),
    publicationYear: yearOf(a.get('publicationYear').text(), a.get('publicationYear').path),
    types: typesOf(a.get('types')),
    subjects: nonEmpty(a.items('subjects').map(subjectOf)),
    contributors: nonEmpty(a.items('contributors').map((c) => ({ ...personOf(c), contributorType: c.get('contributorType').required() }))),
    dates: nonEmpty(
      a.items('dates').map((d) =>
        compact({ date: d.get('date').required(), dateType: d.get('dateType').required(), dateInformation: d.get('dateInformation').text() }),
      ),
    ),
    language: a.get('language').text(),
    alternateIdentifiers: nonEmpty(alternateIdentifiersOf(a, doi)),
    relatedIdentifiers: nonEmpty(a.items('relatedIdentifiers').map(relatedIdentifierOf)),
    sizes: nonEmpty(a.items('sizes').map((size) => size.required())),
    formats: nonEmpty(a.items('formats').map((format) => format.required())),
    version: a.get('version').text(),
    rightsList: nonEmpty(a.items('rightsList').map(rightsOf)),
    descriptions: nonEmpty(
      a.items('descriptions').map((d) =>
        compact({ description: d.get('description').required(), descriptionType: d.get('descriptionType').required(), lang: d.get('lang').text() }),
      ),
    ),
    geoLocations: nonEmpty(a.items('geoLocations').flatMap(geoLocationsOf)),
    fundingReferences: nonEmpty(a.items('fundingReferences').map(fundingReferenceOf)),
    relatedItems: nonEmpty(a.items('relatedItems').map(relatedItemOf)),
  });
}

/** `doi`, else the JSON:API id, else an `id` or identifier of type DOI, as older DataCite JSON writes it. */
function doiOf(a: Field, id: string | undefined): string | undefined {
  const stated = a.get('doi').text();
  if (stated !== undefined) {
    const doi = normalizeDoi(stated);
    if (!doi) throw unreadable(a.get('doi').path, `${JSON.stringify(stated)} is not a DOI`);
    return doi;
  }
  const doiIdentifier = a.items('identifiers').find((i) => i.get('identifierType').text()?.toUpperCase() === 'DOI');
  const candidates = [id, a.get('id').text(), doiIdentifier?.get('identifier').text()];
  return candidates.flatMap((candidate) => (candidate ? (normalizeDoi(candidate) ?? []) : []))[0];
}

/** `identifiers` (the REST API's name) and `alternateIdentifiers` (the XML's) hold the same list; the record's own DOI is not one of them. */
function alternateIdentifiersOf(a: Field, doi: string | undefined): AlternateIdentifier[] {
  const fromIdentifiers = a.items('identifiers').map((i) => ({
    alternateIdentifier: i.get('identifier').required(),
    alternateIdentifierType: i.get('identifierType').required(),
  }));
  const fromAlternates = a.items('alternateIdentifiers').map((i) => ({
    alternateIdentifier: i.get('alternateIdentifier').required(),
    alternateIdentifierType: i.get('alternateIdentifierType').required(),
  }));
  const isOwnDoi = (i: AlternateIdentifier) =>
    doi !== undefined && i.alternateIdentifierType.toUpperCase() === 'DOI' && doiKey(normalizeDoi(i.alternateIdentifier) ?? '') === doiKey(doi);
  const seen = new Set<string>();
  return [...fromIdentifiers, ...fromAlternates].filter((i) => {
    const key = `${i.alternateIdentifierType}\n${i.alternateIdentifier}`;
    if (isOwnDoi(i) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function personOf(p: Field): Person {
  return compact({
    name: p.get('name').required(),
    nameType: p.get('nameType').text(),
    givenName: p.get('givenName').text(),
    familyName: p.get('familyName').text(),
    nameIdentifiers: nonEmpty(
      p.items('nameIdentifiers').map((id) =>
        compact({
          nameIdentifier: id.get('nameIdentifier').required(),
          nameIdentifierScheme: id.get('nameIdentifierScheme').required(),
          schemeUri: id.either('schemeUri', 'schemeURI').text(),
        }),
      ),
    ),
    affiliation: nonEmpty(
      p.items('affiliation').map((a) =>
        typeof a.value === 'string'
          ? { name: a.required() }
          : compact({
              name: a.get('name').required(),
              affiliationIdentifier: a.get('affiliationIdentifier').text(),
              affiliationIdentifierScheme: a.get('affiliationIdentifierScheme').text(),
              schemeUri: a.either('schemeUri', 'schemeURI').text(),
              lang: a.get('lang').text(),
            }),
      ),
    ),
    lang: p.get('lang').text(),
  });
}

function publisherOf(p: Field): RecordInput['publisher'] {
  if (typeof p.value === 'string' || p.value === undefined || p.value === null) return { name: p.required() };
  return compact({
    name: p.get('name').required(),
    publisherIdentifier: p.get('publisherIdentifier').text(),
    publisherIdentifierScheme: p.get('publisherIdentifierScheme').text(),
    schemeUri: p.either('schemeUri', 'schemeURI').text(),
    lang: p.get('lang').text(),
  });
}

function typesOf(t: Field): RecordInput['types'] {
  return compact({
    resourceTypeGeneral: t.get('resourceTypeGeneral').required(),
    resourceType: t.get('resourceType').text(),
    schemaOrg: t.get('schemaOrg').text(),
    bibtex: t.get('bibtex').text(),
    citeproc: t.get('citeproc').text(),
    ris: t.get('ris').text(),
  });
}

function subjectOf(s: Field): NonNullable<RecordInput['subjects']>[number] {
  return compact({
    subject: s.get('subject').required(),
    subjectScheme: s.get('subjectScheme').text(),
    schemeUri: s.either('schemeUri', 'schemeURI').text(),
    valueUri: s.either('valueUri', 'valueURI').text(),
    classificationCode: s.get('classificationCode').text(),
    lang: s.get('lang').text(),
  });
}

function relatedIdentifierOf(r: Field): NonNullable<RecordInput['relatedIdentifiers']>[number] {
  return compact({
    relatedIdentifier: r.get('relatedIdentifier').required(),
    relatedIdentifierType: r.get('relatedIdentifierType').required(),
    relationType: r.get('relationType').required(),
    relationTypeInformation: r.get('relationTypeInformation').text(),
    resourceTypeGeneral: r.get('resourceTypeGeneral').text(),
    relatedMetadataScheme: r.get('relatedMetadataScheme').text(),
    schemeUri: r.either('schemeUri', 'schemeURI').text(),
    schemeType: r.get('schemeType').text(),
  });
}

/** The licence exactly as stated, the SPDX id in the letter case it was given. */
function rightsOf(r: Field): NonNullable<RecordInput['rightsList']>[number] {
  return compact({
    rights: r.get('rights').text(),
    rightsUri: r.either('rightsUri', 'rightsURI').text(),
    rightsIdentifier: r.get('rightsIdentifier').text(),
    rightsIdentifierScheme: r.get('rightsIdentifierScheme').text(),
    schemeUri: r.either('schemeUri', 'schemeURI').text(),
    lang: r.get('lang').text(),
  });
}

/** DataCite writes several polygons of one geoLocation as a list of lists; the record holds one per geoLocation. */
function geoLocationsOf(g: Field): GeoLocation[] {
  const polygonField = g.get('geoLocationPolygon');
  const nested = Array.isArray(polygonField.value) && polygonField.value.some(Array.isArray);
  const polygons = nested ? polygonField.elements().map(polygonOf) : polygonField.isEmpty() ? [] : [polygonOf(polygonField)];
  const point = g.get('geoLocationPoint');
  const box = g.get('geoLocationBox');
  const first = compact({
    geoLocationPlace: g.get('geoLocationPlace').text(),
    geoLocationPoint: point.isEmpty() ? undefined : pointOf(point),
    geoLocationBox: box.isEmpty()
      ? undefined
      : {
          westBoundLongitude: coordinateOf(box.get('westBoundLongitude').text(), box.get('westBoundLongitude').path),
          eastBoundLongitude: coordinateOf(box.get('eastBoundLongitude').text(), box.get('eastBoundLongitude').path),
          southBoundLatitude: coordinateOf(box.get('southBoundLatitude').text(), box.get('southBoundLatitude').path),
          northBoundLatitude: coordinateOf(box.get('northBoundLatitude').text(), box.get('northBoundLatitude').path),
        },
    geoLocationPolygon: polygons[0],
  });
  return [first, ...polygons.slice(1).map((polygon) => ({ geoLocationPolygon: polygon }))].filter((location) => Object.keys(location).length > 0);
}

function pointOf(p: Field): GeoPoint {
  return {
    pointLongitude: coordinateOf(p.get('pointLongitude').text(), p.get('pointLongitude').path),
    pointLatitude: coordinateOf(p.get('pointLatitude').text(), p.get('pointLatitude').path),
  };
}

function polygonOf(p: Field): GeoPolygon {
  return p.elements().flatMap((item): GeoPolygon => {
    if (!item.get('polygonPoint').isEmpty()) return [{ polygonPoint: pointOf(item.get('polygonPoint')) }];
    if (!item.get('inPolygonPoint').isEmpty()) return [{ inPolygonPoint: pointOf(item.get('inPolygonPoint')) }];
    return [];
  });
}

function fundingReferenceOf(f: Field): NonNullable<RecordInput['fundingReferences']>[number] {
  return compact({
    funderName: f.get('funderName').required(),
    funderIdentifier: f.get('funderIdentifier').text(),
    funderIdentifierType: f.get('funderIdentifierType').text(),
    schemeUri: f.either('schemeUri', 'schemeURI').text(),
    awardNumber: f.get('awardNumber').text(),
    awardUri: f.either('awardUri', 'awardURI').text(),
    awardTitle: f.get('awardTitle').text(),
  });
}

function relatedItemOf(r: Field): RelatedItem {
  const identifier = r.get('relatedItemIdentifier');
  const name = (p: Field) => {
    const { name, nameType, givenName, familyName, lang } = personOf(p);
    return compact({ name, nameType, givenName, familyName, lang });
  };
  return compact({
    relatedItemType: r.get('relatedItemType').required(),
    relationType: r.get('relationType').required(),
    relationTypeInformation: r.get('relationTypeInformation').text(),
    relatedItemIdentifier: identifier.isEmpty()
      ? undefined
      : compact({
          relatedItemIdentifier: identifier.get('relatedItemIdentifier').required(),
          relatedItemIdentifierType: identifier.get('relatedItemIdentifierType').text(),
          relatedMetadataScheme: identifier.get('relatedMetadataScheme').text(),
          schemeURI: identifier.either('schemeURI', 'schemeUri').text(),
          schemeType: identifier.get('schemeType').text(),
        }),
    creators: nonEmpty(r.items('creators').map(name)),
    titles: nonEmpty(r.items('titles').map((t) => compact({ title: t.get('title').required(), titleType: t.get('titleType').text(), lang: t.get('lang').text() }))),
    publicationYear: r.get('publicationYear').text(),
    volume: r.get('volume').text(),
    issue: r.get('issue').text(),
    number: r.get('number').text(),
    numberType: r.get('numberType').text(),
    firstPage: r.get('firstPage').text(),
    lastPage: r.get('lastPage').text(),
    publisher: r.get('publisher').text(),
    edition: r.get('edition').text(),
    contributors: nonEmpty(r.items('contributors').map((c) => ({ ...name(c), contributorType: c.get('contributorType').required() }))),
  });
}
