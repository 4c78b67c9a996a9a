import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { ADMIN_TOKEN, minimalRecord, startTestServer, type TestServer } from '../helpers/server.js';

const ORCID_A = 'https://orcid.org/0000-0002-1825-0097';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

function richRecord(overrides: Record<string, unknown> = {}) {
  return minimalRecord({
    creators: [
      { name: 'Carberry, Josiah', nameType: 'Personal', givenName: 'Josiah', familyName: 'Carberry', nameIdentifiers: [{ nameIdentifier: ORCID_A, nameIdentifierScheme: 'ORCID' }] },
      { name: 'Wang, Li', nameType: 'Personal', givenName: 'Li', familyName: 'Wang' },
    ],
    rightsList: [{ rightsIdentifier: 'cc-by-4.0', rightsIdentifierScheme: 'SPDX' }],
    doi: '10.12345/landing.1',
    cstr: '31253.11.landing.1',
    descriptions: [{ description: 'Single-cell counts of the developing cortex.', descriptionType: 'Abstract' }],
    subjects: [{ subject: 'Neurodevelopment' }],
    dates: [{ date: '2025-04-01/2025-06-30', dateType: 'Collected' }],
    files: [{ name: 'counts.h5ad', size: 1024, format: 'application/x-hdf5', url: 'https://files.example.org/landing/counts.h5ad' }],
    ...overrides,
  });
}

/** The text of the first element matching `<tag attrs>…</tag>`. */
function between(html: string, open: RegExp, close: string): string {
  const match = open.exec(html);
  expect(match, String(open)).to.not.equal(null);
  const start = match!.index + match![0].length;
  return html.slice(start, html.indexOf(close, start));
}

