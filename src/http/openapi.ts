/**
 * The OpenAPI 3.1 description of the JSON API, built from the very schemas that validate requests.
 */
import type { TSchema } from '@sinclair/typebox';
import type { Config } from '../config.js';
import { AccessDecisionInputSchema, AccessRequestInputSchema, ACCESS_REQUEST_STATUSES } from '../model/access-request-schema.js';
import { ReviewLinkInputSchema } from '../model/review-link-schema.js';
import { harvestPaths, harvestSchemas } from './openapi-harvest.js';
import { CollectionInputSchema, FileSchema, RecordInputSchema, RecordSchema, WithdrawalSchema } from '../model/schema.js';

/** A plain JSON copy of a schema, without the `$id` that identifies it to the validator. */
function component(schema: TSchema): Record<string, unknown> {
  const { $id: _id, ...plain } = JSON.parse(JSON.stringify(schema));
  return plain;
}

const ErrorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['status', 'code', 'message'],
      properties: {
        status: { type: 'integer' },
        code: { type: 'string' },
        message: { type: 'string' },
        field: { type: 'string', description: 'JSON pointer (or parameter name) of the field at fault' },
        problems: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });
const accessionParameter = { name: 'accession', in: 'path', required: true, schema: { type: 'string' } };
const specParameter = { name: 'spec', in: 'path', required: true, schema: { type: 'string' } };
const noContent = { description: 'done' };

