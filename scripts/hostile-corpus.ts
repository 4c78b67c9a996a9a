/**
 * Writes the hostile-input corpus, test/fixtures/hostile/*.json: one request per file, against every
 * input surface, with what a correct server answers. Large payloads are described (`repeat`), not stored.
 *   node --import tsx scripts/hostile-corpus.ts
 * test/reliability/hostile-input.test.ts sends each case and checks the answer, that the server is still
 * up, and that stored data did not change.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A request body: text, JSON, raw bytes (base64), or one text repeated `times` (after a prefix, before a
 * suffix, and followed by `closing` as many times: `<a>` … `</a>`).
 */
export type HostileBody = { text: string } | { json: unknown } | { base64: string } | { repeat: string; times: number; prefix?: string; suffix?: string; closing?: string };

export interface HostileCase {
  name: string;
  surface: string;
  request: {
    method: string;
    path: string;
    /** `admin` sends the test server's admin token. */
    token?: 'admin';
    headers?: Record<string, string>;
    body?: HostileBody;
  };
  /**
   * `refused`: a 4xx (`status` when given) whose message names the problem (`mentions`); nothing stored.
   * `oai-error`: an OAI-PMH error document with this code; nothing stored.
   * `answered`: a 2xx or 3xx that tells the caller what it asked (a check report, a representation).
   * `kept`: the record is stored, and `value` comes back verbatim at `pointer`.
   */
  expect:
    | { kind: 'refused'; status?: number; mentions?: string }
    | { kind: 'oai-error'; code: string }
    | { kind: 'answered'; mentions?: string }
    | { kind: 'kept'; pointer: string; value: string };
}

const cases: HostileCase[] = [];
const add = (surface: string, name: string, request: HostileCase['request'], expect: HostileCase['expect']) => cases.push({ name: `${surface}: ${name}`, surface, request, expect });

const FIFTY_MB = 50 * 1024 * 1024;
const json = { 'Content-Type': 'application/json' };
const mergePatch = { 'Content-Type': 'application/merge-patch+json' };
const record = (overrides: Record<string, unknown> = {}) => ({
  titles: [{ title: 'A hostile test record' }],
  creators: [{ name: 'Doe, Jane' }],
  publisher: { name: 'Example Data Centre' },
  publicationYear: 2026,
  types: { resourceTypeGeneral: 'Dataset' },
  ...overrides,
});
const invalidUtf8 = (before: string, after: string) => ({ base64: Buffer.concat([Buffer.from(before), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(after)]).toString('base64') });

// ── The JSON API: records created and patched ──────────────────────────────────────────────────────────
const create = (name: string, body: HostileBody, expect: HostileCase['expect'], headers: Record<string, string> = json) =>
  add('records API', `create, ${name}`, { method: 'POST', path: '/api/v1/records', token: 'admin', headers, body }, expect);
const patch = (name: string, body: HostileBody, expect: HostileCase['expect']) =>
  add('records API', `patch, ${name}`, { method: 'PATCH', path: '/api/v1/records/FH0000001', token: 'admin', headers: mergePatch, body }, expect);

