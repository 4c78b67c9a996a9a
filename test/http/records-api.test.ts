import { expect } from 'chai';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';
import { createToken } from '../../src/services/auth-service.js';

describe('JSON API: records', () => {
  let server: TestServer;
  let curator: string;
  let alice: string;
  let bob: string;

  before(async () => {
    server = await startTestServer();
    const services = server.running.services;
    curator = (await createToken(services, 'curator', 'curator-1')).token;
    alice = (await createToken(services, 'submitter', 'alice')).token;
    bob = (await createToken(services, 'submitter', 'bob')).token;
  });
  after(() => server.stop());

  const create = (body: unknown, token = ADMIN_TOKEN) => server.request('POST', '/api/v1/records', { token, json: body });

  describe('create → read → update → withdraw', () => {
    it('runs the whole lifecycle over HTTP', async () => {
      const created = await create(minimalRecord({ doi: 'https://doi.org/10.12345/Lifecycle.1', cstr: 'CSTR:31253.11.lifecycle.1' }));
      expect(created.status).to.equal(201);
      const record = await created.json();
      expect(record.accession).to.match(/^FH\d{7}$/);
      expect(created.headers.get('location')).to.equal(`/records/${record.accession}`);
      expect(record.status).to.equal('released');
      expect(record.doi).to.equal('10.12345/Lifecycle.1');
      expect(record.cstr).to.equal('31253.11.lifecycle.1');
      expect(record.oaiIdentifier).to.equal(`oai:localhost.localdomain:${record.accession}`);

      const read = await server.request('GET', `/api/v1/records/${record.accession}`);
      expect(read.status).to.equal(200);
      expect((await read.json()).titles[0].title).to.equal('Spatial transcriptome of the developing mouse brain');

      const replaced = await server.request('PUT', `/api/v1/records/${record.accession}`, {
        token: ADMIN_TOKEN,
        json: { ...record, titles: [{ title: 'Replaced title' }], version: '1.1' },
      });
      expect(replaced.status).to.equal(200);
      const afterPut = await replaced.json();
      expect(afterPut.titles[0].title).to.equal('Replaced title');
      expect(afterPut.created).to.equal(record.created);
      expect(afterPut.datestamp > record.datestamp, 'a public change moves the datestamp').to.equal(true);

      const patched = await server.request('PATCH', `/api/v1/records/${record.accession}`, {
        token: curator,
        json: { version: null, subjects: [{ subject: 'spatial transcriptomics' }] },
        headers: { 'Content-Type': 'application/merge-patch+json' },
      });
      expect(patched.status).to.equal(200);
      const afterPatch = await patched.json();
      expect(afterPatch).to.not.have.property('version');
      expect(afterPatch.subjects).to.deep.equal([{ subject: 'spatial transcriptomics' }]);
      expect(afterPatch.titles[0].title).to.equal('Replaced title');

      const withdrawn = await server.request('DELETE', `/api/v1/records/${record.accession}`, { token: curator, json: { reason: 'Duplicate of another deposit' } });
      expect(withdrawn.status).to.equal(200);
      const tombstoned = await withdrawn.json();
      expect(tombstoned.status).to.equal('withdrawn');
      expect(tombstoned.tombstone.reason).to.equal('Duplicate of another deposit');
      expect(tombstoned.tombstone.citation).to.contain('https://doi.org/10.12345/Lifecycle.1');
      expect(tombstoned.datestamp > afterPatch.datestamp, 'withdrawal is a public change').to.equal(true);

      const gone = await server.request('GET', `/api/v1/records/${record.accession}`);
      expect(gone.status).to.equal(410);
      const goneBody = await gone.json();
      expect(goneBody.error.tombstone.reason).to.equal('Duplicate of another deposit');

      const again = await server.request('PATCH', `/api/v1/records/${record.accession}`, { token: curator, json: { version: '2' } });
      expect(again.status).to.equal(410);

      const listed = await (await server.request('GET', '/api/v1/records')).json();
      expect(listed.data.map((r: { accession: string }) => r.accession)).to.not.include(record.accession);
    });

    it('requires a reason to withdraw and leaves the record untouched without one', async () => {
      const record = await (await create(minimalRecord())).json();
      const response = await server.request('DELETE', `/api/v1/records/${record.accession}`, { token: curator, json: {} });
      expect(response.status).to.equal(422);
      expect((await response.json()).error.field).to.equal('/reason');
      expect((await (await server.request('GET', `/api/v1/records/${record.accession}`)).json()).status).to.equal('released');
    });

    it('leaves no public trace of a draft that is withdrawn before release', async () => {
      const draft = await (await create(minimalRecord({ status: 'draft' }))).json();
      const withdrawn = await server.request('DELETE', `/api/v1/records/${draft.accession}`, { token: curator, json: { reason: 'Never meant to be deposited' } });
      expect(withdrawn.status).to.equal(200);
      const anonymous = await server.request('GET', `/api/v1/records/${draft.accession}`);
      expect(anonymous.status).to.equal(404);
      expect(await anonymous.text()).to.not.contain('Never meant');
    });

    it('keeps a draft out of public view until it is released by PATCH', async () => {
      const draft = await (await create(minimalRecord({ status: 'draft' }), alice)).json();
      expect(draft.status).to.equal('draft');
      expect((await server.request('GET', `/api/v1/records/${draft.accession}`)).status).to.equal(404);
      const released = await server.request('PATCH', `/api/v1/records/${draft.accession}`, { token: alice, json: { status: 'released' } });
      expect(released.status).to.equal(200);
      expect((await released.json()).status).to.equal('released');
      expect((await server.request('GET', `/api/v1/records/${draft.accession}`)).status).to.equal(200);
    });

    it('schedules a record with a future release date and refuses to move a released record back', async () => {
      // Within the two years a release may wait (BioImage Archive policy 4).
      const inAYear = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString().slice(0, 10);
      const scheduled = await (await create(minimalRecord({ access: { level: 'public', releaseDate: inAYear } }))).json();
      expect(scheduled.status).to.equal('scheduled');
      expect(scheduled.datestamp).to.equal(`${inAYear}T00:00:00.000Z`);
      expect((await server.request('GET', `/api/v1/records/${scheduled.accession}`)).status).to.equal(404);

      const released = await (await create(minimalRecord())).json();
      const back = await server.request('PATCH', `/api/v1/records/${released.accession}`, { token: ADMIN_TOKEN, json: { status: 'draft' } });
      expect(back.status).to.equal(422);
      expect((await back.json()).error.field).to.equal('/status');
    });
  });

  describe('authentication and ownership', () => {
    it('refuses anonymous writes with 401', async () => {
      const anonymous = await server.request('POST', '/api/v1/records', { json: minimalRecord() });
      expect(anonymous.status).to.equal(401);
      expect(anonymous.headers.get('www-authenticate')).to.contain('Bearer');
      const record = await (await create(minimalRecord())).json();
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        const response = await server.request(method, `/api/v1/records/${record.accession}`, { json: { reason: 'x' } });
        expect(response.status, method).to.equal(401);
      }
    });

    it('refuses an unknown token with 401 rather than treating the caller as anonymous', async () => {
      const response = await server.request('GET', '/api/v1/records', { token: 'fh_not-a-real-token' });
      expect(response.status).to.equal(401);
    });

    it("keeps a submitter out of another submitter's private record", async () => {
      const secret = await (await create(minimalRecord({ access: { level: 'private' }, titles: [{ title: 'Alice private' }] }), alice)).json();
      expect((await server.request('GET', `/api/v1/records/${secret.accession}`, { token: alice })).status).to.equal(200);
      expect((await server.request('GET', `/api/v1/records/${secret.accession}`, { token: bob })).status).to.equal(404);
      expect((await server.request('GET', `/api/v1/records/${secret.accession}`)).status).to.equal(404);
      const bobPatch = await server.request('PATCH', `/api/v1/records/${secret.accession}`, { token: bob, json: { titles: [{ title: 'Bob was here' }] } });
      expect(bobPatch.status).to.equal(404);
      const bobPut = await server.request('PUT', `/api/v1/records/${secret.accession}`, { token: bob, json: minimalRecord({ titles: [{ title: 'Bob was here' }] }) });
      expect(bobPut.status).to.equal(404);
      const bobList = await (await server.request('GET', '/api/v1/records?page[size]=1000', { token: bob })).json();
      expect(bobList.data.map((r: { accession: string }) => r.accession)).to.not.include(secret.accession);
      const aliceList = await (await server.request('GET', '/api/v1/records?page[size]=1000', { token: alice })).json();
      expect(aliceList.data.map((r: { accession: string }) => r.accession)).to.include(secret.accession);
      const unchanged = await (await server.request('GET', `/api/v1/records/${secret.accession}`, { token: alice })).json();
      expect(unchanged.titles[0].title).to.equal('Alice private');
    });

    it('lets a submitter edit its own record until it is public, and not after', async () => {
      const draft = await (await create(minimalRecord({ status: 'draft' }), alice)).json();
      expect((await server.request('PATCH', `/api/v1/records/${draft.accession}`, { token: alice, json: { version: '0.9' } })).status).to.equal(200);
      expect((await server.request('PATCH', `/api/v1/records/${draft.accession}`, { token: alice, json: { status: 'released' } })).status).to.equal(200);
      const late = await server.request('PATCH', `/api/v1/records/${draft.accession}`, { token: alice, json: { version: '1.0' } });
      expect(late.status).to.equal(403);
      expect((await server.request('DELETE', `/api/v1/records/${draft.accession}`, { token: alice, json: { reason: 'mine' } })).status).to.equal(403);
    });

    it('stores no token in plain text', async () => {
      const { token } = await createToken(server.running.services, 'submitter', 'carol');
      const rows = await server.running.services.db('tokens').select('*');
      const everything = JSON.stringify(rows);
      expect(everything).to.not.contain(token);
      expect(everything).to.not.contain(alice);
      expect(rows.every((row: { token_hash: string }) => /^[0-9a-f]{64}$/.test(row.token_hash))).to.equal(true);
      expect((await server.request('GET', '/api/v1/records', { token })).status).to.equal(200);
    });
  });

  describe('invalid input', () => {
    const invalid: Array<[string, Record<string, unknown>, string]> = [
      ['a missing title', minimalRecord({ titles: undefined }), '/titles'],
      ['an empty title', minimalRecord({ titles: [{ title: '' }] }), '/titles/0/title'],
      ['a malformed DOI', minimalRecord({ doi: '10.12/not a doi' }), '/doi'],
      ['a malformed CSTR', minimalRecord({ cstr: 'CSTR:3125.11.x' }), '/cstr'],
      ['resourceTypeGeneral "Bogus"', minimalRecord({ types: { resourceTypeGeneral: 'Bogus' } }), '/types/resourceTypeGeneral'],
      ['publicationYear "20x6"', minimalRecord({ publicationYear: '20x6' }), '/publicationYear'],
      ['an unknown relationType', minimalRecord({ relatedIdentifiers: [{ relatedIdentifier: '10.1/x', relatedIdentifierType: 'DOI', relationType: 'IsFriendOf' }] }), '/relatedIdentifiers/0/relationType'],
      ['a misspelt field', minimalRecord({ tittles: [] }), '/tittles'],
      ['an impossible release date', minimalRecord({ access: { level: 'public', releaseDate: '2027-02-30' } }), '/access/releaseDate'],
    ];
    for (const [what, body, field] of invalid) {
      it(`answers ${what} with 422 naming ${field}, and stores nothing`, async () => {
        const before = await server.running.services.db('records').count({ n: '*' }).first();
        const response = await create(body);
        expect(response.status).to.equal(422);
        const { error } = await response.json();
        expect(error.code).to.equal('invalid_record');
        expect(error.problems.map((p: { field: string }) => p.field)).to.include(field);
        expect(error.message).to.contain(field);
        const after = await server.running.services.db('records').count({ n: '*' }).first();
        expect(Number(after?.n)).to.equal(Number(before?.n));
      });
    }

    it('answers a body that is not JSON with 400', async () => {
      const response = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, body: '{"titles": [', headers: { 'Content-Type': 'application/json' } });
      expect(response.status).to.equal(400);
      expect((await response.json()).error.message).to.match(/JSON/);
    });

    it('answers a body of another media type with 415', async () => {
      const response = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, body: '<record/>', headers: { 'Content-Type': 'application/xml' } });
      expect(response.status).to.equal(415);
    });

    it('answers an oversized body with 413 in the error shape', async () => {
      const huge = JSON.stringify(minimalRecord({ descriptions: [{ description: 'x'.repeat(11 * 1024 * 1024), descriptionType: 'Abstract' }] }));
      const response = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, body: huge, headers: { 'Content-Type': 'application/json' } });
      expect(response.status).to.equal(413);
      const { error } = await response.json();
      expect(error.code).to.equal('payload_too_large');
      expect(error.message).to.contain('limit');
    });
  });

  describe('identifier uniqueness', () => {
    it('answers a duplicate DOI, in any spelling, with 409 naming the holder', async () => {
      const holder = await (await create(minimalRecord({ doi: '10.12345/Dup.DOI' }))).json();
      for (const spelling of ['10.12345/dup.doi', 'doi:10.12345/DUP.DOI', 'http://dx.doi.org/10.12345/dup.doi']) {
        const response = await create(minimalRecord({ doi: spelling }));
        expect(response.status, spelling).to.equal(409);
        const { error } = await response.json();
        expect(error.field).to.equal('/doi');
        expect(error.message).to.contain(holder.accession);
      }
    });

    it('answers a duplicate CSTR with 409 naming the holder, also on update', async () => {
      const holder = await (await create(minimalRecord({ cstr: '31253.11.dup.cstr' }))).json();
      const duplicate = await create(minimalRecord({ cstr: 'https://cstr.cn/31253.11.dup.cstr' }));
      expect(duplicate.status).to.equal(409);
      expect((await duplicate.json()).error.message).to.contain(holder.accession);
      const other = await (await create(minimalRecord())).json();
      const patch = await server.request('PATCH', `/api/v1/records/${other.accession}`, { token: ADMIN_TOKEN, json: { cstr: 'CSTR:31253.11.dup.cstr' } });
      expect(patch.status).to.equal(409);
    });

    it('does not reveal a private record that holds a DOI', async () => {
      const hidden = await (await create(minimalRecord({ doi: '10.12345/hidden.1', access: { level: 'private' } }), alice)).json();
      const response = await create(minimalRecord({ doi: '10.12345/hidden.1' }), bob);
      expect(response.status).to.equal(409);
      expect(JSON.stringify(await response.json())).to.not.contain(hidden.accession);
    });
  });

  describe('listing', () => {
    it('pages with a cursor through every visible record exactly once', async () => {
      for (let i = 0; i < 7; i++) await create(minimalRecord({ titles: [{ title: `Paging sample ${i}` }] }));
      const seen: string[] = [];
      let next: string | undefined = '/api/v1/records?q=paging+sample&page[size]=3';
      while (next) {
        const page = await (await server.request('GET', next)).json();
        seen.push(...page.data.map((r: { titles: Array<{ title: string }> }) => r.titles[0]!.title));
        next = page.links.next;
      }
      expect(seen).to.have.length(7);
      expect(new Set(seen).size).to.equal(7);
    });

    it('refuses a forged cursor and an out-of-range page size with 400 naming the parameter', async () => {
      const forged = await server.request('GET', '/api/v1/records?page[cursor]=bm9wZQ');
      expect(forged.status).to.equal(400);
      expect((await forged.json()).error.field).to.equal('page[cursor]');
      const big = await server.request('GET', '/api/v1/records?page[size]=100000');
      expect(big.status).to.equal(400);
      expect((await big.json()).error.field).to.equal('page[size]');
    });

    it('treats search words literally, wildcards included', async () => {
      await create(minimalRecord({ titles: [{ title: 'Coverage 100% complete' }] }));
      await create(minimalRecord({ titles: [{ title: 'Coverage 1000 samples' }] }));
      const page = await (await server.request('GET', `/api/v1/records?q=${encodeURIComponent('100%')}`)).json();
      expect(page.data.map((r: { titles: Array<{ title: string }> }) => r.titles[0]!.title)).to.deep.equal(['Coverage 100% complete']);
    });
  });

  it('serves /health', async () => {
    const response = await server.request('GET', '/health');
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ status: 'ok', database: 'ok' });
  });
});
