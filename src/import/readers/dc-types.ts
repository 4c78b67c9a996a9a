/**
 * The resource type of a Dublin Core record, from its dc:type statements, as DataCite's
 * resourceTypeGeneral and resourceType. A statement is read, in this order, as:
 *
 * - a DataCite resourceTypeGeneral in any letter case ("Dataset", "Text": DataCite's own oai_dc, and
 *   fairharbor's, write it first and the free-text type after it);
 * - a DCMI Type, by name or URI (MovingImage is Audiovisual, StillImage is Image; the others share
 *   DataCite's names);
 * - an info:eu-repo publication type of the OpenAIRE Guidelines (Zenodo writes these), mapped to its
 *   nearest DataCite type, the term itself kept as resourceType where the mapping is coarser.
 *
 * The first statement so read gives resourceTypeGeneral; the first other statement that is not a URI gives
 * resourceType ("Text", "JournalArticle": Text, JournalArticle). A record whose types are all unknown is
 * Other, with the first of them as resourceType; a record without dc:type is Other without resourceType:
 * nothing stated, nothing guessed.
 */
import type { RecordInput } from '../../model/schema.js';
import { dataCiteVocabulary } from '../../model/vocab.js';

type Types = RecordInput['types'];

const DCMI_TYPE_NAMESPACE = /^https?:\/\/purl\.org\/dc\/dcmitype\//i;
const EU_REPO_TYPE_NAMESPACE = /^info:eu-repo\/semantics\//i;

const GENERAL_TYPES = new Map(dataCiteVocabulary.resourceTypeGeneral.map((type) => [type.toLowerCase(), type]));
const DCMI_ONLY_TYPES = new Map([
  ['movingimage', 'Audiovisual'],
  ['stillimage', 'Image'],
]);

const EU_REPO_TYPES = new Map(
  Object.entries({
    article: 'JournalArticle',
    bachelorThesis: 'Dissertation',
    masterThesis: 'Dissertation',
    doctoralThesis: 'Dissertation',
    book: 'Book',
    bookPart: 'BookChapter',
    review: 'Text',
    conferenceObject: 'ConferencePaper',
    lecture: 'Presentation',
    workingPaper: 'Text',
    preprint: 'Preprint',
    report: 'Report',
    annotation: 'Text',
    contributionToPeriodical: 'Text',
    patent: 'Other',
    dataset: 'Dataset',
    software: 'Software',
    other: 'Other',
  }).map(([term, type]) => [term.toLowerCase(), { term, type }]),
);

interface ReadType {
  general: string;
  /** What the statement says beyond the general type (an info:eu-repo term coarser than its mapping). */
  specific?: string;
}

function readType(text: string): ReadType | undefined {
  const known = GENERAL_TYPES.get(text.toLowerCase());
  if (known) return { general: known };
  if (DCMI_TYPE_NAMESPACE.test(text)) {
    const name = text.replace(DCMI_TYPE_NAMESPACE, '').replace(/\/+$/, '').toLowerCase();
    const general = DCMI_ONLY_TYPES.get(name) ?? GENERAL_TYPES.get(name);
    return general ? { general } : undefined;
  }
  const dcmi = DCMI_ONLY_TYPES.get(text.toLowerCase());
  if (dcmi) return { general: dcmi };
  if (EU_REPO_TYPE_NAMESPACE.test(text)) {
    const mapped = EU_REPO_TYPES.get(text.replace(EU_REPO_TYPE_NAMESPACE, '').toLowerCase());
    if (!mapped) return undefined;
    const coarser = mapped.type !== 'Other' && mapped.type.toLowerCase() !== mapped.term.toLowerCase();
    return coarser ? { general: mapped.type, specific: mapped.term } : { general: mapped.type };
  }
  return undefined;
}

const isUri = (text: string) => /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(text);

export function typesOfDc(statements: string[]): Types {
  const read = statements.map((text) => ({ text, type: readType(text) }));
  const chosen = read.find((statement) => statement.type !== undefined);
  const general = chosen?.type?.general ?? 'Other';
  const others = read.filter((statement) => statement !== chosen && statement.text.toLowerCase() !== general.toLowerCase());
  const resourceType = chosen ? (others.find((statement) => !isUri(statement.text))?.text ?? chosen.type!.specific) : others[0]?.text;
  return resourceType ? { resourceTypeGeneral: general, resourceType } : { resourceTypeGeneral: general };
}