create('not JSON', { text: '{"titles": [' }, { kind: 'refused', status: 400, mentions: 'JSON' });
create('JSON nested 100,000 arrays deep', { repeat: '[', times: 100_000, closing: ']' }, { kind: 'refused' });
create('JSON nested 100,000 objects deep', { repeat: '{"a":', times: 100_000, suffix: '1', closing: '}' }, { kind: 'refused' });
create('a 50 MB body', { repeat: 'a', times: FIFTY_MB, prefix: '{"titles":[{"title":"', suffix: '"}]}' }, { kind: 'refused', status: 413 });
create('bytes that are not UTF-8', invalidUtf8('{"titles":[{"title":"', '"}]}'), { kind: 'refused', status: 400, mentions: 'not UTF-8' });
create('an empty body', { text: '' }, { kind: 'refused', status: 400, mentions: 'empty' });
create('a JSON string instead of an object', { json: 'record' }, { kind: 'refused' });
create('a JSON array instead of an object', { json: [record()] }, { kind: 'refused' });
create('null', { text: 'null' }, { kind: 'refused' });
create('a body sent as text/plain', { text: JSON.stringify(record()) }, { kind: 'refused', status: 415 }, { 'Content-Type': 'text/plain' });
create('a body sent as XML', { text: '<record/>' }, { kind: 'refused', status: 415 }, { 'Content-Type': 'application/xml' });
create('__proto__ smuggled in', { text: JSON.stringify(record()).replace(/^\{/, '{"__proto__":{"role":"admin"},') }, { kind: 'refused', status: 400, mentions: '__proto__' });
create('constructor.prototype smuggled in', { json: record({ constructor: { prototype: { role: 'admin' } } }) }, { kind: 'refused', status: 422 });
create('an unknown top-level field', { json: record({ isAdmin: true }) }, { kind: 'refused', status: 422, mentions: 'isAdmin' });
create('a title of 20,000 characters', { json: record({ titles: [{ title: 'x'.repeat(20_000) }] }) }, { kind: 'refused', status: 422, mentions: '/titles/0/title' });
create('a title holding NUL', { json: record({ titles: [{ title: 'before\u0000after' }] }) }, { kind: 'refused', status: 422, mentions: '/titles/0/title' });
for (const code of [0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x1f]) {
  create(`a title holding control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`, { json: record({ titles: [{ title: `a${String.fromCharCode(code)}b` }] }) }, { kind: 'refused', status: 422, mentions: '/titles/0/title' });
}
create('a title holding DEL (U+007F), which XML carries, kept verbatim', { json: record({ titles: [{ title: 'a\u007fb' }] }) }, { kind: 'kept', pointer: '/titles/0/title', value: 'a\u007fb' });
create('a title holding U+FFFE', { json: record({ titles: [{ title: 'a\ufffeb' }] }) }, { kind: 'refused', status: 422, mentions: '/titles/0/title' });
create('a title holding a lone surrogate', { text: JSON.stringify(record()).replace('A hostile test record', 'a\\ud800b') }, { kind: 'refused', status: 422, mentions: '/titles/0/title' });
for (const [label, text] of <Array<[string, string]>>[
  ['SQL comment and DROP', "Robert'); DROP TABLE records;--"],
  ['SQL tautology', "' OR '1'='1"],
  ['SQL UNION', "x' UNION SELECT token_hash FROM tokens--"],
  ['LIKE wildcards', '100%_match\\'],
  ['FTS5 query syntax', 'NEAR("a" "b") OR title:* AND -x'],
  ['tsquery syntax', "a & !b | c:* <-> 'd'"],
  ['HTML and script', '<script>alert(1)</script><img src=x onerror=alert(1)>'],
  ['XML markup and entities', '<![CDATA[x]]> &amp; &lt;tag&gt; ]]>'],
  ['JSON-LD keywords', '{"@context": "http://evil.example/", "@id": "x"}'],
  ['a BibTeX breakout', '}, author = {Mallory}, note = {'],
  ['a RIS breakout', 'x\nER  - \nTY  - JOUR'],
  ['right-to-left override', 'abc\u202Etxt.exe'],
  ['combining marks', 'Z\u0351\u0359\u0345a\u0334l\u0336g\u0352o'],
  ['astral characters', '𝔉𝔄ℑℜ 🧬 data'],
  ['Unicode line separators', 'one\u2028two\u2029three'],
]) {
  create(`a title holding ${label}, kept verbatim`, { json: record({ titles: [{ title: text }] }) }, { kind: 'kept', pointer: '/titles/0/title', value: text });
}
for (const [label, accession] of <Array<[string, string]>>[
  ['path traversal', '../../etc/passwd'],
  ['an encoded path traversal', '%2e%2e%2fetc'],
  ['a slash', 'FH/0000001'],
  ['fullwidth digits', 'FH０００００９９'],
  ['Cyrillic letters that look Latin', 'ЕН0000099'],
  ['a zero-width space', 'FH00\u200B00099'],
  ['a trailing newline', 'FH0000099\n'],
  ['SQL', "FH1' OR '1'='1"],
  ['NUL', 'FH\u00000000099'],
  ['a 300-character value', 'F'.repeat(300)],
]) {
  create(`an accession with ${label}`, { json: record({ accession }) }, { kind: 'refused', status: 422, mentions: '/accession' });
}
for (const [label, doi] of <Array<[string, string]>>[
  ['no prefix', 'abc'],
  ['a URL of another scheme', 'javascript:alert(1)'],
  ['a Cyrillic prefix', '１0.5555/x'],
  ['whitespace inside', '10.5555/a b'],
  ['a zero-width space', '10.5555/ab\u200Bc'],
  ['NUL', '10.5555/a\u0000b'],
  ['a newline', '10.5555/ab\nc'],
  ['an overlong suffix', `10.5555/${'x'.repeat(20_000)}`],
]) {
  create(`a DOI with ${label}`, { json: record({ doi }) }, { kind: 'refused', status: 422, mentions: '/doi' });
}
for (const [label, cstr] of <Array<[string, string]>>[
  ['no prefix', 'CSTR:abc'],
  ['a zero-width space', 'CSTR:31253.11.\u200Bsciencedb'],
  ['path traversal', 'CSTR:../../x'],
]) {
  create(`a CSTR with ${label}`, { json: record({ cstr }) }, { kind: 'refused', status: 422, mentions: '/cstr' });
}
create('100,000 creators', { repeat: '{"name":"C"},', times: 99_999, prefix: JSON.stringify(record()).replace(/"creators":\[[^\]]*\]/, '"creators":[').split('"creators":[')[0] + '"creators":[', suffix: '{"name":"C"}],"publisher":{"name":"P"},"publicationYear":2026,"types":{"resourceTypeGeneral":"Dataset"}}' }, { kind: 'refused', status: 422, mentions: '/creators' });
create('a publication year of 1e309', { text: JSON.stringify(record()).replace('2026', '1e309') }, { kind: 'refused', status: 422, mentions: '/publicationYear' });
create('a negative publication year', { json: record({ publicationYear: -5 }) }, { kind: 'refused', status: 422, mentions: '/publicationYear' });
create('a publication year as an object', { json: record({ publicationYear: { $gt: 0 } }) }, { kind: 'refused', status: 422, mentions: '/publicationYear' });
create('an access level that does not exist', { json: record({ access: { level: 'public; DROP TABLE records' } }) }, { kind: 'refused', status: 422, mentions: '/access/level' });
create('a release date that is not a date', { json: record({ access: { level: 'public', releaseDate: '2026-02-30' } }) }, { kind: 'refused', status: 422, mentions: '/access/releaseDate' });
create('a release date in year 99999', { json: record({ access: { level: 'public', releaseDate: '99999-01-01' } }) }, { kind: 'refused', status: 422, mentions: '/access/releaseDate' });
create('a file URL with javascript:', { json: record({ files: [{ name: 'a.csv', url: 'javascript:alert(1)' }] }) }, { kind: 'refused', status: 422, mentions: '/files/0' });
create('a file name with path traversal', { json: record({ files: [{ name: '../../../etc/passwd', size: 1 }] }) }, { kind: 'refused', status: 422, mentions: '/files/0/name' });
create('a related identifier of an unknown type', { json: record({ relatedIdentifiers: [{ relatedIdentifier: 'x', relatedIdentifierType: 'EVIL', relationType: 'Cites' }] }) }, { kind: 'refused', status: 422 });
create('a status the client may not set', { json: record({ status: 'withdrawn' }) }, { kind: 'refused', status: 422, mentions: '/status' });
// RFC 8259 lets a parser ignore a byte-order mark.
create('a byte-order mark before the JSON', { text: '\uFEFF' + JSON.stringify(record()) }, { kind: 'kept', pointer: '/titles/0/title', value: 'A hostile test record' });
patch('not JSON', { text: '{"titles": [' }, { kind: 'refused', status: 400 });
patch('a merge patch nested 100,000 objects deep', { repeat: '{"a":', times: 100_000, suffix: '1', closing: '}' }, { kind: 'refused' });
patch('a merge patch nested 5,000 objects deep under a known field', { text: `{"access":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}` }, { kind: 'refused', status: 400, mentions: 'nested more than' });
patch('a title holding NUL', { json: { titles: [{ title: 'a\u0000b' }] } }, { kind: 'refused', status: 422, mentions: '/titles/0/title' });
patch('__proto__ smuggled in', { text: '{"__proto__":{"role":"admin"}}' }, { kind: 'refused', status: 400, mentions: '__proto__' });
patch('a 50 MB body', { repeat: 'a', times: FIFTY_MB, prefix: '{"titles":[{"title":"', suffix: '"}]}' }, { kind: 'refused', status: 413 });
patch('bytes that are not UTF-8', invalidUtf8('{"titles":[{"title":"', '"}]}'), { kind: 'refused', status: 400, mentions: 'not UTF-8' });
add('records API', 'withdraw with a reason of 100,000 characters', { method: 'DELETE', path: '/api/v1/records/FH0000001', token: 'admin', headers: json, body: { repeat: 'x', times: 100_000, prefix: '{"reason":"', suffix: '"}' } }, { kind: 'refused', status: 422, mentions: '/reason' });
add('records API', 'list with page[size]=10^12', { method: 'GET', path: '/api/v1/records?page[size]=1000000000000' }, { kind: 'refused', status: 400, mentions: 'page[size]' });
add('records API', 'list with a forged cursor', { method: 'GET', path: "/api/v1/records?page[cursor]=1'%20OR%201=1" }, { kind: 'refused', status: 400, mentions: 'page[cursor]' });
add('records API', 'list with q holding SQL', { method: 'GET', path: "/api/v1/records?q=%27%29%3B%20DROP%20TABLE%20records%3B--" }, { kind: 'answered' });
add('records API', 'a bearer token of 10,000 characters', { method: 'POST', path: '/api/v1/records', headers: { ...json, Authorization: `Bearer ${'x'.repeat(10_000)}` }, body: { json: record() } }, { kind: 'refused', status: 401 });
add('records API', 'a Basic authorization', { method: 'POST', path: '/api/v1/records', headers: { ...json, Authorization: 'Basic YWRtaW46YWRtaW4=' }, body: { json: record() } }, { kind: 'refused', status: 401 });
add('records API', 'a bearer token holding SQL', { method: 'POST', path: '/api/v1/records', headers: { ...json, Authorization: "Bearer ' OR '1'='1" }, body: { json: record() } }, { kind: 'refused', status: 401 });

