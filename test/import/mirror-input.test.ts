/**
 * Items prepared ahead of their import (on the reader thread): their mirror's input is the one the
 * importer would build, and validation in two steps (problems found there, the input accepted here)
 * refuses and returns exactly what validating here does.
 */
import { expect } from 'chai';
import { mirrorInput, prepareItem, sourceKey } from '../../src/import/mirror-input.js';
import { ValidationError } from '../../src/model/errors.js';
import { acceptRecordInput, recordInputProblems, validateRecordInput } from '../../src/model/validate.js';
import { minimalRecord } from '../helpers/server.js';

/** What validating gives: the input, or the problems it is refused for. */
function outcome(validate: () => unknown): unknown {
  try {
    return { input: validate() };
  } catch (error) {
    if (error instanceof ValidationError) return { problems: error.problems };
    throw error;
  }
}

const inputs: Record<string, unknown> = {
  valid: minimalRecord({ doi: 'https://doi.org/10.5555/ABC', creators: [{ name: 'Doe, Jane', affiliation: ['Example University'] }] }),
  'not an object': ['a', 'list'],
  'a DOI that is not one, and a field too many': minimalRecord({ doi: 'not a doi', colour: 'blue' }),
  'NUL deep inside': minimalRecord({ creators: [{ name: 'Doe, Jane', affiliation: [{ name: 'Example\u0000University' }] }], subjects: [{ subject: 'a/b~c\u0000' }] }),
  'ESC in a title': minimalRecord({ titles: [{ title: 'Escape \u001b[1m' }] }),
  'a lone surrogate': minimalRecord({ descriptions: [{ description: 'half \ud800 a pair', descriptionType: 'Abstract' }] }),
};

describe('validating a record in two steps', () => {
  for (const origin of ['client', 'source'] as const) {
    for (const [name, input] of Object.entries(inputs)) {
      it(`gives what validating at once gives: ${name}, from a ${origin}`, () => {
        const atOnce = outcome(() => validateRecordInput(input, origin));
        const problems = recordInputProblems(input, origin);
        expect(outcome(() => acceptRecordInput(input as Record<string, unknown>, problems))).to.deep.equal(atOnce);
      });
    }
  }

  it('names each field holding a character no format may carry', () => {
    expect(recordInputProblems(inputs['NUL deep inside'], 'source').map((p) => p.field)).to.deep.equal(['/creators/0/affiliation/0/name', '/subjects/0/subject']);
    expect(recordInputProblems(inputs['ESC in a title'], 'source')).to.deep.equal([]);
    expect(recordInputProblems(inputs['ESC in a title'], 'client').map((p) => p.field)).to.deep.equal(['/titles/0/title']);
  });
});

describe('preparing an item ahead of its import', () => {
  const harvestDate = '2026-05-04T10:00:00.000Z';
  const item = { sourceIdentifier: 'oai:example.org:7', sourceDatestamp: '2026-01-02', record: minimalRecord({ source: { name: 'zenodo', license: 'as stated' } }) };

  it('builds the mirror input the importer builds, and validates it', () => {
    const prepared = prepareItem(item, {}, harvestDate);
    expect(prepared).to.deep.equal({
      sourceIdentifier: 'oai:example.org:7',
      sourceDatestamp: '2026-01-02',
      sourceName: 'zenodo',
      mirror: { input: mirrorInput(item, {}, 'zenodo', harvestDate), problems: [] },
    });
    expect(sourceKey(prepared.sourceName, prepared.sourceIdentifier)).to.equal('zenodo:oai:example.org:7');
    expect(prepareItem(item, { name: 'mine' }, harvestDate).mirror!.input.source).to.include({ name: 'mine', harvestDate, originalIdentifier: 'oai:example.org:7' });
  });

  it('keeps what validation refuses a record for, and prepares nothing for a deletion or an unreadable record', () => {
    const bad = prepareItem({ ...item, record: minimalRecord({ titles: [] }) }, {}, harvestDate);
    expect(bad.mirror!.problems.map((p) => p.field)).to.deep.equal(['/titles']);
    expect(prepareItem({ sourceIdentifier: 'x', deleted: true }, {}, harvestDate)).to.deep.equal({ sourceIdentifier: 'x', deleted: true, sourceName: 'import' });
    expect(prepareItem({ sourceIdentifier: 'y', error: 'unreadable' }, { name: 'src' }, harvestDate)).to.deep.equal({ sourceIdentifier: 'y', error: 'unreadable', sourceName: 'src' });
  });
});
