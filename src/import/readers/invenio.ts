/**
 * Invenio record JSON in both of its shapes: InvenioRDM (mappings/invenio-rdm.json) and Zenodo's legacy
 * records (mappings/zenodo-legacy.json). Each record of a document is read with the mapping whose shape it has.
 */
import { crosswalkJson, loadMapping } from '../crosswalk.js';
import type { Reader } from '../import-item.js';

export const readInvenio: Reader = (text) => crosswalkJson(text, [loadMapping('invenio-rdm'), loadMapping('zenodo-legacy')]);

/** A record's metadata beside its persistent identifiers (InvenioRDM) or its concept record (Zenodo legacy). */
export const looksLikeInvenio = (text: string): boolean =>
  /^\uFEFF?\s*[[{]/.test(text) && /"metadata"\s*:\s*\{/.test(text) && /"(pids|conceptrecid)"\s*:/.test(text);
