/**
 * One source document (a file, a request body) read into its items with its format, or the one detected.
 * A document that cannot be read at all is one failure, named by the document.
 */
import { DomainError } from '../model/errors.js';
import { detectFormat, importFormat, type ImportFormat } from './formats.js';
import type { ImportItem } from './import-item.js';
import { decodeUtf8Strictly } from './utf8.js';

export interface SourceDocument {
  /** How failures of the whole document are reported: a file name, a URL, "request body". */
  name: string;
  /** The document's bytes: they must be UTF-8. */
  bytes: Uint8Array;
}

/** A document's items (as read, or prepared for import), or why none could be read from it. */
export type ReadDocument<Item = ImportItem> = { name: string; items: Item[] } | { name: string; failure: string };

/** The document as text; bytes that are not UTF-8 refuse it, naming the document and where. */
export function documentText(document: SourceDocument): string {
  try {
    return decodeUtf8Strictly(document.bytes);
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError('bad_request', `${document.name}: ${error.message}`);
    throw error;
  }
}

/** The format a document is read with: the one named, or for `auto` the one detected in `text`. */
function formatFor(formatName: string, text: string): ImportFormat {
  return formatName === 'auto' ? detectFormat(text) : importFormat(formatName);
}

/** Reads a document with the format named (or `auto`); errors other than a refused document are thrown. */
export function readDocument(document: SourceDocument, formatName: string): ReadDocument {
  try {
    const text = documentText(document);
    return { name: document.name, items: formatFor(formatName, text).read(text) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { name: document.name, failure: error.message };
  }
}
