import { expect } from 'chai';
import LinkHeader from 'http-link-header';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

const ORCID_A = 'https://orcid.org/0000-0002-1825-0097';
const ORCID_B = 'https://orcid.org/0000-0001-5109-3700';

function richRecord(overrides: Record<string, unknown> = {}) {
  return minimalRecord({
    creators: [
      { name: 'Carberry, Josiah', nameType: 'Personal', givenName: 'Josiah', familyName: 'Carberry', nameIdentifiers: [{ nameIdentifier: ORCID_A, nameIdentifierScheme: 'ORCID' }] },
      { name: 'Wang, Li', nameType: 'Personal', givenName: 'Li', familyName: 'Wang', nameIdentifiers: [{ nameIdentifier: '0000-0001-5109-3700', nameIdentifierScheme: 'ORCID' }] },
    ],
    rightsList: [{ rightsIdentifier: 'cc-by-4.0', rightsIdentifierScheme: 'SPDX' }],
    doi: '10.12345/negotiate.1',
    cstr: '31253.11.negotiate.1',
    files: [
      { name: 'counts.h5ad', size: 1024, format: 'application/x-hdf5', url: 'https://files.example.org/negotiate/counts.h5ad' },
      { name: 'README.txt', size: 10, format: 'text/plain', url: 'https://files.example.org/negotiate/README.txt' },
    ],
    ...overrides,
  });
}

