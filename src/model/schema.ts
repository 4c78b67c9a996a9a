/**
 * The canonical record: DataCite 4.7 metadata in the attribute names of the DataCite REST API, plus
 * fairharbor's own blocks (identifiers, access, status, source, versions, files).
 *
 * These schemas are the single definition of the record: they give the TypeScript types, validate every
 * request, and are published as the components of the OpenAPI document, so the three cannot drift.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ACCESS_DEFAULT_DAYS, ACCESS_MAX_DAYS } from './access-request-schema.js';
import { DATA_USE_TERM_IDS } from './data-use-vocab.js';
import { dataCiteVocabulary, withdrawalVocabulary, type DataCiteVocabularyName } from './vocab.js';

const Text = (maxLength = 10_000, options: Record<string, unknown> = {}) =>
  Type.String({ minLength: 1, maxLength, ...options });
const Optional = <T extends TSchema>(schema: T) => Type.Optional(schema);
const Strict = { additionalProperties: false } as const;

/** A string restricted to one of DataCite's controlled lists, kept in vocab/. */
const Controlled = (vocabulary: DataCiteVocabularyName) =>
  Type.Unsafe<string>({ type: 'string', enum: dataCiteVocabulary[vocabulary], description: `DataCite 4.7 ${vocabulary}` });

