/**
 * The OpenAPI 3.1 description of the JSON API, built from the very schemas that validate requests.
 */
import type { TSchema } from '@sinclair/typebox';
import type { Config } from '../config.js';
import { ReviewLinkInputSchema } from '../model/review-link-schema.js';
import { CollectionInputSchema, RecordInputSchema, RecordSchema, WithdrawalSchema } from '../model/schema.js';

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
        Collection: {
          type: 'object',
          required: ['spec', 'setSpec', 'name', 'created'],
          properties: { spec: { type: 'string' }, setSpec: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, created: { type: 'string' } },
        },
        Error: ErrorSchema,
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
    },
  };
}
