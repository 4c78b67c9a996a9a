import { expect } from 'chai';
import { createMetrics } from '../../src/http/metrics.js';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync, readdirSync } from 'node:fs';
import { accessApiRoutes } from '../../src/http/routes/access-api.js';
import { collectionsApiRoutes } from '../../src/http/routes/collections-api.js';
import { harvestSourcesApiRoutes } from '../../src/http/routes/harvest-sources-api.js';
import { importApiRoutes } from '../../src/http/routes/import-api.js';
import { checkApiRoutes } from '../../src/http/routes/check-api.js';
import { recordsApiRoutes } from '../../src/http/routes/records-api.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

describe('OpenAPI document', () => {
  let server: TestServer;
  let document: Record<string, any>;
  before(async () => {
    server = await startTestServer();
    const response = await server.request('GET', '/api/v1/openapi.json');
    expect(response.status).to.equal(200);
    document = await response.json();
  });
  after(() => server.stop());

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document);
    expect(result.valid, JSON.stringify(result.errors, null, 2)).to.equal(true);
    expect(document.openapi).to.equal('3.1.0');
  });

  it('describes every route the JSON API serves, with every method', () => {
    const served = [recordsApiRoutes(server.running.services), accessApiRoutes(server.running.services), collectionsApiRoutes(server.running.services), harvestSourcesApiRoutes(server.running.services, createMetrics()), importApiRoutes(server.running.services, createMetrics()), checkApiRoutes(server.running.services)].flatMap((router) =>
      router.stack.flatMap((layer) =>
        layer.methods
          .filter((method) => method !== 'HEAD')
          .map((method) => `${method.toLowerCase()} ${String(layer.path).replace(/^\/api\/v1/, '').replace(/\/$/, '').replace(/:(\w+)/g, '{$1}')}`),
      ),
    );
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => key !== 'parameters')
        .map((method) => `${method} ${path}`),
    );
    expect(served.length).to.be.greaterThan(10);
    expect(documented).to.include.members(served);
  });

  it('publishes the same record schema that validates requests', async () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(document.components.schemas.RecordInput, 'RecordInput');
    const check = ajv.getSchema('RecordInput')!;
    const samples: Array<Record<string, unknown>> = [
      minimalRecord(),
      minimalRecord({ types: { resourceTypeGeneral: 'Bogus' } }),
      minimalRecord({ titles: [] }),
      minimalRecord({ publicationYear: 20.5 }),
      minimalRecord({ access: { level: 'secret' } }),
      minimalRecord({ extra: true }),
      minimalRecord({ doi: '10.1234/ok', cstr: '31253.11.ok' }),
      ...readdirSync('demo/records').map((f) => JSON.parse(readFileSync(`demo/records/${f}`, 'utf8'))),
    ];
    for (const sample of samples) {
      const documented = check(sample) as boolean;
      const response = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: { ...sample, doi: undefined, cstr: undefined } });
      const served = response.status === 201;
      expect(served, `${JSON.stringify(sample).slice(0, 120)} → ${response.status}`).to.equal(documented);
    }
  });
});
