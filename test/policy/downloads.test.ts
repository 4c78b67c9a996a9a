import { expect } from 'chai';
import { ACCESS_LEVELS, RECORD_STATUSES, type AccessLevel } from '../../src/model/schema.js';
import { canDecideAccess, canDownload, downloadDecision, filesOpenToEveryone, type AccessGrant, type DownloadFacts } from '../../src/policy/downloads.js';
import { ANONYMOUS, type Principal } from '../../src/policy/principal.js';
import { isPublic } from '../../src/policy/visibility.js';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const OWNER: Principal = { kind: 'account', accountId: 1, name: 'owner', role: 'submitter' };
const OTHER: Principal = { kind: 'account', accountId: 2, name: 'other', role: 'submitter' };
const CURATOR: Principal = { kind: 'account', accountId: 3, name: 'curator', role: 'curator' };
const REQUESTER: Principal = { kind: 'account', accountId: 4, name: 'requester', role: 'submitter' };

const facts = (accessLevel: AccessLevel, overrides: Partial<DownloadFacts> = {}): DownloadFacts => ({ status: 'released', accessLevel, ownerId: 1, ...overrides });
const approvedUntil = (accessUntil: string): AccessGrant => ({ requesterId: 4, accessUntil });

describe('download policy', () => {
  const callers: Array<[string, Principal, AccessGrant | undefined]> = [
    ['anonymous', ANONYMOUS, undefined],
    ['another submitter', OTHER, undefined],
    ['the owner', OWNER, undefined],
    ['a curator', CURATOR, undefined],
    ['an approved requester', REQUESTER, approvedUntil('2027-01-01T00:00:00.000Z')],
    ['a rejected requester', REQUESTER, undefined],
    ['a requester whose access ended', REQUESTER, approvedUntil('2026-06-15T11:59:59.999Z')],
  ];
  const expected: Record<AccessLevel, boolean[]> = {
    public: [true, true, true, true, true, true, true],
    registered: [false, true, true, true, true, true, true],
    controlled: [false, false, true, true, true, false, false],
    private: [false, false, true, true, false, false, false],
  };

  for (const level of ACCESS_LEVELS) {
    it(`gives ${level} files to exactly the callers its level names`, () => {
      const actual = callers.map(([, principal, grant]) => canDownload(principal, facts(level), NOW, grant));
      expect(Object.fromEntries(callers.map(([name], i) => [name, actual[i]]))).to.deep.equal(Object.fromEntries(callers.map(([name], i) => [name, expected[level][i]])));
    });
  }

  it('STOmicsDB art. 8: controlled data files only after approval', () => {
    expect(downloadDecision(OTHER, facts('controlled'), NOW)).to.deep.equal({ allowed: false, reason: 'approval' });
    expect(canDownload(REQUESTER, facts('controlled'), NOW, approvedUntil('2026-07-01T00:00:00.000Z'))).to.equal(true);
  });

  it('CNGBdb 2.1: access ends with the access period the submitter set', () => {
    const grant = approvedUntil('2026-07-01T00:00:00.000Z');
    expect(canDownload(REQUESTER, facts('controlled'), new Date('2026-06-30T23:59:59.999Z'), grant)).to.equal(true);
    expect(downloadDecision(REQUESTER, facts('controlled'), new Date('2026-07-01T00:00:00.000Z'), grant)).to.deep.equal({
      allowed: false,
      reason: 'approval',
      accessEnded: '2026-07-01T00:00:00.000Z',
    });
  });

  it("honours a grant only for its own requester, never someone else's", () => {
    expect(canDownload(OTHER, facts('controlled'), NOW, approvedUntil('2027-01-01T00:00:00.000Z'))).to.equal(false);
    expect(canDownload(ANONYMOUS, facts('controlled'), NOW, approvedUntil('2027-01-01T00:00:00.000Z'))).to.equal(false);
  });

  it('NBDC 5.1.2: registered access for signed-in users', () => {
    expect(downloadDecision(ANONYMOUS, facts('registered'), NOW)).to.deep.equal({ allowed: false, reason: 'sign-in' });
    expect(canDownload(OTHER, facts('registered'), NOW)).to.equal(true);
  });

  it('journal policy 5(1)B: embargoed files open by themselves on the embargo end date', () => {
    const embargoed = facts('public', { embargoEnd: '2026-06-16' });
    expect(downloadDecision(ANONYMOUS, embargoed, NOW)).to.deep.equal({ allowed: false, reason: 'embargo', opensOn: '2026-06-16' });
    expect(canDownload(OWNER, embargoed, NOW), 'the owner keeps access').to.equal(true);
    expect(canDownload(ANONYMOUS, embargoed, new Date('2026-06-15T23:59:59.999Z'))).to.equal(false);
    expect(canDownload(ANONYMOUS, embargoed, new Date('2026-06-16T00:00:00.000Z'))).to.equal(true);
  });

  it('keeps an embargo on registered and controlled files too, even for an approved requester', () => {
    const grant = approvedUntil('2027-01-01T00:00:00.000Z');
    expect(canDownload(OTHER, facts('registered', { embargoEnd: '2026-09-01' }), NOW)).to.equal(false);
    expect(canDownload(REQUESTER, facts('controlled', { embargoEnd: '2026-09-01' }), NOW, grant)).to.equal(false);
    expect(canDownload(REQUESTER, facts('controlled', { embargoEnd: '2026-09-01' }), new Date('2026-09-01T00:00:00.000Z'), grant)).to.equal(true);
  });

  it('gives the files of unreleased and withdrawn records to nobody but the owner and staff', () => {
    for (const status of ['draft', 'scheduled', 'withdrawn'] as const) {
      const record = facts('public', { status, releaseDate: status === 'scheduled' ? '2026-12-01' : null });
      expect(canDownload(OTHER, record, NOW), status).to.equal(false);
      expect(canDownload(OWNER, record, NOW), status).to.equal(true);
      expect(canDownload(CURATOR, record, NOW), status).to.equal(true);
    }
  });

  it('agrees with filesOpenToEveryone, which the public formats use, on every public record', () => {
    for (const accessLevel of ACCESS_LEVELS) {
      for (const status of RECORD_STATUSES) {
        for (const embargoEnd of [undefined, '2026-06-15', '2026-06-16']) {
          const record = facts(accessLevel, { status, embargoEnd });
          if (!isPublic(record, NOW)) continue;
          const asFormatsSeeIt = filesOpenToEveryone({ status, access: { level: accessLevel, ...(embargoEnd ? { embargoEnd } : {}) } }, NOW);
          expect(canDownload(ANONYMOUS, record, NOW), `${accessLevel} ${status} ${embargoEnd}`).to.equal(asFormatsSeeIt);
        }
      }
    }
  });

  it('lets only the owner and staff decide access requests', () => {
    expect(canDecideAccess(OWNER, facts('controlled'))).to.equal(true);
    expect(canDecideAccess(CURATOR, facts('controlled'))).to.equal(true);
    expect(canDecideAccess(OTHER, facts('controlled'))).to.equal(false);
    expect(canDecideAccess(ANONYMOUS, facts('controlled'))).to.equal(false);
  });
});