describe('/records/{accession}: content negotiation and Signposting', () => {
  let server: TestServer;
  let accession: string;
  let controlled: string;
  let withdrawn: string;
  const base = 'http://localhost:8080';

  before(async () => {
    server = await startTestServer();
    const create = async (body: unknown) => (await (await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: body })).json()).accession as string;
    accession = await create(richRecord());
    controlled = await create(richRecord({ doi: '10.12345/negotiate.2', cstr: undefined, access: { level: 'controlled', howToApply: 'Apply to the data access committee.' } }));
    withdrawn = await create(richRecord({ doi: '10.12345/negotiate.3', cstr: undefined, titles: [{ title: 'Soon withdrawn' }] }));
    await server.request('DELETE', `/api/v1/records/${withdrawn}`, { token: ADMIN_TOKEN, json: { reason: 'Consent withdrawn by participants' } });
  });
  after(() => server.stop());

  const get = (path: string, headers: Record<string, string> = {}) => server.request('GET', path, { headers });

  describe('media types', () => {
    const table: Array<[string, string]> = [
      ['application/vnd.datacite.datacite+xml', 'application/vnd.datacite.datacite+xml'],
      ['application/vnd.datacite.datacite+json', 'application/vnd.datacite.datacite+json'],
      ['application/ld+json', 'application/ld+json'],
      ['application/vnd.schemaorg.ld+json', 'application/ld+json'],
      ['application/rdf+xml', 'application/rdf+xml'],
      ['text/turtle', 'text/turtle'],
      ['application/n-triples', 'application/n-triples'],
      ['application/x-bibtex', 'application/x-bibtex'],
      ['application/x-research-info-systems', 'application/x-research-info-systems'],
      ['application/vnd.citationstyles.csl+json', 'application/vnd.citationstyles.csl+json'],
      ['text/x-bibliography', 'text/x-bibliography'],
      ['text/x-bibliography; style=apa', 'text/x-bibliography'],
      ['application/linkset+json', 'application/linkset+json'],
      ['application/linkset', 'application/linkset'],
      ['text/turtle;q=0.5, application/rdf+xml;q=0.9', 'application/rdf+xml'],
      ['application/rdf+xml;q=0.2, text/turtle', 'text/turtle'],
      ['image/png;q=1.0, application/x-bibtex;q=0.1', 'application/x-bibtex'],
      ['application/*;q=0.1, text/turtle', 'text/turtle'],
      ['application/*', 'application/vnd.datacite.datacite+xml'],
    ];
    for (const [accept, expected] of table) {
      it(`Accept: ${accept} → ${expected}`, async () => {
        const response = await get(`/records/${accession}`, { Accept: accept });
        expect(response.status).to.equal(200);
        expect(response.headers.get('content-type')).to.match(new RegExp(`^${expected.replace(/[+.*]/g, '\\$&')}(;|$)`));
        expect(response.headers.get('vary')).to.match(/Accept/);
        expect((await response.text()).length).to.be.greaterThan(20);
      });
    }

    it('chooses a citation style and locale from the media type parameters', async () => {
      const apa = await (await get(`/records/${accession}`, { Accept: 'text/x-bibliography; style=apa' })).text();
      const gbt = await (await get(`/records/${accession}`, { Accept: 'text/x-bibliography; style=gb-t-7714; locale=zh-CN' })).text();
      expect(apa).to.contain('(2026)');
      expect(gbt).to.contain('[DS/OL]');
      expect(gbt.trim()).to.match(/CSTR:31253\.11\.negotiate\.1\.?$/);
    });

    it('answers */* and a missing Accept with the default format', async () => {
      const any = await get(`/records/${accession}`, { Accept: '*/*' });
      const none = await fetch(`${server.url}/records/${accession}`, { headers: { Accept: '' } });
      expect(any.status).to.equal(200);
      expect(none.headers.get('content-type')).to.equal(any.headers.get('content-type'));
    });

    it('answers an unavailable type with 406 listing the available ones', async () => {
      const response = await get(`/records/${accession}`, { Accept: 'image/png' });
      expect(response.status).to.equal(406);
      const { error } = await response.json();
      expect(error.available).to.include.members(['application/ld+json', 'text/turtle', 'application/vnd.datacite.datacite+xml']);
      expect(error.message).to.contain('text/turtle');
    });

    it('lets ?format= override Accept, and answers an unknown one with 406', async () => {
      const response = await get(`/records/${accession}?format=bibtex`, { Accept: 'text/turtle' });
      expect(response.headers.get('content-type')).to.match(/^application\/x-bibtex/);
      expect((await get(`/records/${accession}?format=nope`)).status).to.equal(406);
      const oaiDc = await get(`/records/${accession}?format=oai_dc`);
      expect(await oaiDc.text()).to.contain('<oai_dc:dc');
    });
  });

  describe('conditional requests', () => {
    it('answers If-None-Match and If-Modified-Since with 304 until the record changes', async () => {
      const first = await get(`/records/${accession}`, { Accept: 'application/ld+json' });
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      expect(etag).to.be.a('string');
      expect((await get(`/records/${accession}`, { Accept: 'application/ld+json', 'If-None-Match': etag })).status).to.equal(304);
      expect((await get(`/records/${accession}`, { Accept: 'application/ld+json', 'If-Modified-Since': lastModified })).status).to.equal(304);
      const other = await get(`/records/${accession}`, { Accept: 'text/turtle', 'If-None-Match': etag });
      expect(other.status, 'another representation has another ETag').to.equal(200);

      await new Promise((resolve) => setTimeout(resolve, 1100));
      await server.request('PATCH', `/api/v1/records/${accession}`, { token: ADMIN_TOKEN, json: { version: '2' } });
      const changed = await get(`/records/${accession}`, { Accept: 'application/ld+json', 'If-None-Match': etag });
      expect(changed.status).to.equal(200);
      expect(changed.headers.get('etag')).to.not.equal(etag);
    });
  });

  describe('withdrawn records', () => {
    for (const accept of ['application/ld+json', 'application/vnd.datacite.datacite+json', 'application/vnd.datacite.datacite+xml', 'text/turtle']) {
      it(`answer 410 with a minimal tombstone in ${accept}`, async () => {
        const response = await get(`/records/${withdrawn}`, { Accept: accept });
        expect(response.status).to.equal(410);
        const body = await response.text();
        expect(body).to.contain('Soon withdrawn');
        expect(body).to.contain('10.12345/negotiate.3');
        expect(body).to.not.contain('counts.h5ad');
      });
    }

    it('keeps the reason and date in the JSON-LD tombstone', async () => {
      const body = await (await get(`/records/${withdrawn}`, { Accept: 'application/ld+json' })).text();
      expect(body).to.contain('Consent withdrawn by participants');
    });
  });

  describe('resolvers', () => {
    it('send /doi/{doi} on to the record keeping the requested format', async () => {
      const response = await fetch(`${server.url}/doi/10.12345/negotiate.1?format=bibtex`, { redirect: 'manual' });
      expect(response.status).to.equal(303);
      expect(response.headers.get('location')).to.equal(`/records/${accession}?format=bibtex`);
      expect(response.headers.get('vary')).to.match(/Accept/);
      const followed = await fetch(`${server.url}/doi/10.12345/negotiate.1`, { headers: { Accept: 'text/turtle' } });
      expect(followed.headers.get('content-type')).to.match(/^text\/turtle/);
    });
  });

  describe('FAIR Signposting', () => {
    const landing = () => `${base}/records/${accession}`;

    it('puts level 1 links on the landing page, link by link', async () => {
      const response = await get(`/records/${accession}`, { Accept: 'application/ld+json' });
      const links = LinkHeader.parse(response.headers.get('link')!);
      expect(links.get('rel', 'cite-as').map((l) => l.uri)).to.deep.equal(['https://doi.org/10.12345/negotiate.1']);
      expect(links.get('rel', 'type').map((l) => l.uri)).to.have.members(['https://schema.org/Dataset', 'https://schema.org/AboutPage']);
      expect(links.get('rel', 'author').map((l) => l.uri)).to.have.members([ORCID_A, ORCID_B]);
      expect(links.get('rel', 'license').map((l) => l.uri)).to.deep.equal(['https://spdx.org/licenses/CC-BY-4.0']);
      const describedBy = links.get('rel', 'describedby').map((l) => [l.uri, l.type]);
      expect(describedBy).to.deep.include.members([
        [`${landing()}?format=schemaorg`, 'application/ld+json'],
        [`${landing()}?format=datacite-xml`, 'application/vnd.datacite.datacite+xml'],
        [`${landing()}?format=datacite-json`, 'application/vnd.datacite.datacite+json'],
        [`${landing()}?format=turtle`, 'text/turtle'],
        [`${landing()}?format=rdfxml`, 'application/rdf+xml'],
      ]);
      expect(links.get('rel', 'item').map((l) => [l.uri, l.type])).to.deep.equal([
        ['https://files.example.org/negotiate/counts.h5ad', 'application/x-hdf5'],
        ['https://files.example.org/negotiate/README.txt', 'text/plain'],
      ]);
      expect(links.get('rel', 'linkset').map((l) => l.type)).to.have.members(['application/linkset+json', 'application/linkset']);
    });

    it('lists no downloadable items for controlled data, and cites a DOI-less record by its CSTR or landing page', async () => {
      const links = LinkHeader.parse((await get(`/records/${controlled}`)).headers.get('link')!);
      expect(links.get('rel', 'item')).to.deep.equal([]);
      expect(links.get('rel', 'cite-as')[0]!.uri).to.equal('https://doi.org/10.12345/negotiate.2');
    });

    it('links each metadata resource back to the landing page it describes', async () => {
      const links = LinkHeader.parse((await get(`/records/${accession}?format=datacite-xml`)).headers.get('link')!);
      expect(links.get('rel', 'describes').map((l) => l.uri)).to.deep.equal([landing()]);
    });

    it('serves a level 2 linkset as JSON and in link format', async () => {
      const json = await get(`/records/${accession}/linkset`);
      expect(json.headers.get('content-type')).to.match(/^application\/linkset\+json/);
      const { linkset } = await json.json();
      const byAnchor = new Map(linkset.map((c: { anchor: string }) => [c.anchor, c]));
      const page: any = byAnchor.get(landing());
      expect(page['cite-as']).to.deep.equal([{ href: 'https://doi.org/10.12345/negotiate.1' }]);
      expect(page.author.map((a: { href: string }) => a.href)).to.have.members([ORCID_A, ORCID_B]);
      expect(page.item).to.have.length(2);
      const metadata: any = byAnchor.get(`${landing()}?format=schemaorg`);
      expect(metadata.describes).to.deep.equal([{ href: landing(), type: 'text/html' }]);
      const file: any = byAnchor.get('https://files.example.org/negotiate/counts.h5ad');
      expect(file.collection).to.deep.equal([{ href: landing(), type: 'text/html' }]);

      const text = await get(`/records/${accession}/linkset`, { Accept: 'application/linkset' });
      expect(text.headers.get('content-type')).to.match(/^application\/linkset/);
      const parsed = LinkHeader.parse((await text.text()).replace(/\n/g, ' '));
      expect(parsed.get('rel', 'cite-as')[0]!.anchor).to.equal(landing());
      expect(parsed.get('rel', 'describes').length).to.be.greaterThan(3);
    });
  });
});
