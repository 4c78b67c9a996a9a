/**
 * The COAR access right of a record (https://vocabularies.coar-repositories.org/access_rights/), as
 * OpenAIRE and DataCite consumers expect it in the rights of every record. Decided here only, so that
 * every output states the same access right.
 */
import type { FairRecord } from '../model/schema.js';

export interface AccessRight {
  label: string;
  uri: string;
}

export const COAR_ACCESS_RIGHT_NAMESPACE = 'http://purl.org/coar/access_right/';

export const OPEN_ACCESS: AccessRight = { label: 'open access', uri: `${COAR_ACCESS_RIGHT_NAMESPACE}c_abf2` };
export const EMBARGOED_ACCESS: AccessRight = { label: 'embargoed access', uri: `${COAR_ACCESS_RIGHT_NAMESPACE}c_f1cf` };
export const RESTRICTED_ACCESS: AccessRight = { label: 'restricted access', uri: `${COAR_ACCESS_RIGHT_NAMESPACE}c_16ec` };
export const METADATA_ONLY_ACCESS: AccessRight = { label: 'metadata only access', uri: `${COAR_ACCESS_RIGHT_NAMESPACE}c_14cb` };

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
