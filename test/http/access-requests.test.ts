import { expect } from 'chai';
import { createToken } from '../../src/services/auth-service.js';
import { openDatabase } from '../../src/store/database.js';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

const DAY = 24 * 60 * 60 * 1000;
const FILES = [
  { name: 'counts.h5ad', size: 1024, checksum: { algorithm: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }, format: 'application/x-hdf5', url: 'https://files.example.org/counts.h5ad', description: 'count matrix' },
  { name: 'README.txt', size: 10, format: 'text/plain', url: 'https://files.example.org/README.txt' },
];
const FORM = { purpose: 'Re-analysis of tumour microenvironment niches for a cohort study', name: 'Li Wei', institution: 'Example University' };

describe('access levels and controlled-access requests', () => {
  let server: TestServer;
  let clock = new Date('2026-03-01T09:00:00Z');
  const tokens: Record<string, string> = {};

  before(async () => {
    server = await startTestServer({}, { now: () => clock });
    const services = server.running.services;
    for (const [name, role] of [
      ['owner', 'submitter'],
      ['other', 'submitter'],
      ['curator', 'curator'],
      ['approved', 'submitter'],
      ['rejected', 'submitter'],
      ['expired', 'submitter'],
      ['applicant', 'submitter'],
    ] as const) {
      tokens[name] = (await createToken(services, role, name)).token;
    }
  });
  after(() => server.stop());

  const call = (method: string, path: string, token?: string, json?: unknown) => server.request(method, path, { token, json });
  const create = async (access: Record<string, unknown>, title = `A ${access.level} record`) => {
    const response = await call('POST', '/api/v1/records', tokens.owner, minimalRecord({ titles: [{ title }], access, files: FILES }));
    expect(response.status, await response.clone().text()).to.equal(201);
    return (await response.json()).accession as string;
  };
  const apply = (accession: string, as: string, form: unknown = FORM) => call('POST', `/api/v1/records/${accession}/access-requests`, tokens[as], form);
  const decide = (accession: string, id: number, as: string, decision: Record<string, unknown>) =>
    call('POST', `/api/v1/records/${accession}/access-requests/${id}/decision`, tokens[as], decision);
  const files = (accession: string, as?: string) => call('GET', `/api/v1/records/${accession}/files`, as ? tokens[as] : undefined);
  const urlsInRecord = async (accession: string, as?: string): Promise<string[]> => {
    const response = await call('GET', `/api/v1/records/${accession}`, as ? tokens[as] : undefined);
    if (response.status === 404) return [];
    expect(response.status).to.equal(200);
    return ((await response.json()).files ?? []).flatMap((file: { url?: string }) => (file.url ? [file.url] : []));
  };
  const urlsInList = async (accession: string, as?: string): Promise<string[]> => {
    const page = await (await call('GET', '/api/v1/records?page[size]=1000', as ? tokens[as] : undefined)).json();
    const record = page.data.find((r: { accession: string }) => r.accession === accession);
    return (record?.files ?? []).flatMap((file: { url?: string }) => (file.url ? [file.url] : []));
  };
  const requestId = async (accession: string, as: string) => {
    const response = await apply(accession, as);
    expect(response.status, await response.clone().text()).to.equal(201);
    return (await response.json()).id as number;
  };

  it('shows a controlled record’s metadata and file list to anonymous callers, but no download URL', async () => {
    const accession = await create({ level: 'controlled' }, 'Controlled Stereo-seq of hepatocellular carcinoma');
    const response = await call('GET', `/api/v1/records/${accession}`);
    expect(response.status).to.equal(200);
    const record = await response.json();
    expect(record.titles[0].title).to.equal('Controlled Stereo-seq of hepatocellular carcinoma');
    expect(record.files).to.deep.equal(FILES.map(({ url: _url, ...file }) => file));
    expect(await urlsInList(accession)).to.deep.equal([]);
    expect(JSON.stringify(await (await call('GET', '/api/v1/records?access=controlled')).json())).to.not.contain('files.example.org');
  });

  describe('who gets file URLs, by level and caller', () => {
    const callers = ['anonymous', 'other', 'owner', 'curator', 'approved', 'rejected', 'expired'] as const;
    const records: Record<string, string> = {};

    before(async () => {
      records.public = await create({ level: 'public' });
      records.registered = await create({ level: 'registered' });
      records.controlled = await create({ level: 'controlled' });
      records.private = await create({ level: 'private' });
      records.embargoed = await create({ level: 'public', embargoEnd: new Date(clock.getTime() + 10 * DAY).toISOString().slice(0, 10) });
      const controlled = records.controlled!;
      expect((await decide(controlled, await requestId(controlled, 'approved'), 'owner', { decision: 'approved', accessDays: 365 })).status).to.equal(200);
      expect((await decide(controlled, await requestId(controlled, 'rejected'), 'owner', { decision: 'rejected', note: 'purpose outside the consent' })).status).to.equal(200);
      expect((await decide(controlled, await requestId(controlled, 'expired'), 'curator', { decision: 'approved', accessDays: 1 })).status).to.equal(200);
      clock = new Date(clock.getTime() + 2 * DAY);
    });

    const expected: Record<string, Record<(typeof callers)[number], boolean>> = {
      public: { anonymous: true, other: true, owner: true, curator: true, approved: true, rejected: true, expired: true },
      registered: { anonymous: false, other: true, owner: true, curator: true, approved: true, rejected: true, expired: true },
      controlled: { anonymous: false, other: false, owner: true, curator: true, approved: true, rejected: false, expired: false },
      private: { anonymous: false, other: false, owner: true, curator: true, approved: false, rejected: false, expired: false },
      embargoed: { anonymous: false, other: false, owner: true, curator: true, approved: false, rejected: false, expired: false },
    };

    for (const level of Object.keys(expected)) {
      it(`${level}: the record, the list and …/files agree`, async () => {
        const accession = records[level]!;
        const seen: Record<string, boolean[]> = {};
        for (const caller of callers) {
          const as = caller === 'anonymous' ? undefined : caller;
          const inRecord = (await urlsInRecord(accession, as)).length === FILES.length;
          const inList = (await urlsInList(accession, as)).length === FILES.length;
          const fileList = await files(accession, as);
          seen[caller] = [inRecord, inList, fileList.status === 200];
        }
        const want = Object.fromEntries(callers.map((caller) => [caller, Array(3).fill(expected[level]![caller])]));
        expect(seen).to.deep.equal(want);
      });
    }

    it('STOmicsDB art. 8: controlled data files only after approval', async () => {
      const response = await files(records.controlled!, 'approved');
      expect(response.status).to.equal(200);
      const body = await response.json();
      expect(body.data.map((f: { url: string }) => f.url)).to.deep.equal(FILES.map((f) => f.url));
      expect(Date.parse(body.meta.accessUntil)).to.be.greaterThan(clock.getTime());
    });

    it('tells a requester whose access ended when it did, and how to apply again', async () => {
      const response = await files(records.controlled!, 'expired');
      expect(response.status).to.equal(403);
      const { message } = (await response.json()).error;
      expect(message).to.contain('your access ended on 2026-03-02');
      expect(message).to.contain(`apply at http://localhost:8080/api/v1/records/${records.controlled}/access-requests`);
    });
  });

  it('NBDC 5.1.2: registered access for signed-in users; anonymous callers are told to sign in', async () => {
    const accession = await create({ level: 'registered' });
    const anonymous = await files(accession);
    expect(anonymous.status).to.equal(403);
    expect((await anonymous.json()).error.message).to.contain('sign in');
    expect((await files(accession, 'other')).status).to.equal(200);
    expect(await urlsInRecord(accession, 'applicant')).to.have.length(FILES.length);
    expect((await apply(accession, 'other')).status, 'nothing to apply for').to.equal(409);
  });

  it('journal policy 5(1)B: embargoed files open by themselves on the day the embargo ends', async () => {
    const opensOn = new Date(clock.getTime() + 3 * DAY).toISOString().slice(0, 10);
    const accession = await create({ level: 'public', embargoEnd: opensOn });
    const closed = await files(accession);
    expect(closed.status).to.equal(403);
    expect((await closed.json()).error.message).to.contain(`files open on ${opensOn}`);
    expect(await urlsInRecord(accession)).to.deep.equal([]);

    const saved = clock;
    clock = new Date(`${opensOn}T00:00:00.000Z`);
    try {
      expect((await files(accession)).status).to.equal(200);
      expect(await urlsInRecord(accession)).to.have.length(FILES.length);
      expect(await urlsInList(accession)).to.have.length(FILES.length);
    } finally {
      clock = saved;
    }
  });

  describe('the life of a request', () => {
    let accession: string;
    before(async () => {
      accession = await create({ level: 'controlled', accessPeriodDays: 30 }, 'Controlled record with a 30-day access period');
    });

    it('is made by a signed-in user with the application form, once at a time', async () => {
      expect((await call('POST', `/api/v1/records/${accession}/access-requests`, undefined, FORM)).status, 'anonymous').to.equal(401);
      const anonymousFiles = await files(accession);
      expect((await anonymousFiles.json()).error.message).to.contain('sign in and apply at');

      const created = await apply(accession, 'applicant');
      expect(created.status).to.equal(201);
      const request = await created.json();
      expect(request).to.include({ accession, account: 'applicant', name: FORM.name, institution: FORM.institution, purpose: FORM.purpose, status: 'pending', active: false });

      const again = await apply(accession, 'applicant');
      expect(again.status).to.equal(409);
      expect((await again.json()).error.message).to.contain('pending');

      const refused = await files(accession, 'applicant');
      expect(refused.status).to.equal(403);
      expect((await refused.json()).error.message).to.contain(`your request ${request.id} is pending`);
    });

    it('refuses an incomplete form naming every field', async () => {
      const response = await apply(accession, 'other', { name: '   ', institution: 'Example University', colour: 'red' });
      expect(response.status).to.equal(422);
      const fields = (await response.json()).error.problems.map((p: { field: string }) => p.field);
      expect(fields).to.have.members(['/purpose', '/name', '/colour']);
    });

    it('is decided only by the owner or a curator', async () => {
      const [request] = (await (await call('GET', `/api/v1/records/${accession}/access-requests`, tokens.applicant)).json()).data;
      expect((await decide(accession, request.id, 'other', { decision: 'approved' })).status, 'another submitter').to.equal(403);
      expect((await decide(accession, request.id, 'applicant', { decision: 'approved' })).status, 'the requester').to.equal(403);
      expect((await call('POST', `/api/v1/records/${accession}/access-requests/${request.id}/decision`, undefined, { decision: 'approved' })).status).to.equal(401);
      const bad = await decide(accession, request.id, 'owner', { decision: 'maybe', accessDays: 0 });
      expect(bad.status).to.equal(422);
      expect((await bad.json()).error.problems.map((p: { field: string }) => p.field)).to.have.members(['/decision', '/accessDays']);
      expect((await decide(accession, 999_999, 'owner', { decision: 'approved' })).status).to.equal(404);
    });

    it('CNGBdb 2.1: initial access period set by the submitter; files visible until it ends', async () => {
      const [request] = (await (await call('GET', `/api/v1/records/${accession}/access-requests`, tokens.owner)).json()).data;
      const approved = await decide(accession, request.id, 'owner', { decision: 'approved', note: 'Use limited to the stated project.' });
      expect(approved.status).to.equal(200);
      const decided = await approved.json();
      expect(decided).to.include({ status: 'approved', note: 'Use limited to the stated project.', active: true, decided: clock.toISOString() });
      expect(Date.parse(decided.accessUntil) - clock.getTime()).to.equal(30 * DAY);
      expect((await decide(accession, request.id, 'curator', { decision: 'rejected' })).status, 'decided once').to.equal(409);

      expect((await files(accession, 'applicant')).status).to.equal(200);
      expect(await urlsInRecord(accession, 'applicant')).to.have.length(FILES.length);
      expect(await urlsInRecord(accession, 'other')).to.deep.equal([]);
      expect((await apply(accession, 'applicant')).status, 'already approved').to.equal(409);

      const saved = clock;
      clock = new Date(Date.parse(decided.accessUntil));
      try {
        expect((await files(accession, 'applicant')).status).to.equal(403);
        expect(await urlsInRecord(accession, 'applicant')).to.deep.equal([]);
        const listed = (await (await call('GET', `/api/v1/records/${accession}/access-requests`, tokens.applicant)).json()).data;
        expect(listed.map((r: { status: string; active: boolean }) => [r.status, r.active])).to.deep.equal([['approved', false]]);
        const renewed = await apply(accession, 'applicant');
        expect(renewed.status, 'a new application once the period ended').to.equal(201);
        expect((await call('DELETE', `/api/v1/records/${accession}/access-requests/${(await renewed.json()).id}`, tokens.applicant)).status).to.equal(200);
      } finally {
        clock = saved;
      }
    });

    it('takes the decision’s accessDays over the record’s period, and a year when neither says', async () => {
      const other = await requestId(accession, 'other');
      const decided = await (await decide(accession, other, 'curator', { decision: 'approved', accessDays: 7 })).json();
      expect(Date.parse(decided.accessUntil) - clock.getTime()).to.equal(7 * DAY);

      const plain = await create({ level: 'controlled' });
      const id = await requestId(plain, 'other');
      const yearly = await (await decide(plain, id, 'owner', { decision: 'approved' })).json();
      expect(Date.parse(yearly.accessUntil) - clock.getTime()).to.equal(365 * DAY);
    });

    it('rejects with a note, leaving the files closed', async () => {
      const id = await requestId(accession, 'rejected');
      const response = await decide(accession, id, 'owner', { decision: 'rejected', note: 'No ethics approval attached.' });
      expect(response.status).to.equal(200);
      expect(await response.json()).to.include({ status: 'rejected', note: 'No ethics approval attached.', active: false });
      expect((await files(accession, 'rejected')).status).to.equal(403);
      expect((await decide(accession, id, 'owner', { decision: 'approved' })).status).to.equal(409);
      const withDays = await decide(accession, await requestId(accession, 'rejected'), 'owner', { decision: 'rejected', accessDays: 10 });
      expect(withDays.status).to.equal(422);
      expect((await withDays.json()).error.field).to.equal('/accessDays');
    });

    it('is withdrawn by its requester while pending, and kept on record', async () => {
      const id = await requestId(accession, 'expired');
      expect((await call('DELETE', `/api/v1/records/${accession}/access-requests/${id}`, tokens.owner)).status, 'not the requester').to.equal(403);
      expect((await call('DELETE', `/api/v1/records/${accession}/access-requests/${id}`, tokens.other)).status, 'not visible to others').to.equal(404);
      const withdrawn = await call('DELETE', `/api/v1/records/${accession}/access-requests/${id}`, tokens.expired);
      expect(withdrawn.status).to.equal(200);
      expect(await withdrawn.json()).to.include({ status: 'withdrawn', active: false });
      expect((await call('DELETE', `/api/v1/records/${accession}/access-requests/${id}`, tokens.expired)).status, 'twice').to.equal(409);
      expect((await decide(accession, id, 'owner', { decision: 'approved' })).status).to.equal(409);
    });

    it('lists every request to the owner and curators, and only their own to requesters', async () => {
      const list = async (as?: string) => call('GET', `/api/v1/records/${accession}/access-requests`, as ? tokens[as] : undefined);
      expect((await list()).status).to.equal(401);
      const everything = (await (await list('owner')).json()).data.map((r: { account: string; status: string }) => `${r.account}:${r.status}`);
      expect(everything).to.deep.equal(['applicant:approved', 'applicant:withdrawn', 'other:approved', 'rejected:rejected', 'rejected:pending', 'expired:withdrawn']);
      expect((await (await list('curator')).json()).data).to.have.length(everything.length);
      expect((await (await list('rejected')).json()).data.map((r: { account: string }) => r.account)).to.deep.equal(['rejected', 'rejected']);
      expect((await (await list('approved')).json()).data).to.deep.equal([]);
    });

    it('keeps every request and decision in the database', async () => {
      const db = openDatabase(server.database.url);
      try {
        const rows = await db('access_requests').select('status', 'decided_by', 'decided_at', 'access_until', 'decision_note').orderBy('id');
        expect(rows.filter((row) => row.status !== 'pending').every((row) => row.decided_at !== null)).to.equal(true);
        expect(rows.filter((row) => row.status === 'approved').every((row) => row.access_until !== null && row.decided_by !== null)).to.equal(true);
        expect(rows.filter((row) => row.status !== 'approved').every((row) => row.access_until === null)).to.equal(true);
      } finally {
        await db.destroy();
      }
    });
  });

  it('takes requests only for controlled records the caller can see', async () => {
    const open = await create({ level: 'public' });
    const refused = await apply(open, 'other');
    expect(refused.status).to.equal(409);
    expect((await refused.json()).error.message).to.contain('controlled records only');
    const hidden = await create({ level: 'private' });
    expect((await apply(hidden, 'other')).status).to.equal(404);
    expect((await files(hidden)).status).to.equal(404);
    const controlled = await create({ level: 'controlled' });
    expect((await apply(controlled, 'owner')).status, 'the owner has the files already').to.equal(409);
    expect((await call('POST', `/api/v1/records/${controlled}/access-requests`, ADMIN_TOKEN, FORM)).status, 'so has staff').to.equal(409);
  });
});
