/**
 * The thread that reads an import's documents (see threaded-reading.ts): each document posted to it is
 * answered, in order, with its items prepared for import (each record as its mirror's input, validated),
 * or with the reason the document could not be read.
 */
import { parentPort } from 'node:worker_threads';
import type { ImportSource } from '../services/import-service.js';
import { prepareItem, type PreparedItem } from './mirror-input.js';
import { readDocument, type ReadDocument, type SourceDocument } from './source-document.js';

export interface ReaderRequest {
  document: SourceDocument;
  format: string;
  source: ImportSource;
  /** When the document's records are harvested. */
  harvestDate: string;
}

/** The document read, or an error that is not about the document (a bug), which ends the import. */
export type ReaderAnswer = { read: ReadDocument<PreparedItem> } | { error: string };

function prepared({ document, format, source, harvestDate }: ReaderRequest): ReadDocument<PreparedItem> {
  const read = readDocument(document, format);
  return 'items' in read ? { name: read.name, items: read.items.map((item) => prepareItem(item, source, harvestDate)) } : read;
}

parentPort!.on('message', (request: ReaderRequest) => {
  let answer: ReaderAnswer;
  try {
    answer = { read: prepared(request) };
  } catch (error) {
    answer = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(answer);
});
