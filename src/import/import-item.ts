export type { ImportItem } from '../services/import-service.js';
import type { ImportItem } from '../services/import-service.js';

/** Reads one source document (a file, a response body) into items. A document that is not readable at all throws. */
export type Reader = (text: string) => ImportItem[];
