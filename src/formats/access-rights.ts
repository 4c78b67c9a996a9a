/**
 * The COAR access right of a record (https://vocabularies.coar-repositories.org/access_rights/), as
 * OpenAIRE and DataCite consumers expect it in the rights of every record, with its counterpart in the
 * info:eu-repo-Access-Terms that OpenAIRE reads in oai_dc. Decided here only, so that every output states
 * the same access right.
 */
import type { FairRecord } from '../model/schema.js';

export interface AccessRight {
  label: string;
  /** The COAR concept URI. */
  uri: string;
  /** The info:eu-repo-Access-Terms URI of the OpenAIRE Guidelines (oai_dc). */
  euRepoUri: string;
}

export const COAR_ACCESS_RIGHT_NAMESPACE = 'http://purl.org/coar/access_right/';
const EU_REPO_ACCESS_RIGHT_NAMESPACE = 'info:eu-repo/semantics/';

export const OPEN_ACCESS: AccessRight = { label: 'open access', uri: `${COAR_ACCESS_RIGHT_NAMESPACE}c_abf2`, euRepoUri: `${EU_REPO_ACCESS_RIGHT_NAMESPACE}openAccess` };
export const EMBARGOED_ACCESS: AccessRight = {
  label: 'embargoed access',
  uri: `${COAR_ACCESS_RIGHT_NAMESPACE}c_f1cf`,
  euRepoUri: `${EU_REPO_ACCESS_RIGHT_NAMESPACE}embargoedAccess`,
};
export const RESTRICTED_ACCESS: AccessRight = {
  label: 'restricted access',
  uri: `${COAR_ACCESS_RIGHT_NAMESPACE}c_16ec`,
  euRepoUri: `${EU_REPO_ACCESS_RIGHT_NAMESPACE}restrictedAccess`,
};
/** info:eu-repo has no metadata-only term: closed access is its word for data nobody outside can reach. */
export const METADATA_ONLY_ACCESS: AccessRight = {
  label: 'metadata only access',
  uri: `${COAR_ACCESS_RIGHT_NAMESPACE}c_14cb`,
  euRepoUri: `${EU_REPO_ACCESS_RIGHT_NAMESPACE}closedAccess`,
};

const ACCESS_RIGHTS = [OPEN_ACCESS, EMBARGOED_ACCESS, RESTRICTED_ACCESS, METADATA_ONLY_ACCESS];
const EU_REPO_ACCESS_RIGHT_URIS = new Set(ACCESS_RIGHTS.map((right) => right.euRepoUri));

/** Every way a source names an access right, in lower case: COAR URI and label, info:eu-repo term. */
const ACCESS_RIGHT_NAMES = new Map<string, AccessRight>([
  ...ACCESS_RIGHTS.flatMap((right) => [right.uri, right.euRepoUri, right.label].map((name) => [name.toLowerCase(), right] as const)),
  ['closed access', METADATA_ONLY_ACCESS],
]);

/** Renderers have no clock: an embargo end date counts as an embargo whether or not it has passed. */
export function accessRight(access: FairRecord['access']): AccessRight {
  switch (access.level) {
    case 'registered':
    case 'controlled':
      return RESTRICTED_ACCESS;
    case 'private':
      // Nobody outside the depositors can reach the data; whatever metadata is shown is all there is.
      return METADATA_ONLY_ACCESS;
    case 'public':
      return access.embargoEnd ? EMBARGOED_ACCESS : OPEN_ACCESS;
  }
}

export function isCoarAccessRightUri(uri: string | undefined): boolean {
  return uri !== undefined && uri.startsWith(COAR_ACCESS_RIGHT_NAMESPACE);
}

/** A COAR or info:eu-repo access right: what an imported record says about access, not a licence. */
export function isAccessRightUri(uri: string | undefined): boolean {
  return isCoarAccessRightUri(uri) || (uri !== undefined && EU_REPO_ACCESS_RIGHT_URIS.has(uri.trim()));
}

/**
 * The access right a rights statement names, or undefined when it names none (a licence, say): a COAR
 * access right or info:eu-repo access term in any letter case, http or https, with or without a trailing
 * slash, or a COAR label such as "open access".
 */
export function accessRightFromText(text: string | undefined): AccessRight | undefined {
  const key = text
    ?.trim()
    .toLowerCase()
    .replace(/^https:/, 'http:')
    .replace(/\/+$/, '');
  return key ? ACCESS_RIGHT_NAMES.get(key) : undefined;
}

/** The date term by which the OpenAIRE Guidelines state in oai_dc when an embargo ends. */
export function euRepoEmbargoEnd(access: FairRecord['access']): string | undefined {
  return access.level === 'public' && access.embargoEnd ? `info:eu-repo/date/embargoEnd/${access.embargoEnd}` : undefined;
}
