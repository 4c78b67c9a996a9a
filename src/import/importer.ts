/**
 * Imports source documents (files, request bodies): each read with its format (or the one detected), then
 * its records imported as mirrors. A document that cannot be read at all is one failure; its siblings
 * still import.
 */
import { DomainError } from '../model/errors.js';
import type { Principal } from '../policy/principal.js';
import type { ServiceContext } from '../services/context.js';
import { emptySummary, importItems, type ImportSource, type ImportSummary } from '../services/import-service.js';
import { detectFormat, importFormat } from './formats.js';
import { decodeUtf8Strictly } from './utf8.js';

export interface SourceDocument {
  /** How failures of the whole document are reported: a file name, a URL, "request body". */
  name: string;
  /** The document's bytes: they must be UTF-8. */
  bytes: Uint8Array;
}

/** The document as text; bytes that are not UTF-8 refuse it, naming the document and where. */
export function documentText(document: SourceDocument): string {
  try {
    return decodeUtf8Strictly(document.bytes);
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError('bad_request', `${document.name}: ${error.message}`);
    throw error;
  }
}

function add(total: ImportSummary, part: ImportSummary): void {
  total.stored += part.stored;
  total.updated += part.updated;
  total.unchanged += part.unchanged;
  total.withdrawn += part.withdrawn;
  total.failed.push(...part.failed);
}

export interface ImportRequest {
  /** A format name, or `auto` to detect each document's. */
  format: string;
  source: ImportSource;
  onProgress?: (summary: ImportSummary) => void;
}

export async function importDocuments(context: ServiceContext, principal: Principal, documents: AsyncIterable<SourceDocument> | Iterable<SourceDocument>, request: ImportRequest): Promise<ImportSummary> {
  const total = emptySummary();
  const chosen = request.format === 'auto' ? undefined : importFormat(request.format);
  for await (const document of documents) {
    let items;
    try {
      const text = documentText(document);
      items = (chosen ?? detectFormat(text)).read(text);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      total.failed.push({ sourceIdentifier: document.name, reason: error.message });
      request.onProgress?.(total);
      continue;
    }
    const before = { ...total, failed: [...total.failed] };
    const part = await importItems(context, principal, items, request.source, (progress) => {
      const running = { ...before, failed: [...before.failed] };
      add(running, progress);
      request.onProgress?.(running);
    });
    add(total, part);
  }
  return total;
}
