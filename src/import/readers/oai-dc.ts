/**
 * Simple Dublin Core (oai_dc) read into record inputs: a bare `oai_dc:dc` document, or an OAI-PMH response
 * holding oai_dc records. Each DC element goes to its DataCite counterpart; what DC leaves unsaid is not
 * guessed:
 *
 * - dc:title: the first is the title; a later one in another language (xml:lang) a TranslatedTitle, any
 *   other later one an AlternativeTitle;
 * - dc:creator (a name only), dc:subject, dc:format as they are; dc:contributor as a contributor of type
 *   Other;
 * - dc:publisher: the first; without one, "(:unav)", DataCite's code for a value its source does not give;
 * - dc:date: the first four-digit year is the publication year (a record without one cannot be read); the
 *   first full date is the Issued date, later ones Other; `info:eu-repo/date/embargoEnd/…` is the embargo's
 *   end;
 * - dc:type: see dc-types.ts;
 * - dc:identifier: the first DOI, in any form, is the record's DOI; every other identifier is an alternate
 *   identifier, typed by its form (URL, URN, Handle, OAI, …);
 * - dc:relation: identifiers DataCite can type (a DOI, a URL, …) are related identifiers the record
 *   References; other text is left out;
 * - dc:source: the resource this one is derived from (IsDerivedFrom): a related identifier when it is one,
 *   else a related item titled with the text;
 * - dc:coverage: a date or period is a Coverage date, anything else a place;
 * - dc:description: an Abstract. DataCite's own oai_dc writes a description's type as a description of
 *   its own before it ("SeriesInformation", then the text); that pair is read as one typed description;
 * - dc:language: the first that is a language tag, an ISO 639 code or a language name;
 * - dc:rights: see dc-rights.ts.
 */
import { DC_NAMESPACE, OAI_DC_NAMESPACE, type DcElement } from '../../formats/oai-dc.js';
import { doiKey } from '../../model/identifiers.js';
import type { RecordInput } from '../../model/schema.js';
import { dataCiteVocabulary } from '../../model/vocab.js';
import type { ImportItem } from '../import-item.js';
import { rightsOfDc, type Statement } from './dc-rights.js';
import { typesOfDc } from './dc-types.js';
import { declaresElementIn } from './detect-xml.js';
import { euRepoDateTerm, firstYear, identifierOf, isDataCiteDate, isRelatable, langOf, languageCode, type Identifier } from './dc-values.js';
import { isOaiPmhResponse, OAI_PMH_NAMESPACE, oaiItems, oaiResponse } from './oai-pmh.js';
import { compact, itemsOfElements, nonEmpty, trimmed, unreadable, type ReadRecord } from './reader-support.js';
import { childElements, findElements, ownText, parseXml, type XmlElement } from './xml-tree.js';

export { DC_NAMESPACE, OAI_DC_NAMESPACE };

/** DataCite's code for a mandatory value its source does not give. */
export const UNAVAILABLE = '(:unav)';

type DcElementName = DcElement;

type RelatedIdentifier = NonNullable<RecordInput['relatedIdentifiers']>[number];
type Description = NonNullable<RecordInput['descriptions']>[number];

/** The statements of one record, by element, empty ones left out. */
class DcRecord {
  constructor(private readonly dc: XmlElement) {}

  all(name: DcElementName): Statement[] {
    return childElements(this.dc)
      .filter((child) => child.name === name && child.namespace === DC_NAMESPACE)
      .flatMap((child) => {
        const text = trimmed(ownText(child));
        return text === undefined ? [] : [compact({ text, lang: langOf(child.attributes['xml:lang']) })];
      });
  }

  texts(name: DcElementName): string[] {
    return this.all(name).map((statement) => statement.text);
  }
}

export function readOaiDc(text: string): ImportItem[] {
  const root = parseXml(text);
  if (isOaiPmhResponse(root)) return oaiItems(oaiResponse(root), readDcRecord);
  const records = findElements(root, isOaiDc);
  if (records.length === 0) throw unreadable('oai_dc:dc', 'the document holds no oai_dc:dc element');
  return itemsOfElements(records, 'oai_dc:dc', readDcRecord, identifierOfDc);
}

/**
 * A bare oai_dc:dc, or an OAI-PMH response holding oai_dc records; also a response whose records are all
 * deleted, which holds no metadata to tell its format by and which every OAI-PMH reader reads alike.
 */
export function looksLikeOaiDc(text: string): boolean {
  return declaresElementIn(text, OAI_DC_NAMESPACE, 'dc') || (declaresElementIn(text, OAI_PMH_NAMESPACE, 'record') && !/<([\w.-]+:)?metadata[\s>]/.test(text));
}

function isOaiDc(element: XmlElement): boolean {
  return element.name === 'dc' && element.namespace === OAI_DC_NAMESPACE;
}

/** A bare record names its DOI, else its first identifier. */
function identifierOfDc(dc: XmlElement): string | undefined {
  const identifiers = new DcRecord(dc).texts('identifier').map(identifierOf);
  return (identifiers.find((identifier) => identifier.type === 'DOI') ?? identifiers[0])?.value;
}