const Url = Text(2_000, { pattern: '^https?://[^\\s]+$', description: 'an http(s) URL' });
/** Any absolute URI, as the XSD's anyURI allows where records use other schemes (info:eu-repo/semantics/openAccess). */
const AbsoluteUri = Text(2_000, { pattern: '^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$', description: 'an absolute URI' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const IsoDateTime = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})$' });
/** DataCite dates: ISO 8601 year, month, day or date-time, or a range of them separated by a slash. */
const DataCiteDate = Type.String({
  pattern: '^(\\d{4}(-\\d{2}(-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?)?)?)?(/(\\d{4}(-\\d{2}(-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?)?)?)?)?$',
  minLength: 4,
  description: 'ISO 8601 date, or a range START/END',
});
const Lang = Optional(Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$' }));

export const DOI_SCHEMA_PATTERN = '^10\\.\\d{4,9}/[-._;()/:A-Za-z0-9]+$';

const NameIdentifier = Type.Object(
  { nameIdentifier: Text(), nameIdentifierScheme: Text(100), schemeUri: Optional(Url) },
  Strict,
);
const Affiliation = Type.Object(
  {
    name: Text(1_000),
    affiliationIdentifier: Optional(Text(1_000)),
    affiliationIdentifierScheme: Optional(Text(100)),
    schemeUri: Optional(Url),
    lang: Lang,
  },
  Strict,
);
const nameFields = {
  name: Text(1_000),
  nameType: Optional(Controlled('nameType')),
  givenName: Optional(Text(1_000)),
  familyName: Optional(Text(1_000)),
  nameIdentifiers: Optional(Type.Array(NameIdentifier, { maxItems: 100 })),
  affiliation: Optional(Type.Array(Affiliation, { maxItems: 100 })),
  lang: Lang,
};

export const CreatorSchema = Type.Object(nameFields, Strict);
export const ContributorSchema = Type.Object({ ...nameFields, contributorType: Controlled('contributorType') }, Strict);

const Title = Type.Object({ title: Text(), titleType: Optional(Controlled('titleType')), lang: Lang }, Strict);
const Publisher = Type.Object(
  {
    name: Text(1_000),
    publisherIdentifier: Optional(Text(1_000)),
    publisherIdentifierScheme: Optional(Text(100)),
    schemeUri: Optional(Url),
    lang: Lang,
  },
  Strict,
);
const Types = Type.Object(
  {
    resourceTypeGeneral: Controlled('resourceTypeGeneral'),
    resourceType: Optional(Text(1_000)),
    schemaOrg: Optional(Text(100)),
    bibtex: Optional(Text(100)),
    citeproc: Optional(Text(100)),
    ris: Optional(Text(100)),
  },
  Strict,
);
const Subject = Type.Object(
  {
    subject: Text(1_000),
    subjectScheme: Optional(Text(1_000)),
    schemeUri: Optional(Url),
    valueUri: Optional(Url),
    classificationCode: Optional(Text(1_000)),
    lang: Lang,
  },
  Strict,
);
const DateEntry = Type.Object(
  { date: DataCiteDate, dateType: Controlled('dateType'), dateInformation: Optional(Text(1_000)) },
  Strict,
);
const AlternateIdentifier = Type.Object({ alternateIdentifier: Text(2_000), alternateIdentifierType: Text(100) }, Strict);
const RelatedIdentifier = Type.Object(
  {
    relatedIdentifier: Text(2_000),
    relatedIdentifierType: Controlled('relatedIdentifierType'),
    relationType: Controlled('relationType'),
    relationTypeInformation: Optional(Text(1_000)),
    resourceTypeGeneral: Optional(Controlled('resourceTypeGeneral')),
    relatedMetadataScheme: Optional(Text(1_000)),
    schemeUri: Optional(Url),
    schemeType: Optional(Text(100)),
  },
  Strict,
);
const Rights = Type.Object(
  {
    rights: Optional(Text(2_000)),
    rightsUri: Optional(AbsoluteUri),
    rightsIdentifier: Optional(Text(200)),
    rightsIdentifierScheme: Optional(Text(100)),
    schemeUri: Optional(Url),
    lang: Lang,
  },
  { ...Strict, minProperties: 1 },
);
const Description = Type.Object(
  { description: Text(100_000), descriptionType: Controlled('descriptionType'), lang: Lang },
  Strict,
);
const Longitude = Type.Number({ minimum: -180, maximum: 180 });
const Latitude = Type.Number({ minimum: -90, maximum: 90 });
const GeoPoint = Type.Object({ pointLongitude: Longitude, pointLatitude: Latitude }, Strict);
const GeoLocation = Type.Object(
  {
    geoLocationPlace: Optional(Text(1_000)),
    geoLocationPoint: Optional(GeoPoint),
    geoLocationBox: Optional(
      Type.Object(
        { westBoundLongitude: Longitude, eastBoundLongitude: Longitude, southBoundLatitude: Latitude, northBoundLatitude: Latitude },
        Strict,
      ),
    ),
    geoLocationPolygon: Optional(
      Type.Array(Type.Object({ polygonPoint: Optional(GeoPoint), inPolygonPoint: Optional(GeoPoint) }, Strict), { maxItems: 10_000 }),
    ),
  },
  { ...Strict, minProperties: 1 },
);
const FundingReference = Type.Object(
  {
    funderName: Text(1_000),
    funderIdentifier: Optional(Text(1_000)),
    funderIdentifierType: Optional(Controlled('funderIdentifierType')),
    schemeUri: Optional(Url),
    awardNumber: Optional(Text(1_000)),
    awardUri: Optional(Url),
    awardTitle: Optional(Text(2_000)),
  },
  Strict,
);
const RelatedItemName = {
  name: Text(1_000),
  nameType: Optional(Controlled('nameType')),
  givenName: Optional(Text(1_000)),
  familyName: Optional(Text(1_000)),
  lang: Lang,
};
/** A related resource described in place (a journal, book or series), where its citation details matter or it has no identifier. */
const RelatedItem = Type.Object(
  {
    relatedItemType: Controlled('resourceTypeGeneral'),
    relationType: Controlled('relationType'),
    relationTypeInformation: Optional(Text(1_000)),
    relatedItemIdentifier: Optional(
      Type.Object(
        {
          relatedItemIdentifier: Text(2_000),
          relatedItemIdentifierType: Optional(Controlled('relatedIdentifierType')),
          relatedMetadataScheme: Optional(Text(1_000)),
          // Spelled as the DataCite REST API spells it here, unlike schemeUri elsewhere.
          schemeURI: Optional(Url),
          schemeType: Optional(Text(100)),
        },
        Strict,
      ),
    ),
    creators: Optional(Type.Array(Type.Object(RelatedItemName, Strict), { maxItems: 10_000 })),
    titles: Optional(Type.Array(Title, { maxItems: 100 })),
    publicationYear: Optional(Type.String({ pattern: '^\\d{4}$', description: 'four-digit year' })),
    volume: Optional(Text(100)),
    issue: Optional(Text(100)),
    number: Optional(Text(100)),
    numberType: Optional(Controlled('numberType')),
    firstPage: Optional(Text(100)),
    lastPage: Optional(Text(100)),
    publisher: Optional(Text(1_000)),
    edition: Optional(Text(100)),
    contributors: Optional(
      Type.Array(Type.Object({ ...RelatedItemName, contributorType: Controlled('contributorType') }, Strict), { maxItems: 10_000 }),
    ),
  },
  Strict,
);

export const ACCESS_LEVELS = ['public', 'registered', 'controlled', 'private'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export const RECORD_STATUSES = ['draft', 'scheduled', 'released', 'withdrawn'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

const DuoTerm = Type.Object(
  { code: Type.String({ pattern: '^DUO:\\d{7}$' }), label: Optional(Text(1_000)), modifiers: Optional(Type.Array(Type.String({ pattern: '^DUO:\\d{7}$' }))) },
  Strict,
);
/** One of fairharbor's data-use rules for what DUO has no term for (vocab/data-use-terms.json). */
const DataUseRule = Type.Unsafe<string>({ type: 'string', enum: [...DATA_USE_TERM_IDS], description: 'fairharbor data-use rule' });
export const AccessSchema = Type.Object(
  {
    level: Type.Unsafe<AccessLevel>({ type: 'string', enum: [...ACCESS_LEVELS] }),
    releaseDate: Optional(IsoDate),
    embargoEnd: Optional(IsoDate),
    conditions: Optional(
      Type.Object(
        {
          duo: Optional(Type.Array(DuoTerm, { maxItems: 100 })),
          terms: Optional(Text(100_000)),
          rules: Optional(Type.Array(DataUseRule, { maxItems: 100, uniqueItems: true })),
          reservedRights: Optional(
            Type.Object(
              {
                redistribution: Optional(Type.Unsafe<'prohibited' | 'permitted'>({ type: 'string', enum: ['prohibited', 'permitted'] })),
                acknowledgementRequired: Optional(Type.Boolean()),
                derivedIpConsentRequired: Optional(Type.Boolean()),
              },
              Strict,
            ),
          ),
        },
        Strict,
      ),
    ),
    acknowledgement: Optional(Text(10_000)),
    citationRequirement: Optional(Text(10_000)),
    howToApply: Optional(Text(10_000)),
    requestUrl: Optional(Url),
    accessPeriodDays: Optional(
      Type.Integer({ minimum: 1, maximum: ACCESS_MAX_DAYS, description: `number of days an approved access request lasts unless the decision says otherwise (default ${ACCESS_DEFAULT_DAYS})` }),
    ),
    releaseOnPublication: Optional(
      Type.Boolean({ description: 'release the record as soon as a related journal article is added to it (at the latest on access.releaseDate)' }),
    ),
  },
  Strict,
);

export const SOURCE_NAME_PATTERN = '^[a-z0-9][a-z0-9_.-]{0,63}$';

export const SourceSchema = Type.Object(
  {
    repository: Text(1_000),
    name: Optional(Type.String({ pattern: SOURCE_NAME_PATTERN, description: 'a short lower-case name of the source (letters, digits, . _ -), forming the OAI set source:NAME' })),
    baseUrl: Optional(Url),
    originalIdentifier: Optional(Text(2_000)),
    datestamp: Optional(Text(100)),
    metadataNamespace: Optional(Text(2_000)),
    harvestDate: Optional(IsoDateTime),
    license: Optional(Text(10_000)),
    terms: Optional(Text(100_000)),
    accessConditions: Optional(Text(100_000)),
    acknowledgement: Optional(Text(10_000)),
  },
  Strict,
);

export const FileSchema = Type.Object(
  {
    name: Text(1_000),
    size: Optional(Type.Integer({ minimum: 0 })),
    checksum: Optional(
      Type.Object(
        {
          algorithm: Type.Unsafe<string>({ type: 'string', enum: ['md5', 'sha1', 'sha256', 'sha512'] }),
          value: Type.String({ pattern: '^[0-9a-fA-F]{32,128}$' }),
        },
        Strict,
      ),
    ),
    format: Optional(Text(200)),
    url: Optional(Url),
    description: Optional(Text(10_000)),
  },
  Strict,
);

export const VersionsSchema = Type.Object(
  {
    conceptAccession: Type.String(),
    versionNumber: Type.Integer({ minimum: 1 }),
    latestAccession: Optional(Type.String()),
    previousAccession: Optional(Type.String()),
    nextAccession: Optional(Type.String()),
  },
  { ...Strict, readOnly: true },
);

export const WITHDRAWAL_CATEGORIES = withdrawalVocabulary.reasons.map((reason) => reason.id);
export const WITHDRAWAL_KINDS = ['removed', 'obsolete'] as const;
export type WithdrawalKind = (typeof WITHDRAWAL_KINDS)[number];
const WithdrawalCategory = Type.Unsafe<string>({ type: 'string', enum: WITHDRAWAL_CATEGORIES, description: 'withdrawal category' });
const WithdrawalKindSchema = Type.Unsafe<WithdrawalKind>({ type: 'string', enum: [...WITHDRAWAL_KINDS], description: 'kind of withdrawal' });

export const TombstoneSchema = Type.Object(
  { reason: Type.String(), category: Optional(WithdrawalCategory), kind: Optional(WithdrawalKindSchema), date: IsoDateTime, citation: Optional(Type.String()) },
  { ...Strict, readOnly: true },
);

const metadataFields = {
  titles: Type.Array(Title, { minItems: 1, maxItems: 100 }),
  creators: Type.Array(CreatorSchema, { minItems: 1, maxItems: 10_000 }),
  publisher: Publisher,
  publicationYear: Type.Integer({ minimum: 1000, maximum: 9999, description: 'four-digit year' }),
  types: Types,
  subjects: Optional(Type.Array(Subject, { maxItems: 1_000 })),
  contributors: Optional(Type.Array(ContributorSchema, { maxItems: 10_000 })),
  dates: Optional(Type.Array(DateEntry, { maxItems: 1_000 })),
  language: Optional(Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$' })),
  alternateIdentifiers: Optional(Type.Array(AlternateIdentifier, { maxItems: 1_000 })),
  relatedIdentifiers: Optional(Type.Array(RelatedIdentifier, { maxItems: 10_000 })),
  sizes: Optional(Type.Array(Text(1_000), { maxItems: 1_000 })),
  formats: Optional(Type.Array(Text(1_000), { maxItems: 1_000 })),
  version: Optional(Text(100)),
  rightsList: Optional(Type.Array(Rights, { maxItems: 100 })),
  descriptions: Optional(Type.Array(Description, { maxItems: 100 })),
  geoLocations: Optional(Type.Array(GeoLocation, { maxItems: 10_000 })),
  fundingReferences: Optional(Type.Array(FundingReference, { maxItems: 1_000 })),
  relatedItems: Optional(Type.Array(RelatedItem, { maxItems: 1_000 })),
};

const repositoryFields = {
  doi: Optional(Type.String({ pattern: DOI_SCHEMA_PATTERN, description: 'a DOI; doi: and https://doi.org/ forms are accepted and stored bare' })),
  cstr: Optional(Type.String({ pattern: '^\\d{5}\\.\\d{2}\\.\\S+$', description: 'a CSTR; CSTR: and https://cstr.cn/ forms are accepted and stored bare' })),
  access: Optional(AccessSchema),
  source: Optional(SourceSchema),
  files: Optional(Type.Array(FileSchema, { maxItems: 100_000 })),
};

/** What a client sends to create or replace a record. */
export const RecordInputSchema = Type.Object(
  {
    accession: Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description: 'kept from a source repository; curators only. Minted when absent.' })),
    status: Optional(Type.Unsafe<'draft' | 'released' | 'scheduled'>({ type: 'string', enum: ['draft', 'released', 'scheduled'] })),
    mintDoi: Optional(
      Type.Boolean({ description: 'mint a DOI under the repository prefix and register it with DataCite (needs the DATACITE_* settings; leave doi out)' }),
    ),
    ...metadataFields,
    ...repositoryFields,
  },
  { ...Strict, $id: 'RecordInput' },
);
export type RecordInput = Static<typeof RecordInputSchema>;

/** A stored record as the API returns it. */
export const RecordSchema = Type.Object(
  {
    accession: Type.String(),
    oaiIdentifier: Type.String({ readOnly: true }),
    status: Type.Unsafe<RecordStatus>({ type: 'string', enum: [...RECORD_STATUSES] }),
    ...metadataFields,
    ...repositoryFields,
    access: AccessSchema,
    versions: VersionsSchema,
    tombstone: Optional(TombstoneSchema),
    created: Type.String({ readOnly: true }),
    updated: Type.String({ readOnly: true }),
    datestamp: Type.String({ readOnly: true, description: 'the moment the public view of the record last changed' }),
  },
  { $id: 'Record' },
);
export type FairRecord = Static<typeof RecordSchema>;

/** Fields the server owns: a client may send them back unchanged (GET, edit, PUT) and they are ignored. */
export const SERVER_OWNED_FIELDS = ['oaiIdentifier', 'versions', 'tombstone', 'created', 'updated', 'datestamp'] as const;

export const WithdrawalSchema = Type.Object(
  {
    reason: Text(10_000),
    category: Optional(WithdrawalCategory),
    kind: Optional(WithdrawalKindSchema),
  },
  { ...Strict, $id: 'Withdrawal' },
);
export type Withdrawal = Static<typeof WithdrawalSchema>;

export const COLLECTION_SPEC_PATTERN = '^[a-z0-9][a-z0-9_.-]{0,63}$';

/** A curated collection, disseminated as the OAI set collection:SPEC. */
export const CollectionInputSchema = Type.Object(
  {
    spec: Type.String({ pattern: COLLECTION_SPEC_PATTERN, description: 'a short lower-case name (letters, digits, . _ -), forming the OAI set collection:SPEC' }),
    name: Text(1_000),
    description: Optional(Text(10_000)),
  },
  { ...Strict, $id: 'CollectionInput' },
);
export type CollectionInput = Static<typeof CollectionInputSchema>;
