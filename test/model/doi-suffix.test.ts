import { expect } from 'chai';
import { checkCharacter, isMintedDoiSuffix, mintDoiSuffix } from '../../src/model/doi-suffix.js';
import { normalizeDoi } from '../../src/model/identifiers.js';
import { loadConfig } from '../../src/config.js';

describe('minted DOI suffixes', () => {
  const minted = Array.from({ length: 500 }, () => mintDoiSuffix());

  it('are ten characters in two groups, from an alphabet with nothing a URL or a DOI reserves', () => {
    for (const suffix of minted) {
      expect(suffix).to.match(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
      expect(normalizeDoi(`10.12345/${suffix}`)).to.equal(`10.12345/${suffix}`);
      expect(encodeURIComponent(suffix)).to.equal(suffix);
    }
    expect(new Set(minted).size).to.equal(minted.length);
  });

  it('carry a check character that catches every single mistyped character and every swap of neighbours', () => {
    const suffix = mintDoiSuffix(() => Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(isMintedDoiSuffix(suffix)).to.equal(true);
    const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
    const positions = [0, 1, 2, 3, 4, 6, 7, 8, 9, 10];
    for (const position of positions) {
      for (const replacement of alphabet) {
        if (replacement === suffix[position]) continue;
        const typo = suffix.slice(0, position) + replacement + suffix.slice(position + 1);
        expect(isMintedDoiSuffix(typo), typo).to.equal(false);
      }
    }
    for (let i = 0; i + 1 < positions.length; i++) {
      const [a, b] = [positions[i]!, positions[i + 1]!];
      if (suffix[a] === suffix[b]) continue;
      const chars = [...suffix];
      [chars[a], chars[b]] = [chars[b]!, chars[a]!];
      expect(isMintedDoiSuffix(chars.join('')), chars.join('')).to.equal(false);
    }
  });

  it('accepts the suffix whatever its letter case, as DOIs are compared', () => {
    expect(isMintedDoiSuffix(minted[0]!.toUpperCase())).to.equal(true);
    expect(checkCharacter('000000000')).to.equal('0');
  });
});

describe('DataCite settings', () => {
  const all = { DATACITE_API_URL: 'https://api.test.datacite.org/', DATACITE_REPOSITORY_ID: 'EXAMPLE.REPO', DATACITE_PASSWORD: 'secret', DATACITE_PREFIX: '10.12345' };

  it('are off when none is set, and on, normalized, when all are', () => {
    expect(loadConfig({}).dataCite).to.equal(undefined);
    expect(loadConfig(all).dataCite).to.deep.equal({ apiUrl: 'https://api.test.datacite.org', repositoryId: 'EXAMPLE.REPO', password: 'secret', prefix: '10.12345' });
  });

  it('name what is missing or malformed', () => {
    expect(() => loadConfig({ DATACITE_API_URL: all.DATACITE_API_URL })).to.throw(/missing DATACITE_REPOSITORY_ID, DATACITE_PASSWORD, DATACITE_PREFIX/);
    expect(() => loadConfig({ ...all, DATACITE_PREFIX: '12345' })).to.throw(/DATACITE_PREFIX/);
    expect(() => loadConfig({ ...all, DATACITE_API_URL: 'api.datacite.org' })).to.throw(/DATACITE_API_URL/);
  });
});
