/**
 * The hostile-input corpus (test/fixtures/hostile/, written by scripts/hostile-corpus.ts) against a running
 * server: every case gets the answer it should — a 4xx naming the problem, the OAI-PMH error, or an
 * honest answer — never a 5xx or a hang; the server stays up; and nothing stored changes unless the case
 * is a record kept verbatim.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { HostileBody, HostileCase } from '../../scripts/hostile-corpus.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

const CORPUS = new URL('../fixtures/hostile/', import.meta.url);
const cases: Array<{ file: string; hostile: HostileCase }> = readdirSync(CORPUS)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ file, hostile: JSON.parse(readFileSync(new URL(file, CORPUS), 'utf8')) as HostileCase }));

function bodyBytes(body: HostileBody | undefined): Uint8Array<ArrayBuffer> | undefined {
  if (body === undefined) return undefined;
  if ('text' in body) return new TextEncoder().encode(body.text);
  if ('json' in body) return new TextEncoder().encode(JSON.stringify(body.json));
  if ('base64' in body) return new Uint8Array(Buffer.from(body.base64, 'base64'));
  return new Uint8Array(Buffer.concat([Buffer.from(body.prefix ?? ''), Buffer.from(body.repeat.repeat(body.times)), Buffer.from(body.suffix ?? ''), Buffer.from((body.closing ?? '').repeat(body.times))]));
}

/** The value at a JSON pointer. */
function at(document: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

describe('hostile input', function () {
  this.timeout(120_000);
  let server: TestServer;
  let stored: string;

  /** Everything a hostile request might change, as one digest. */
  async function storedState(): Promise<string> {
    const db = server.running.services.db;
    const hash = createHash('sha256');
    const tables: Array<[string, string[]]> = [
      ['records', ['id']],
      ['accounts', ['id']],
      ['tokens', ['token_hash']],
      ['collections', ['id']],
      ['collection_records', ['collection_id', 'record_id']],
      ['harvest_sources', ['name']],
      ['review_links', ['id']],
      ['access_requests', ['id']],
      ['sequences', ['name']],
    ];
    for (const [table, order] of tables) hash.update(table).update(JSON.stringify(await db(table).select('*').orderBy(order)));
    return hash.digest('hex');
  }

  before(async () => {
    // CHECK_RATE_LIMIT is raised so that the corpus itself is not what the check API refuses.
    server = await startTestServer({ CHECK_RATE_LIMIT: '100000', AUTH_FAILURE_LIMIT: '100000' }, { background: false });
    for (const title of ['First record', 'Second record']) {
      expect((await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: minimalRecord({ titles: [{ title }] }) })).status).to.equal(201);
    }
    stored = await storedState();
  });
  after(() => server.stop());

  it(`holds at least 200 cases`, () => {
    expect(cases.length).to.be.at.least(200);
  });

  for (const { file, hostile } of cases) {
    it(`${file.slice(0, 3)} ${hostile.name}`, async () => {
      const { request, expect: wanted } = hostile;
      const headers: Record<string, string> = { ...request.headers };
      if (request.token === 'admin') headers.Authorization = `Bearer ${ADMIN_TOKEN}`;
      const response = await fetch(server.url + request.path, { method: request.method, headers, body: bodyBytes(request.body), signal: AbortSignal.timeout(60_000) });
      const text = await response.text();
      const described = `${response.status} ${text.slice(0, 300)}`;
      expect(response.status, described).to.be.below(500);

      switch (wanted.kind) {
        case 'refused': {
          expect(response.status, described).to.be.within(400, 499);
          if (wanted.status !== undefined) expect(response.status, described).to.equal(wanted.status);
          // The import API reports documents it could not read as failures, each with its reason.
          if (text && response.headers.get('content-type')?.includes('json')) {
            const answer = JSON.parse(text);
            expect(answer.error?.message ?? answer.failed?.[0]?.reason, described).to.be.a('string').and.not.be.empty;
          }
          if (wanted.mentions) expect(text, described).to.contain(wanted.mentions);
          break;
        }
        case 'oai-error':
          expect(response.status, described).to.equal(200);
          expect(text, described).to.match(new RegExp(`<error code="${wanted.code}">[^<]+</error>`));
          break;
        case 'answered':
          expect(response.status, described).to.be.within(200, 399);
          if (wanted.mentions) expect(text, described).to.contain(wanted.mentions);
          break;
        case 'kept': {
          expect(response.status, described).to.equal(201);
          const created = JSON.parse(text) as { accession: string };
          const read = await (await server.request('GET', `/api/v1/records/${created.accession}`, { token: ADMIN_TOKEN })).json();
          expect(at(read, wanted.pointer)).to.equal(wanted.value);
          stored = await storedState();
          break;
        }
      }
      expect((await fetch(`${server.url}/health`)).status, 'the server is still up').to.equal(200);
      if (wanted.kind !== 'kept') expect(await storedState(), 'stored data is unchanged').to.equal(stored);
    });
  }
});