/** One `oai_dc:dc` element read into a record input. */
export function readDcRecord(element: XmlElement): ReadRecord {
  if (!isOaiDc(element)) throw unreadable('metadata', `expected oai_dc:dc, found ${element.namespace ? `{${element.namespace}}` : ''}${element.name}`);
  const dc = new DcRecord(element);
  const titles = titlesOf(dc.all('title'));
  if (titles.length === 0) throw unreadable('dc:title', 'an oai_dc record needs at least one title');
  const creators = dc.all('creator').map(({ text, lang }) => compact({ name: text, lang }));
  if (creators.length === 0) throw unreadable('dc:creator', 'an oai_dc record needs at least one creator');
  const dates = datesOf(dc.texts('date'));
  const identifiers = dc.texts('identifier').map(identifierOf);
  const doi = identifiers.find((identifier) => identifier.type === 'DOI')?.value;
  const { rightsList, access, license } = rightsOfDc(dc.all('rights'), dates.embargoEnd);
  const stated = dc.all('publisher')[0];
  const publisher = stated ? compact({ name: stated.text, lang: stated.lang }) : { name: UNAVAILABLE };
  return compact({
    doi,
    titles,
    creators,
    publisher,
    publicationYear: dates.year,
    types: typesOfDc(dc.texts('type')),
    subjects: nonEmpty(dc.all('subject').map(({ text, lang }) => compact({ subject: text, lang }))),
    contributors: nonEmpty(dc.all('contributor').map(({ text, lang }) => compact({ name: text, lang, contributorType: 'Other' }))),
    dates: nonEmpty([...dates.entries, ...dc.texts('coverage').filter(isDataCiteDate).map((date) => ({ date, dateType: 'Coverage' }))]),
    language: dc.texts('language').map(languageCode).find((code) => code !== undefined),
    alternateIdentifiers: nonEmpty(
      identifiers.filter((identifier) => !isOwnDoi(identifier, doi)).map(({ value, type }) => ({ alternateIdentifier: value, alternateIdentifierType: type })),
    ),
    relatedIdentifiers: nonEmpty(relatedIdentifiersOf(dc, doi)),
    formats: nonEmpty(dc.texts('format')),
    rightsList: nonEmpty(rightsList),
    descriptions: nonEmpty(descriptionsOf(dc.all('description'))),
    geoLocations: nonEmpty(dc.texts('coverage').filter((text) => !isDataCiteDate(text)).map((place) => ({ geoLocationPlace: place }))),
    relatedItems: nonEmpty(
      dc
        .texts('source')
        .filter((text) => !isRelatable(identifierOf(text)))
        .map((text) => ({ relatedItemType: 'Other', relationType: 'IsDerivedFrom', titles: [{ title: text }] })),
    ),
    access,
    source: license ? { license } : undefined,
  });
}

const primaryLanguage = (lang: string | undefined) => lang?.split('-')[0]!.toLowerCase();

function titlesOf(statements: Statement[]): RecordInput['titles'] {
  const [first, ...later] = statements;
  if (!first) return [];
  const typeOf = (lang: string | undefined) => (lang && primaryLanguage(lang) !== primaryLanguage(first.lang) ? 'TranslatedTitle' : 'AlternativeTitle');
  return [compact({ title: first.text, lang: first.lang }), ...later.map(({ text, lang }) => compact({ title: text, titleType: typeOf(lang), lang }))];
}

interface Dates {
  year: number;
  entries: NonNullable<RecordInput['dates']>;
  embargoEnd?: string;
}

function datesOf(texts: string[]): Dates {
  const terms = texts.map(euRepoDateTerm);
  const plain = texts.filter((_, i) => terms[i] === undefined);
  const year = plain.map(firstYear).find((found) => found !== undefined);
  if (year === undefined) {
    throw unreadable('dc:date', plain.length > 0 ? `no four-digit year in ${plain.map((text) => JSON.stringify(text)).join(', ')}` : 'the record has no date of publication');
  }
  const full = plain.filter((text) => isDataCiteDate(text) && !/^\d{4}$/.test(text));
  return compact({
    year,
    entries: full.map((date, i) => ({ date, dateType: i === 0 ? 'Issued' : 'Other' })),
    embargoEnd: terms.find((term) => term?.kind === 'embargoEnd')?.date,
  });
}

/** dc:relation as References, dc:source as IsDerivedFrom; the record's own DOI and repetitions left out. */
function relatedIdentifiersOf(dc: DcRecord, doi: string | undefined): RelatedIdentifier[] {
  const related = (texts: string[], relationType: string) =>
    texts
      .map(identifierOf)
      .filter(isRelatable)
      .filter((identifier) => !isOwnDoi(identifier, doi))
      .map(({ value, type }) => ({ relatedIdentifier: value, relatedIdentifierType: type, relationType }));
  const seen = new Set<string>();
  return [...related(dc.texts('relation'), 'References'), ...related(dc.texts('source'), 'IsDerivedFrom')].filter((entry) => {
    const key = `${entry.relationType}\n${entry.relatedIdentifierType}\n${entry.relatedIdentifier}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const isOwnDoi = (identifier: Identifier, doi: string | undefined) => identifier.type === 'DOI' && doi !== undefined && doiKey(identifier.value) === doiKey(doi);

const DESCRIPTION_TYPES = new Set(dataCiteVocabulary.descriptionType);

/** Each description an Abstract, unless DataCite's oai_dc wrote its type as the description before it. */
function descriptionsOf(statements: Statement[]): Description[] {
  const descriptions: Description[] = [];
  for (let i = 0; i < statements.length; i++) {
    const { text, lang } = statements[i]!;
    const next = statements[i + 1];
    if (DESCRIPTION_TYPES.has(text) && next && !DESCRIPTION_TYPES.has(next.text)) {
      descriptions.push(compact({ description: next.text, descriptionType: text, lang: next.lang }));
      i++;
    } else {
      descriptions.push(compact({ description: text, descriptionType: 'Abstract', lang }));
    }
  }
  return descriptions;
}
