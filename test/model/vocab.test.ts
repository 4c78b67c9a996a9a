import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { extractEnumerations } from '../../scripts/extract-datacite-vocab.js';
import { dataCiteVocabulary } from '../../src/model/vocab.js';

describe('DataCite vocabularies', () => {
  it('are exactly the enumerations of the DataCite 4.7 XSDs', () => {
    const fromXsd = extractEnumerations('test/fixtures/schemas/xml/datacite/kernel-4/include');
    const { source: _source, ...stored } = JSON.parse(readFileSync('vocab/datacite-4.7.json', 'utf8'));
    expect(stored).to.deep.equal(fromXsd);
  });

  it('include the 4.7 additions', () => {
    expect(dataCiteVocabulary.resourceTypeGeneral).to.include.members(['Dataset', 'Award', 'Project']);
    expect(dataCiteVocabulary.relatedIdentifierType).to.include('CSTR');
    expect(dataCiteVocabulary.relationType).to.include.members(['IsIdenticalTo', 'IsNewVersionOf', 'HasTranslation']);
    expect(dataCiteVocabulary.funderIdentifierType).to.include('Crossref Funder ID');
  });
});
