/**
 * Imports source documents (files, request bodies): each read with its format (or the one detected), then
 * its records imported as mirrors. A document that cannot be read at all is one failure; its siblings
 * still import.
 */
import type { Principal } from '../policy/principal.js';
import type { ServiceContext } from '../services/context.js';
import { emptySummary, importItems, type Importable, type ImportSource, type ImportSummary } from '../services/import-service.js';
import { importFormat } from './formats.js';
import { readDocument, type ReadDocument, type SourceDocument } from './source-document.js';
import { readDocumentsOnThread } from './threaded-reading.js';

export { documentText, type SourceDocument } from './source-document.js';

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
  /** Called as each document is done with: its records imported, or the document refused. */
  onDocument?: () => void;
  /**
   * Read the documents on a thread of their own, ahead of their import: worth it for many documents (the
   * command line). Each document's records then share one harvest date, the moment it went to the thread.
   */
  readerThread?: boolean;
}

async function* readDocumentsHere(documents: AsyncIterable<SourceDocument> | Iterable<SourceDocument>, format: string): AsyncGenerator<ReadDocument> {
  for await (const document of documents) yield readDocument(document, format);
}

export async function importDocuments(context: ServiceContext, principal: Principal, documents: AsyncIterable<SourceDocument> | Iterable<SourceDocument>, request: ImportRequest): Promise<ImportSummary> {
  // An unknown format is refused before any document is read.
  if (request.format !== 'auto') importFormat(request.format);
  const total = emptySummary();
  const read: AsyncIterable<ReadDocument<Importable>> = request.readerThread
    ? readDocumentsOnThread(documents, { format: request.format, source: request.source, harvestDate: () => context.now().toISOString() })
    : readDocumentsHere(documents, request.format);
  for await (const document of read) {
    if ('failure' in document) {
      total.failed.push({ sourceIdentifier: document.name, reason: document.failure });
      request.onProgress?.(total);
    } else {
      const before = { ...total, failed: [...total.failed] };
      const part = await importItems(context, principal, document.items, request.source, (progress) => {
        const running = { ...before, failed: [...before.failed] };
        add(running, progress);
        request.onProgress?.(running);
      });
      add(total, part);
    }
    request.onDocument?.();
  }
  return total;
}