describe('/records/{accession} as an HTML landing page', () => {
  let server: TestServer;
  let accession: string;
  let controlled: string;
  let hostile: string;
  let imported: string;
  let withdrawn: string;
  let v2: string;

  before(async () => {
    server = await startTestServer();
    const create = async (body: unknown) => {
      const response = await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: body });
      expect(response.status).to.equal(201);
      return (await response.json()).accession as string;
    };
    accession = await create(richRecord());
    controlled = await create(
      richRecord({ doi: '10.12345/landing.2', cstr: undefined, access: { level: 'controlled', howToApply: 'Apply to the data access committee.', conditions: { rules: ['acknowledge'] }, acknowledgement: 'Thanks to the cohort.' } }),
    );
    hostile = await create(richRecord({ doi: '10.12345/landing.3', cstr: undefined, titles: [{ title: 'Evil </script><script>alert(1)</script> & "quotes"' }] }));
    imported = await create(
      richRecord({
        doi: '10.12345/landing.4',
        cstr: undefined,
        source: { repository: 'Example Archive', originalIdentifier: 'EGAS00001000001', license: 'Archive licence v2', terms: 'Use only for research; cite the archive.' },
      }),
    );
    withdrawn = await create(richRecord({ doi: '10.12345/landing.5', cstr: undefined, titles: [{ title: 'Soon withdrawn' }] }));
    await server.request('DELETE', `/api/v1/records/${withdrawn}`, { token: ADMIN_TOKEN, json: { reason: 'Consent withdrawn by participants' } });
    const next = await server.request('POST', `/api/v1/records/${accession}/versions`, { token: ADMIN_TOKEN, json: { status: 'released', doi: '10.12345/landing.1v2' } });
    v2 = (await next.json()).accession as string;
  });
  after(() => server.stop());

  const get = (path: string, headers: Record<string, string> = {}) => server.request('GET', path, { headers });
  const page = async (path: string) => {
    const response = await get(path, { Accept: BROWSER_ACCEPT });
    return { response, html: await response.text() };
  };

  describe('content negotiation', () => {
    it('gives browsers the HTML page', async () => {
      const { response, html } = await page(`/records/${accession}`);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/html/);
      expect(html).to.match(/^<!doctype html>/i);
    });

    it('keeps DataCite XML the answer to */* and to no Accept', async () => {
      expect((await get(`/records/${accession}`, { Accept: '*/*' })).headers.get('content-type')).to.match(/^application\/vnd\.datacite\.datacite\+xml/);
      expect((await fetch(`${server.url}/records/${accession}`, { headers: { Accept: '' } })).headers.get('content-type')).to.match(/^application\/vnd\.datacite\.datacite\+xml/);
    });

    it('answers ?format=html and application/xhtml+xml', async () => {
      expect((await get(`/records/${accession}?format=html`)).headers.get('content-type')).to.match(/^text\/html/);
      expect((await get(`/records/${accession}`, { Accept: 'application/xhtml+xml' })).headers.get('content-type')).to.match(/^text\/html/);
    });

    it('sends security headers', async () => {
      const { response } = await page(`/records/${accession}`);
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).to.contain("default-src 'none'");
      expect(csp).to.match(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp).to.not.contain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(response.headers.get('referrer-policy')).to.be.a('string');
    });

    it('allows exactly the page\'s own style and script by their hashes', async () => {
      const { response, html } = await page(`/records/${accession}`);
      const csp = response.headers.get('content-security-policy')!;
      const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
      expect(csp).to.contain(`style-src ${hash(between(html, /<style>/, '</style>'))}`);
      expect(csp).to.contain(`script-src ${hash(between(html, /<script>/, '</script>'))}`);
    });
  });

  describe('a rich record', () => {
    it('has every section', async () => {
      const { html } = await page(`/records/${accession}`);
      expect(html).to.contain('<html lang="en">');
      expect(html.match(/<h1[\s>]/g)).to.have.length(1);
      for (const landmark of ['<header>', '<main>', '<footer>']) expect(html).to.contain(landmark);
      expect(html).to.contain('Spatial transcriptome of the developing mouse brain');
      expect(html).to.contain('Carberry, Josiah');
      expect(html).to.contain(`href="${ORCID_A}"`);
      expect(html).to.contain(`>${accession}</code>`);
      expect(html).to.contain('data-copy="DOI">10.12345/landing.1</code>');
      expect(html).to.contain('CSTR:31253.11.landing.1');
      expect(html).to.contain('Single-cell counts of the developing cortex.');
      expect(html).to.contain('Neurodevelopment');
      expect(html).to.contain('2025-04-01/2025-06-30');
      expect(html).to.match(/<a href="[^"]*creativecommons\.org\/licenses\/by\/4\.0[^"]*" rel="license">Creative Commons Attribution 4\.0 International<\/a>/);
      expect(html).to.contain('Open access');
      expect(html).to.contain('href="https://files.example.org/landing/counts.h5ad"');
      expect(html).to.contain('id="cite-heading"');
      expect(html).to.contain('(2026)');
      expect(html).to.contain('[DS/OL]');
      expect(html).to.contain(`?format=bibtex`);
      expect(html).to.contain(`?format=ris`);
      expect(html).to.contain('Data availability statement');
      expect(html).to.match(/(is available|can be accessed) in the/);
      for (const name of ['schemaorg', 'datacite-json', 'datacite-xml', 'rdfxml', 'turtle', 'ntriples']) expect(html).to.contain(`?format=${name}"`);
      expect(html).to.contain('<meta name="citation_title" content="Spatial transcriptome of the developing mouse brain">');
      expect(html).to.contain('<meta name="citation_doi" content="10.12345/landing.1">');
      expect(html).to.contain('<meta name="citation_author" content="Carberry, Josiah">');
      expect(html).to.contain('<meta name="description" content="Single-cell counts of the developing cortex.">');
      expect(html).to.not.contain('noindex');
    });

    it('carries the Signposting links in <head>', async () => {
      const { html } = await page(`/records/${accession}`);
      const head = between(html, /<head>/, '</head>');
      expect(head).to.contain('<link rel="cite-as" href="https://doi.org/10.12345/landing.1">');
      expect(head).to.contain(`<link rel="author" href="${ORCID_A}">`);
      expect(head).to.match(/<link rel="describedby" href="[^"]+\?format=schemaorg" type="application\/ld\+json">/);
      expect(head).to.contain('<link rel="item" href="https://files.example.org/landing/counts.h5ad" type="application/x-hdf5">');
    });

    it('embeds the schema.org JSON-LD as served by ?format=schemaorg', async () => {
      const { html } = await page(`/records/${accession}`);
      const embedded = JSON.parse(between(html, /<script type="application\/ld\+json">/, '</script>'));
      const served = await (await get(`/records/${accession}?format=schemaorg`)).json();
      expect(embedded).to.deep.equal(served);
    });

    it('links the versions', async () => {
      const first = (await page(`/records/${accession}`)).html;
      const second = (await page(`/records/${v2}`)).html;
      expect(first).to.contain('id="versions-heading"');
      expect(first).to.contain(`/records/${v2}" rel="next"`);
      expect(second).to.contain(`/records/${accession}" rel="prev"`);
    });
  });

  it('states controlled access, its conditions and how to apply, without download links', async () => {
    const { html } = await page(`/records/${controlled}`);
    expect(html).to.contain('Controlled access');
    expect(html).to.contain('Apply to the data access committee.');
    expect(html).to.contain('Thanks to the cohort.');
    expect(html).to.contain('counts.h5ad');
    expect(html).to.not.contain('href="https://files.example.org/landing/counts.h5ad"');
  });

  it('shows the source and terms of an imported record verbatim', async () => {
    const { html } = await page(`/records/${imported}`);
    expect(html).to.contain('Source and terms');
    expect(html).to.contain('Example Archive');
    expect(html).to.contain('EGAS00001000001');
    expect(html).to.contain('Archive licence v2');
    expect(html).to.contain('Use only for research; cite the archive.');
  });

  it('renders a hostile title as text, in the body and in the JSON-LD', async () => {
    const { html } = await page(`/records/${hostile}`);
    expect(html).to.not.contain('<script>alert(1)</script>');
    expect(html).to.contain('Evil &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    const jsonLd = between(html, /<script type="application\/ld\+json">/, '</script>');
    expect(JSON.parse(jsonLd).name).to.equal('Evil </script><script>alert(1)</script> & "quotes"');
    expect(html.match(/<script[\s>]/g)).to.have.length(2);
  });

  it('answers a withdrawn record with a 410 tombstone page', async () => {
    const { response, html } = await page(`/records/${withdrawn}`);
    expect(response.status).to.equal(410);
    expect(response.headers.get('content-type')).to.match(/^text\/html/);
    expect(html).to.contain('Soon withdrawn');
    expect(html).to.contain('Carberry, Josiah');
    expect(html).to.contain('10.12345/landing.5');
    expect(html).to.contain('This record was withdrawn');
    expect(html).to.contain('Consent withdrawn by participants');
    expect(html).to.match(/Withdrawn on <time datetime="\d{4}-\d{2}-\d{2}T/);
    expect(html).to.contain('id="cite-heading"');
    expect(html).to.not.contain('counts.h5ad');
  });

  describe('the reviewer view', () => {
    const reviewLink = async (body: unknown) => {
      const accession = await (await server.request('POST', '/api/v1/records', { token: ADMIN_TOKEN, json: richRecord({ status: 'draft', doi: undefined, cstr: undefined, titles: [{ title: 'Under review' }] }) })).json();
      const link = await (await server.request('POST', `/api/v1/records/${accession.accession}/review-links`, { token: ADMIN_TOKEN, json: body })).json();
      return (link.url as string).replace('http://localhost:8080', server.url);
    };

    it('shows the page with a banner, noindex and no Signposting', async () => {
      const response = await fetch(await reviewLink({}), { headers: { Accept: BROWSER_ACCEPT }, redirect: 'manual' });
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/html/);
      expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
      expect(response.headers.get('content-security-policy')).to.contain("default-src 'none'");
      const html = await response.text();
      expect(html).to.contain('Not yet public — reviewer view');
      expect(html).to.contain('<meta name="robots" content="noindex, nofollow">');
      expect(html).to.contain('Under review');
      expect(html).to.contain('Carberry, Josiah');
      expect(html).to.not.match(/<link rel=/);
    });

    it('hides the creators in anonymous mode', async () => {
      const html = await (await fetch(await reviewLink({ anonymous: true }), { headers: { Accept: BROWSER_ACCEPT } })).text();
      expect(html).to.contain('Not yet public — reviewer view');
      expect(html).to.not.contain('Carberry');
    });
  });
});
