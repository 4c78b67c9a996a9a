/** The OpenAPI description of the harvest-source routes: their schemas and paths. */
import type { TSchema } from '@sinclair/typebox';
import { HarvestRunInputSchema, HarvestSourceInputSchema } from '../model/harvest-source-schema.js';

function component(schema: TSchema): Record<string, unknown> {
  const { $id: _id, ...plain } = JSON.parse(JSON.stringify(schema));
  return plain;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });
const nameParameter = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };
const curators = [{ bearer: [] }];

const summaryProperties = {
  stored: { type: 'integer', description: 'new mirrors' },
  updated: { type: 'integer', description: 'mirrors changed by their source' },
  unchanged: { type: 'integer', description: 'records harvested again without change' },
  withdrawn: { type: 'integer', description: 'mirrors withdrawn because their source deleted them' },
  failed: {
    type: 'array',
    items: { type: 'object', required: ['sourceIdentifier', 'reason'], properties: { sourceIdentifier: { type: 'string' }, reason: { type: 'string' } } },
  },
};

const HarvestSummary = { type: 'object', required: ['stored', 'updated', 'unchanged', 'withdrawn', 'failed'], properties: summaryProperties };

export const harvestSchemas = {
  HarvestSourceInput: component(HarvestSourceInputSchema),
  HarvestRunInput: component(HarvestRunInputSchema),
  HarvestSource: {
    type: 'object',
    required: ['name', 'setSpec', 'baseUrl', 'status', 'created', 'updated'],
    properties: {
      name: { type: 'string' },
      setSpec: { type: 'string', description: 'the OAI set of this source’s mirrors here: source:NAME' },
      baseUrl: { type: 'string' },
      metadataPrefix: { type: 'string', description: 'absent until the first run chooses one' },
      set: { type: 'string' },
      status: { enum: ['idle', 'running', 'succeeded', 'failed'], description: 'running also while a run that stopped waits to be resumed' },
      lastSuccessFrom: { type: 'string', description: 'the start of the last successful run: the next run’s from' },
      lastError: { type: 'string' },
      lastSummary: HarvestSummary,
      run: {
        type: 'object',
        description: 'the run in progress, or stopped before its end: the next run resumes it',
        properties: {
          startedAt: { type: 'string' },
          from: { type: 'string' },
          until: { type: 'string' },
          pagesDone: { type: 'integer' },
          recordsSeen: { type: 'integer' },
          resumptionToken: { type: 'string', description: 'the token of the next page' },
        },
      },
      created: { type: 'string' },
      updated: { type: 'string' },
    },
  },
  HarvestRun: {
    type: 'object',
    required: ['source', 'baseUrl', 'status', 'resumed', 'restarted', 'pagesDone', 'recordsSeen', 'summary'],
    properties: {
      source: { type: 'string' },
      baseUrl: { type: 'string' },
      metadataPrefix: { type: 'string' },
      set: { type: 'string' },
      from: { type: 'string', description: 'as sent to the source, at its granularity' },
      until: { type: 'string' },
      status: { enum: ['succeeded', 'failed'] },
      error: { type: 'string', description: 'why the run stopped; the next run resumes where it stopped' },
      resumed: { type: 'boolean', description: 'the run continued one that had stopped' },
      restarted: { type: 'boolean', description: 'the source refused a resumption token and the run started over from its from' },
      pagesDone: { type: 'integer' },
      recordsSeen: { type: 'integer' },
      deletedRecord: { type: 'string', description: 'what the source’s Identify says of deletions' },
      summary: HarvestSummary,
    },
  },
};

export const harvestPaths = {
  '/harvest-sources': {
    get: {
      summary: 'The OAI-PMH sources this repository harvests (curators)',
      security: curators,
      responses: { 200: { description: 'every source', content: json({ type: 'object', properties: { data: { type: 'array', items: ref('HarvestSource') } } }) }, 403: errorResponse('curators only') },
    },
    post: {
      summary: 'Add an OAI-PMH source to harvest (curators)',
      security: curators,
      requestBody: { required: true, content: json(ref('HarvestSourceInput')) },
      responses: {
        201: { description: 'created; Location is the source', content: json(ref('HarvestSource')) },
        403: errorResponse('curators only'),
        409: errorResponse('the name is taken'),
        422: errorResponse('invalid source; field names the JSON pointer'),
      },
    },
  },
  '/harvest-sources/{name}': {
    parameters: [nameParameter],
    get: { summary: 'One source, with its last run and any run in progress', security: curators, responses: { 200: { description: 'the source', content: json(ref('HarvestSource')) }, 404: errorResponse('no such source') } },
    delete: {
      summary: 'Stop harvesting a source: its harvest state goes, its mirrors stay',
      security: curators,
      responses: { 204: { description: 'done' }, 403: errorResponse('curators only'), 404: errorResponse('no such source') },
    },
  },
  '/harvest-sources/{name}/runs': {
    parameters: [nameParameter],
    post: {
      summary: 'Harvest the source now and answer when done: incremental from the start of its last successful run, or resuming one that stopped; from/until start a new run with those bounds',
      security: curators,
      requestBody: { required: false, content: json(ref('HarvestRunInput')) },
      responses: {
        200: { description: 'what the run did; status failed with error when the source stopped it', content: json(ref('HarvestRun')) },
        403: errorResponse('curators only'),
        404: errorResponse('no such source'),
        422: errorResponse('invalid bounds'),
      },
    },
  },
};