export function openApiDocument(config: Config): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'fairharbor JSON API', version: '1', description: 'Create, read, update, withdraw and list dataset records.' },
    servers: [{ url: `${config.baseUrl}/api/v1` }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        RecordInput: component(RecordInputSchema),
        Record: component(RecordSchema),
        Withdrawal: component(WithdrawalSchema),
        CollectionInput: component(CollectionInputSchema),
        ReviewLinkInput: component(ReviewLinkInputSchema),
        ReviewLink: {
          type: 'object',
          required: ['id', 'anonymous', 'includeFiles', 'created', 'expires', 'active'],
          properties: {
            id: { type: 'integer' },
            label: { type: 'string' },
            anonymous: { type: 'boolean' },
            includeFiles: { type: 'boolean' },
            created: { type: 'string' },
            expires: { type: 'string' },
            revoked: { type: 'string' },
            active: { type: 'boolean' },
            url: { type: 'string', description: 'only in the answer to the create request: the link to give to reviewers' },
            token: { type: 'string', description: 'only in the answer to the create request' },
          },
        },
        AccessRequestInput: component(AccessRequestInputSchema),
        AccessDecisionInput: component(AccessDecisionInputSchema),
        AccessRequest: {
          type: 'object',
          required: ['id', 'accession', 'account', 'name', 'institution', 'purpose', 'status', 'created', 'active'],
          properties: {
            id: { type: 'integer' },
            accession: { type: 'string' },
            account: { type: 'string', description: "the requester's account" },
            name: { type: 'string' },
            institution: { type: 'string' },
            purpose: { type: 'string' },
            status: { enum: [...ACCESS_REQUEST_STATUSES] },
            created: { type: 'string' },
            decided: { type: 'string', description: 'when it was approved, rejected or withdrawn' },
            note: { type: 'string' },
            accessUntil: { type: 'string', description: 'the end of the approved access period' },
            active: { type: 'boolean', description: 'approved, and the access period has not ended' },
          },
        },
        FileList: {
          type: 'object',
          required: ['data'],
          properties: {
            data: { type: 'array', items: component(FileSchema) },
            meta: { type: 'object', properties: { accessUntil: { type: 'string', description: 'when the caller’s approved access ends' } } },
          },
        },
        Collection: {
          type: 'object',
          required: ['spec', 'setSpec', 'name', 'created'],
          properties: { spec: { type: 'string' }, setSpec: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, created: { type: 'string' } },
        },
        Error: ErrorSchema,
        IdentifierReport: {
          type: 'object',
          required: ['found', 'kind', 'label', 'normalized', 'held', 'problems'],
          properties: {
            found: { type: 'string' },
            kind: { enum: ['doi', 'cstr', 'accession', 'external-accession', 'oai-identifier'] },
            label: { type: 'string' },
            normalized: { type: 'string' },
            malformed: { type: 'string' },
            held: { type: 'boolean' },
            accession: { type: 'string' },
            status: { enum: ['draft', 'scheduled', 'released', 'withdrawn'] },
            releaseDate: { type: 'string' },
            withdrawal: { type: 'object' },
            access: { type: 'object' },
            licence: { type: 'object' },
            landingPage: { type: 'string' },
            citation: { type: 'string' },
            activeReviewLink: { type: 'boolean', description: 'whether an active reviewer link exists; never the link' },
            latestVersion: { type: 'string' },
            problems: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
        StatementReport: {
          type: 'object',
          required: ['identifiers', 'problems'],
          properties: {
            template: { enum: ['open', 'special-software', 'on-request'] },
            identifiers: { type: 'array', items: ref('IdentifierReport') },
            problems: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
            suggested: { type: 'string', description: 'a statement generated from the cited record, in the template that fits it' },
          },
        },
        ...harvestSchemas,
        RecordPage: {
          type: 'object',
          properties: {
            data: { type: 'array', items: ref('Record') },
            links: { type: 'object', properties: { self: { type: 'string' }, next: { type: 'string' } } },
            meta: { type: 'object', properties: { count: { type: 'integer' } } },
          },
        },
      },
    },
    security: [{}, { bearer: [] }],
    paths: {
      '/records': {
        get: {
          summary: 'Records the caller may see, newest first',
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string' }, description: 'words that must all occur' },
            { name: 'page[size]', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 25 } },
            { name: 'page[cursor]', in: 'query', schema: { type: 'string' }, description: 'from links.next of the previous page' },
            { name: 'status', in: 'query', schema: { enum: ['draft', 'scheduled', 'released', 'withdrawn'] } },
            { name: 'access', in: 'query', schema: { enum: ['public', 'registered', 'controlled', 'private'] } },
          ],
          responses: { 200: { description: 'a page of records', content: json(ref('RecordPage')) }, 400: errorResponse('bad paging or filter') },
        },
        post: {
          summary: 'Create a record; an accession is minted',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: json(ref('RecordInput')) },
          responses: {
            201: { description: 'created; Location is the landing page', content: json(ref('Record')) },
            401: errorResponse('no valid token'),
            409: errorResponse('the DOI, CSTR or accession is held by another record'),
            413: errorResponse('body too large'),
            422: errorResponse('invalid record; field names the JSON pointer'),
          },
        },
      },
      '/records/{accession}': {
        parameters: [accessionParameter],
        get: {
          summary: 'One record',
          responses: { 200: { description: 'the record', content: json(ref('Record')) }, 404: errorResponse('no such record visible to the caller'), 410: errorResponse('withdrawn; the body holds the tombstone') },
        },
        put: {
          summary: 'Replace a record',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: json(ref('RecordInput')) },
          responses: { 200: { description: 'the stored record', content: json(ref('Record')) }, 403: errorResponse('not allowed'), 409: errorResponse('conflict'), 422: errorResponse('invalid record') },
        },
        patch: {
          summary: 'Change a record by JSON merge patch (RFC 7386)',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: { 'application/merge-patch+json': { schema: { type: 'object' } }, 'application/json': { schema: { type: 'object' } } } },
          responses: { 200: { description: 'the stored record', content: json(ref('Record')) }, 403: errorResponse('not allowed'), 422: errorResponse('invalid record') },
        },
        delete: {
          summary: 'Withdraw a record, leaving a permanent tombstone',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: json(ref('Withdrawal')) },
          responses: { 200: { description: 'the withdrawn record', content: json(ref('Record')) }, 403: errorResponse('curators only'), 410: errorResponse('already withdrawn') },
        },
      },
      '/records/{accession}/versions': {
        parameters: [accessionParameter],
        post: {
          summary: 'Make a new version of a released record (owner or curator): the newest version’s metadata without its identifiers and files, changed by the JSON merge patch in the body, a draft unless the patch gives a status',
          security: [{ bearer: [] }],
          requestBody: { required: false, content: { 'application/merge-patch+json': { schema: { type: 'object' } }, 'application/json': { schema: { type: 'object' } } } },
          responses: {
            201: { description: 'the new version; Location is its landing page', content: json(ref('Record')) },
            401: errorResponse('no valid token'),
            403: errorResponse('not the owner or a curator'),
            404: errorResponse('no such record visible to the caller'),
            409: errorResponse('the record is not released, or another version is not released yet'),
            422: errorResponse('the resulting record is invalid'),
          },
        },
        get: {
          summary: 'The versions of the record’s concept that the caller may see, oldest first',
          responses: {
            200: {
              description: 'the versions',
              content: json({
                type: 'object',
                properties: {
                  data: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['accession', 'versionNumber', 'status', 'created'],
                      properties: { accession: { type: 'string' }, versionNumber: { type: 'integer' }, version: { type: 'string' }, status: { type: 'string' }, doi: { type: 'string' }, cstr: { type: 'string' }, created: { type: 'string' } },
                    },
                  },
                },
              }),
            },
            404: errorResponse('no such record visible to the caller'),
          },
        },
      },
      '/records/{accession}/detach': {
        parameters: [accessionParameter],
        post: {
          summary: 'Detach an imported record from its source (curators): it is edited here from then on, and imports leave it alone',
          security: [{ bearer: [] }],
          responses: { 200: { description: 'the record', content: json(ref('Record')) }, 403: errorResponse('curators only'), 404: errorResponse('no such record'), 409: errorResponse('the record mirrors no source') },
        },
      },
      '/records/{accession}/doi': {
        parameters: [accessionParameter],
        get: {
          summary: 'Where the record’s DOI stands with DataCite: pending (to send, or retrying after a failure to reach DataCite), done, or failed with DataCite’s message',
          responses: {
            200: {
              description: 'the registration state',
              content: json({
                type: 'object',
                required: ['registered'],
                properties: {
                  doi: { type: 'string' },
                  registered: { type: 'boolean', description: 'whether this repository registers the DOI (DataCite settings present and the DOI under its prefix)' },
                  reason: { type: 'string', description: 'why the DOI is not registered here' },
                  state: { enum: ['pending', 'done', 'failed'] },
                  target: { enum: ['draft', 'registered', 'findable'], description: 'the state DataCite should reach' },
                  datacite: { enum: ['draft', 'registered', 'findable'], description: 'the state DataCite last confirmed' },
                  attempts: { type: 'integer' },
                  nextAttempt: { type: 'string' },
                  error: { type: 'string' },
                  updated: { type: 'string' },
                },
              }),
            },
            404: errorResponse('no such record visible to the caller'),
          },
        },
      },
      '/records/{accession}/review-links': {
        parameters: [accessionParameter],
        post: {
          summary: 'Create a reviewer link for a record not yet public (owner or curator); the link is shown only now',
          security: [{ bearer: [] }],
          requestBody: { required: false, content: json(ref('ReviewLinkInput')) },
          responses: {
            201: { description: 'the link, with its URL and token', content: json(ref('ReviewLink')) },
            401: errorResponse('no valid token'),
            403: errorResponse('not the owner or a curator'),
            404: errorResponse('no such record visible to the caller'),
            409: errorResponse('the record is already public'),
            422: errorResponse('invalid request; field names the JSON pointer'),
          },
        },
        get: {
          summary: 'The reviewer links of a record, without their tokens',
          security: [{ bearer: [] }],
          responses: { 200: { description: 'every link', content: json({ type: 'object', properties: { data: { type: 'array', items: ref('ReviewLink') } } }) }, 403: errorResponse('not the owner or a curator') },
        },
      },
      '/records/{accession}/review-links/{id}': {
        parameters: [accessionParameter, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        delete: { summary: 'Revoke a reviewer link', security: [{ bearer: [] }], responses: { 204: noContent, 403: errorResponse('not the owner or a curator'), 404: errorResponse('no such active link') } },
      },
      '/records/{accession}/files': {
        parameters: [accessionParameter],
        get: {
          summary: 'The files with their download URLs, for a caller who may download them now',
          responses: {
            200: { description: 'the files', content: json(ref('FileList')) },
            403: errorResponse('not now: the message says how to get access (sign in, apply for controlled access, or the day an embargo ends)'),
            404: errorResponse('no such record visible to the caller'),
            410: errorResponse('withdrawn'),
          },
        },
      },
      '/records/{accession}/access-requests': {
        parameters: [accessionParameter],
        post: {
          summary: 'Apply for access to the files of a controlled record',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: json(ref('AccessRequestInput')) },
          responses: {
            201: { description: 'the pending request', content: json(ref('AccessRequest')) },
            401: errorResponse('no valid token'),
            404: errorResponse('no such record visible to the caller'),
            409: errorResponse('the record is not controlled, or the caller already has a pending or approved request, or may already download'),
            410: errorResponse('withdrawn'),
            422: errorResponse('invalid request; field names the JSON pointer'),
          },
        },
        get: {
          summary: "A record's access requests: all of them for its owner and curators, the caller's own for anyone else",
          security: [{ bearer: [] }],
          responses: {
            200: { description: 'the requests, oldest first', content: json({ type: 'object', properties: { data: { type: 'array', items: ref('AccessRequest') } } }) },
            401: errorResponse('no valid token'),
            404: errorResponse('no such record visible to the caller'),
          },
        },
      },
      '/records/{accession}/access-requests/{id}': {
        parameters: [accessionParameter, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        delete: {
          summary: 'Withdraw a pending request (the requester); it is kept as withdrawn',
          security: [{ bearer: [] }],
          responses: {
            200: { description: 'the withdrawn request', content: json(ref('AccessRequest')) },
            403: errorResponse('not the requester'),
            404: errorResponse('no such request visible to the caller'),
            409: errorResponse('the request is no longer pending'),
          },
        },
      },
      '/records/{accession}/access-requests/{id}/decision': {
        parameters: [accessionParameter, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        post: {
          summary: 'Approve (for accessDays) or reject a pending request (owner or curator)',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: json(ref('AccessDecisionInput')) },
          responses: {
            200: { description: 'the decided request', content: json(ref('AccessRequest')) },
            401: errorResponse('no valid token'),
            403: errorResponse('not the owner or a curator'),
            404: errorResponse('no such request'),
            409: errorResponse('the request is no longer pending'),
            422: errorResponse('invalid decision; field names the JSON pointer'),
          },
        },
      },
      '/check': {
        get: {
          summary: 'The journal check of one identifier (DOI, CSTR, accession here or of another archive): what it is, whether it is held here, its status, access, licence, citation and problems',
          parameters: [{ name: 'id', in: 'query', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'the report', content: json({ type: 'object', properties: { data: ref('IdentifierReport') } }) }, 400: errorResponse('no identifier given'), 429: errorResponse('too many check requests; see Retry-After') },
        },
        post: {
          summary: 'The journal check of up to 1,000 identifiers ({"ids": […]}) or of a data availability statement ({"statement": "…"})',
          requestBody: {
            required: true,
            content: json({
              oneOf: [
                { type: 'object', required: ['ids'], additionalProperties: false, properties: { ids: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 1000 } } },
                { type: 'object', required: ['statement'], additionalProperties: false, properties: { statement: { type: 'string' } } },
              ],
            }),
          },
          responses: {
            200: { description: 'a report per identifier, or the statement report', content: json({ oneOf: [{ type: 'object', properties: { data: { type: 'array', items: ref('IdentifierReport') } } }, ref('StatementReport')] }) },
            400: errorResponse('neither ids nor statement'),
            413: errorResponse('more than 1,000 identifiers'),
            429: errorResponse('too many check requests; see Retry-After'),
          },
        },
      },
      '/import': {
        post: {
          summary: 'Import one source document (one record or a batch) as mirrors of their source (curators); records failing are reported, the others stored',
          security: [{ bearer: [] }],
          parameters: [
            { name: 'format', in: 'query', schema: { type: 'string', default: 'auto' }, description: 'the source format, or auto to detect it' },
            { name: 'source', in: 'query', schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9_.-]{0,63}$' }, description: 'the source name: the OAI set source:NAME and the identity of its records here' },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: {} }, 'application/xml': { schema: { type: 'string' } }, 'application/ld+json': { schema: {} } } },
          responses: {
            200: {
              description: 'what became of each record',
              content: json({
                type: 'object',
                required: ['stored', 'updated', 'unchanged', 'withdrawn', 'failed'],
                properties: {
                  stored: { type: 'integer' },
                  updated: { type: 'integer' },
                  unchanged: { type: 'integer' },
                  withdrawn: { type: 'integer' },
                  failed: { type: 'array', items: { type: 'object', properties: { sourceIdentifier: { type: 'string' }, reason: { type: 'string' } } } },
                },
              }),
            },
            400: errorResponse('unknown format or empty body'),
            401: errorResponse('no valid token'),
            403: errorResponse('curators only'),
            413: errorResponse('body too large'),
            422: errorResponse('no record could be imported; the summary says why'),
          },
        },
      },
      '/collections': {
        get: {
          summary: 'Curated collections (OAI sets collection:SPEC)',
          responses: { 200: { description: 'every collection', content: json({ type: 'object', properties: { data: { type: 'array', items: ref('Collection') } } }) } },
        },
        post: {
          summary: 'Create a collection',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: json(ref('CollectionInput')) },
          responses: { 201: { description: 'created', content: json(ref('Collection')) }, 403: errorResponse('curators only'), 409: errorResponse('the spec is taken'), 422: errorResponse('invalid collection') },
        },
      },
      '/collections/{spec}': {
        parameters: [specParameter],
        get: { summary: 'One collection', responses: { 200: { description: 'the collection', content: json(ref('Collection')) }, 404: errorResponse('no such collection') } },
        delete: { summary: 'Delete a collection; its members leave the set', security: [{ bearer: [] }], responses: { 204: noContent, 403: errorResponse('curators only'), 404: errorResponse('no such collection') } },
      },
      '/collections/{spec}/records/{accession}': {
        parameters: [specParameter, accessionParameter],
        put: { summary: 'Add a record to a collection', security: [{ bearer: [] }], responses: { 204: noContent, 403: errorResponse('curators only'), 404: errorResponse('no such collection or record') } },
        delete: { summary: 'Remove a record from a collection', security: [{ bearer: [] }], responses: { 204: noContent, 403: errorResponse('curators only'), 404: errorResponse('no such collection or record') } },
      },
      ...harvestPaths,
    },
  };
}