// ── Identifiers in paths ───────────────────────────────────────────────────────────────────────────────
for (const [label, segment] of <Array<[string, string]>>[
  ['path traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['a double-encoded traversal', '%252e%252e%252fetc'],
  ['NUL', 'FH%000000001'],
  ['bytes that are not UTF-8', 'FH%ff%fe'],
  ['fullwidth digits', 'FH%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%91'],
  ['Cyrillic look-alikes', '%D0%95%D0%9D0000001'],
  ['a zero-width space', 'FH0000%E2%80%8B001'],
  ['SQL', "FH1'%20OR%20'1'%3D'1"],
  ['a 4,000-character value', 'F'.repeat(4_000)],
]) {
  add('identifiers in paths', `/records/ with ${label}`, { method: 'GET', path: `/records/${segment}`, headers: { Accept: 'application/ld+json' } }, { kind: 'refused', status: 404 });
  add('identifiers in paths', `/api/v1/records/ with ${label}`, { method: 'GET', path: `/api/v1/records/${segment}` }, { kind: 'refused', status: 404 });
}
for (const [label, path] of <Array<[string, string]>>[
  ['a DOI with traversal', '/doi/10.5555/..%2F..%2Fadmin'],
  ['a DOI with NUL', '/doi/10.5555/a%00b'],
  ['a DOI that is not UTF-8', '/doi/10.5555/%ff'],
  ['a DOI with look-alike digits', '/doi/%EF%BC%91%EF%BC%90.5555/x'],
  ['a CSTR with traversal', '/cstr/..%2F..%2Fx'],
  ['a CSTR with SQL', "/cstr/1'%20OR%20'1'%3D'1"],
  ['the resolver with NUL', '/api/v1/resolve?id=%00'],
  ['the resolver with a javascript: URL', '/api/v1/resolve?id=javascript:alert(1)'],
  ['a review token of 5,000 characters', `/review/${'a'.repeat(5_000)}`],
  ['a review token with traversal', '/review/..%2F..%2Fetc%2Fpasswd'],
  ['a forged review token', '/review/eyJhbGciOiJub25lIn0.eyJyZWNvcmQiOiJGSDAwMDAwMDEifQ.'],
  ['a collection spec with traversal', '/api/v1/collections/..%2F..%2Fx'],
  ['a harvest source with SQL', "/api/v1/harvest-sources/x'%20OR%201=1"],
  ['a sitemap file with traversal', '/sitemaps/..%2F..%2Fpackage.json'],
  ['the latest version of a traversal', '/records/..%2F..%2Fx/latest'],
]) {
  add('identifiers in paths', label, { method: 'GET', path }, { kind: 'refused' });
}

// ── Imports: every format, with hostile documents ──────────────────────────────────────────────────────
const XML_FORMATS = ['datacite-xml', 'oai_dc', 'oai_datacite'];
const JSON_FORMATS = ['datacite-json', 'schemaorg', 'invenio', 'dataverse', 'biostudies'];
const importing = (format: string, name: string, body: HostileBody, expect: HostileCase['expect'] = { kind: 'refused' }) =>
  add('import API', `${format}, ${name}`, { method: 'POST', path: `/api/v1/import?format=${format}`, token: 'admin', headers: { 'Content-Type': format.includes('json') || JSON_FORMATS.includes(format) ? 'application/json' : 'application/xml' }, body }, expect);
const datacite = (inner: string) =>
  `<?xml version="1.0"?>${inner}<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">10.5555/x</identifier><creators><creator><creatorName>&x;</creatorName></creator></creators><titles><title>T</title></titles><publisher>P</publisher><publicationYear>2020</publicationYear><resourceType resourceTypeGeneral="Dataset"/></resource>`;
for (const format of XML_FORMATS) {
  importing(format, 'an external entity reading /etc/passwd (XXE)', { text: datacite('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>') });
  importing(format, 'an external entity fetching a URL (SSRF)', { text: datacite('<!DOCTYPE r [<!ENTITY x SYSTEM "http://169.254.169.254/latest/meta-data/">]>') });
  importing(format, 'a parameter entity', { text: datacite('<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p; <!ENTITY x "x">]>') });
  importing(format, 'billion laughs', {
    text: datacite(`<!DOCTYPE r [<!ENTITY x0 "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY x${i + 1} "${`&x${i};`.repeat(10)}">`).join('')}<!ENTITY x "&x9;">]>`),
  });
  importing(format, 'quadratic blowup', { text: datacite(`<!DOCTYPE r [<!ENTITY a "${'a'.repeat(5_000)}"><!ENTITY x "${'&a;'.repeat(1_000)}">]>`) });
  importing(format, 'elements nested 100,000 deep', { repeat: '<a>', times: 100_000, prefix: '<?xml version="1.0"?>', closing: '</a>' });
  importing(format, 'bytes that are not UTF-8', invalidUtf8('<?xml version="1.0"?><resource><title>', '</title></resource>'));
  importing(format, 'a NUL character', { text: '<?xml version="1.0"?><resource>\u0000</resource>' });
  importing(format, 'a 50 MB document', { repeat: '<a/>', times: FIFTY_MB / 4, prefix: '<?xml version="1.0"?><r>', suffix: '</r>' });
  importing(format, 'text that is not XML', { text: 'this is not XML at all' });
  importing(format, 'an unclosed element', { text: '<?xml version="1.0"?><resource><titles>' });
  importing(format, 'an XInclude of a local file', { text: '<?xml version="1.0"?><r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/></r>' });
  importing(format, 'a declared UTF-16 encoding over UTF-8 bytes', { text: '<?xml version="1.0" encoding="UTF-16"?><resource/>' });
}
for (const format of JSON_FORMATS) {
  importing(format, 'text that is not JSON', { text: '{"data": [' });
  importing(format, 'JSON nested 100,000 deep', { repeat: '[', times: 100_000, closing: ']' });
  importing(format, 'bytes that are not UTF-8', invalidUtf8('{"data":{"attributes":{"titles":[{"title":"', '"}]}}}'));
  importing(format, 'a 50 MB document', { repeat: ' ', times: FIFTY_MB, prefix: '{"data":', suffix: '1}' });
  importing(format, '__proto__ smuggled in', { text: '{"__proto__":{"role":"admin"},"data":{"attributes":{}}}' });
  importing(format, 'an empty object', { json: {} });
}
add('import API', 'a DataCite record whose title holds NUL', { method: 'POST', path: '/api/v1/import?format=datacite-json', token: 'admin', headers: json, body: { json: { data: { id: '10.5555/nul', attributes: { doi: '10.5555/nul', titles: [{ title: 'a\u0000b' }], creators: [{ name: 'Doe, J' }], publisher: 'P', publicationYear: 2020, types: { resourceTypeGeneral: 'Dataset' } } } } } }, { kind: 'refused', status: 422, mentions: 'U+0000' });
add('import API', 'a format name with path traversal', { method: 'POST', path: '/api/v1/import?format=..%2F..%2Fetc%2Fpasswd', token: 'admin', headers: json, body: { json: {} } }, { kind: 'refused', status: 400, mentions: 'format' });
add('import API', 'a source name holding SQL', { method: 'POST', path: "/api/v1/import?format=datacite-json&source=x'%3B%20DROP%20TABLE%20records", token: 'admin', headers: json, body: { json: { data: [] } } }, { kind: 'refused', status: 400, mentions: 'source must be' });
add('import API', 'without a token', { method: 'POST', path: '/api/v1/import?format=datacite-json', headers: json, body: { json: { data: [] } } }, { kind: 'refused', status: 401 });
add('import API', 'an empty body', { method: 'POST', path: '/api/v1/import?format=datacite-json', token: 'admin', headers: json, body: { text: '' } }, { kind: 'refused', status: 400, mentions: 'empty' });

// ── Harvest sources ──────────────────────────────────────────────────────────────────────────────────
const source = (name: string, body: unknown) =>
  add('harvest sources API', name, { method: 'POST', path: '/api/v1/harvest-sources', token: 'admin', headers: json, body: { json: body } }, { kind: 'refused', status: 422 });
source('a base URL with file:', { name: 'evil', baseUrl: 'file:///etc/passwd' });
source('a base URL with javascript:', { name: 'evil', baseUrl: 'javascript:alert(1)' });
source('a name with path traversal', { name: '../../x', baseUrl: 'https://example.org/oai' });
source('a name holding SQL', { name: "x'; DROP TABLE records;--", baseUrl: 'https://example.org/oai' });
source('a base URL of 10,000 characters', { name: 'long', baseUrl: `https://example.org/${'a'.repeat(10_000)}` });

// ── OAI-PMH arguments ────────────────────────────────────────────────────────────────────────────────
const oai = (name: string, query: string, code: string) => add('OAI-PMH', name, { method: 'GET', path: `/oai?${query}` }, { kind: 'oai-error', code });
oai('no verb', '', 'badVerb');
oai('a verb holding script', 'verb=%3Cscript%3Ealert(1)%3C/script%3E', 'badVerb');
oai('a verb holding SQL', "verb=Identify'%20OR%201=1", 'badVerb');
oai('a repeated verb', 'verb=Identify&verb=ListSets', 'badVerb');
oai('a repeated argument', 'verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', 'badArgument');
oai('an unknown argument', 'verb=Identify&debug=1', 'badArgument');
oai('a NUL in an argument', 'verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost.localdomain:FH%000000001', 'idDoesNotExist');
oai('bytes that are not UTF-8 in an argument', 'verb=GetRecord&metadataPrefix=oai_dc&identifier=%ff%fe', 'idDoesNotExist');
oai('an identifier with path traversal', 'verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost.localdomain:..%2F..%2Fetc%2Fpasswd', 'idDoesNotExist');
oai('an identifier with SQL', "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost.localdomain:FH1'%20OR%20'1'%3D'1", 'idDoesNotExist');
oai('an identifier with look-alike digits', 'verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost.localdomain:FH%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%91', 'idDoesNotExist');
oai('an identifier of 10,000 characters', `verb=GetRecord&metadataPrefix=oai_dc&identifier=${'x'.repeat(10_000)}`, 'idDoesNotExist');
add('OAI-PMH', 'a request line of 20,000 characters', { method: 'GET', path: `/oai?verb=Identify&x=${'x'.repeat(20_000)}` }, { kind: 'refused', status: 431 });
oai('a metadataPrefix holding markup', 'verb=ListRecords&metadataPrefix=%3Coai_dc%3E', 'cannotDisseminateFormat');
oai('a metadataPrefix with path traversal', 'verb=ListRecords&metadataPrefix=..%2F..%2Fetc%2Fpasswd', 'cannotDisseminateFormat');
oai('a from that is not a date', 'verb=ListRecords&metadataPrefix=oai_dc&from=2026-13-45', 'badArgument');
oai('a from holding SQL', "verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01'%20OR%201=1", 'badArgument');
oai('from and until of different granularities', 'verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2020-01-01T00:00:00Z', 'badArgument');
oai('a year 10000 until', 'verb=ListRecords&metadataPrefix=oai_dc&until=10000-01-01', 'badArgument');
oai('a set holding SQL', "verb=ListRecords&metadataPrefix=oai_dc&set=access:public'%20OR%201=1", 'noRecordsMatch');
oai('a set with path traversal', 'verb=ListRecords&metadataPrefix=oai_dc&set=..%2F..%2Fx', 'noRecordsMatch');
oai('a resumption token that is not base64', 'verb=ListRecords&resumptionToken=%3C%3E%22', 'badResumptionToken');
oai('a resumption token with a forged signature', 'verb=ListRecords&resumptionToken=eyJ2ZXJiIjoiTGlzdFJlY29yZHMifQ.AAAA', 'badResumptionToken');
oai('a resumption token of 10,000 characters', `verb=ListRecords&resumptionToken=${'A'.repeat(10_000)}`, 'badResumptionToken');
oai('a resumption token with another argument', 'verb=ListRecords&resumptionToken=x&metadataPrefix=oai_dc', 'badArgument');
add('OAI-PMH', 'a 50 MB form body', { method: 'POST', path: '/oai', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: { repeat: 'a', times: FIFTY_MB, prefix: 'verb=Identify&x=' } }, { kind: 'refused', status: 413 });
add('OAI-PMH', 'a form body that is not UTF-8', { method: 'POST', path: '/oai', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: invalidUtf8('verb=Identify&x=', '') }, { kind: 'oai-error', code: 'badArgument' });

// ── Content negotiation ──────────────────────────────────────────────────────────────────────────────
const accept = (name: string, value: string, expect: HostileCase['expect']) => add('Accept headers', name, { method: 'GET', path: '/records/FH0000001', headers: { Accept: value } }, expect);
accept('an Accept of 8,000 characters', `application/x-${'a'.repeat(8_000)}`, { kind: 'refused', status: 406 });
accept('200 media types', Array.from({ length: 200 }, (_, i) => `application/x-${i}`).join(', '), { kind: 'refused', status: 406 });
accept('headers larger than the server takes (1,000 media types)', Array.from({ length: 1_000 }, (_, i) => `application/x-${i}`).join(', '), { kind: 'refused', status: 431 });
accept('a q-value that is not a number', 'application/ld+json;q=abc', { kind: 'refused', status: 406, mentions: 'available' });
accept('a q-value of 1e309', 'application/ld+json;q=1e309', { kind: 'answered' });
accept('an unterminated quoted parameter', 'text/x-bibliography; style="apa', { kind: 'answered' });
accept('a citation style with path traversal', 'text/x-bibliography; style=../../../etc/passwd', { kind: 'refused', status: 406 });
accept('a locale holding script', 'text/x-bibliography; locale=<script>', { kind: 'refused', status: 406 });
accept('only commas', ',,,,,,', { kind: 'refused', status: 406 });
accept('wildcard subtype only', '*/json', { kind: 'refused', status: 406 });
accept('a media type with 500 parameters', `application/ld+json${';a=b'.repeat(500)}`, { kind: 'refused', status: 406 });
add('Accept headers', '?format= with path traversal', { method: 'GET', path: '/records/FH0000001?format=..%2F..%2Fetc%2Fpasswd' }, { kind: 'refused', status: 406, mentions: 'format' });
add('Accept headers', '?format= holding script', { method: 'GET', path: '/records/FH0000001?format=%3Cscript%3E' }, { kind: 'refused', status: 406, mentions: 'format' });
add('Accept headers', '?style= with path traversal', { method: 'GET', path: '/records/FH0000001?format=citation&style=..%2F..%2Fpackage' }, { kind: 'refused', status: 406, mentions: 'citation style' });

// ── The journal check ────────────────────────────────────────────────────────────────────────────────
const check = (name: string, body: HostileBody, expect: HostileCase['expect']) => add('check API', name, { method: 'POST', path: '/api/v1/check', headers: json, body }, expect);
for (const [label, id] of <Array<[string, string]>>[
  ['SQL', "10.5555/x' OR '1'='1"],
  ['path traversal', '../../etc/passwd'],
  ['NUL', '10.5555/a\u0000b'],
  ['a zero-width space', '10.5555/ab\u200Bc'],
  ['Cyrillic look-alikes', 'ЕН0000001'],
  ['fullwidth digits', 'FH０００００００１'],
  ['a javascript: URL', 'javascript:alert(1)'],
  ['markup', '<img src=x onerror=alert(1)>'],
  ['a right-to-left override', 'FH0000001\u202E'],
  ['10,000 characters', 'x'.repeat(10_000)],
]) {
  check(`an identifier with ${label}`, { json: { ids: [id] } }, { kind: 'answered' });
}
check('a statement of 2 MB', { repeat: 'data at 10.5555/x ', times: 120_000, prefix: '{"statement":"', suffix: '"}' }, { kind: 'refused' });
check('ids that are not strings', { json: { ids: [{ $ne: null }] } }, { kind: 'refused', status: 400, mentions: '/ids' });
check('10,000 ids', { repeat: '"10.5555/x",', times: 9_999, prefix: '{"ids":[', suffix: '"10.5555/x"]}' }, { kind: 'refused', status: 413, mentions: '/ids' });
check('both ids and a statement', { json: { ids: ['x'], statement: 'y' } }, { kind: 'refused', status: 400 });
check('JSON nested 100,000 deep', { repeat: '{"ids":', times: 100_000, suffix: '1', closing: '}' }, { kind: 'refused' });
check('bytes that are not UTF-8', invalidUtf8('{"ids":["', '"]}'), { kind: 'refused', status: 400, mentions: 'not UTF-8' });
add('check API', 'GET with NUL', { method: 'GET', path: '/api/v1/check?id=%00' }, { kind: 'answered' });
add('check API', 'GET with a repeated id', { method: 'GET', path: '/api/v1/check?id=a&id=b' }, { kind: 'refused', status: 400, mentions: 'id' });
add('check API', 'the HTML form with a 50 MB body', { method: 'POST', path: '/check', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: { repeat: 'a', times: FIFTY_MB, prefix: 'text=' } }, { kind: 'refused', status: 413 });

// ── Search and pages ─────────────────────────────────────────────────────────────────────────────────
for (const [label, q] of <Array<[string, string]>>[
  ['FTS5 syntax', 'NEAR(%22a%22%20%22b%22)%20OR%20*'],
  ['tsquery syntax', "a%20%26%20!b%20%7C%20c%3A*%20%3C-%3E%20'd'"],
  ['unbalanced quotes', '%22%22%22'],
  ['SQL', "%27%29%3B%20DROP%20TABLE%20records%3B--"],
  ['10,000 characters', 'a'.repeat(10_000)],
]) {
  add('search', `a query with ${label}`, { method: 'GET', path: `/search?q=${q}` }, { kind: 'answered' });
}
add('search', 'a query holding NUL', { method: 'GET', path: '/search?q=a%00b' }, { kind: 'answered' });
add('search', 'the records API searching for NUL', { method: 'GET', path: '/api/v1/records?q=%00' }, { kind: 'answered' });
add('identifiers in paths', 'a collection spec holding NUL', { method: 'GET', path: '/api/v1/collections/a%00b' }, { kind: 'refused' });
add('identifiers in paths', 'a harvest source holding NUL', { method: 'GET', path: '/api/v1/harvest-sources/a%00b', token: 'admin' }, { kind: 'refused' });
add('search', 'page 10^12', { method: 'GET', path: '/search?page=1000000000000' }, { kind: 'refused', status: 400, mentions: 'page' });
add('search', 'a facet value holding markup', { method: 'GET', path: '/search?licence=%3Cscript%3Ealert(1)%3C/script%3E' }, { kind: 'answered' });

// ── Headers ──────────────────────────────────────────────────────────────────────────────────────────
add('headers', 'an X-Request-Id that would forge a log line', { method: 'GET', path: '/health', headers: { 'X-Request-Id': '","level":60,"msg":"forged' } }, { kind: 'answered' });
add('headers', 'an X-Forwarded-For of 1,000 addresses', { method: 'GET', path: '/health', headers: { 'X-Forwarded-For': Array.from({ length: 1_000 }, (_, i) => `10.0.${i % 256}.${i % 250}`).join(', ') } }, { kind: 'answered' });
add('headers', 'an If-None-Match of 8,000 characters', { method: 'GET', path: '/records/FH0000001', headers: { 'If-None-Match': `"${'a'.repeat(8_000)}"` } }, { kind: 'answered' });
add('headers', 'an If-Modified-Since that is not a date', { method: 'GET', path: '/records/FH0000001', headers: { 'If-Modified-Since': 'yesterday; DROP TABLE records' } }, { kind: 'answered' });
add('headers', 'a Content-Type with a charset that does not exist', { method: 'POST', path: '/api/v1/records', token: 'admin', headers: { 'Content-Type': 'application/json; charset=evil-1' }, body: { json: record() } }, { kind: 'refused', status: 415 });
add('headers', 'an Origin asking to write', { method: 'POST', path: '/api/v1/records', token: 'admin', headers: { ...json, Origin: 'https://evil.example' }, body: { json: { titles: 'not a list' } } }, { kind: 'refused', status: 422 });

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const directory = fileURLToPath(new URL('../test/fixtures/hostile/', import.meta.url));
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  cases.forEach((hostile, index) => {
    const slug = hostile.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
    writeFileSync(`${directory}${String(index + 1).padStart(3, '0')}-${slug}.json`, JSON.stringify(hostile, null, 1) + '\n');
  });
  console.log(`${cases.length} cases written to ${directory}`);
}
