/**
 * The documents of an import read on a thread of their own. Decoding, parsing and reading a document
 * into record inputs, and validating them as mirrors, is about half of what importing its records costs;
 * on that thread it happens while the importer stores the records of the document before. Documents come
 * back in their order, a few read ahead, so memory stays flat however many there are.
 */
import { moduleBeside, startModuleThread } from '../module-thread.js';
import type { ImportSource } from '../services/import-service.js';
import type { PreparedItem } from './mirror-input.js';
import type { ReaderAnswer, ReaderRequest } from './reader-thread.js';
import type { ReadDocument, SourceDocument } from './source-document.js';

/**
 * Documents read ahead of the one being imported, fetched or read from the disk and then parsed: enough
 * that a slow read does not leave the importer waiting.
 */
const READ_AHEAD = 4;

const READER_MODULE = moduleBeside(import.meta.url, 'reader-thread');

/** A promise whose rejection is reported when it is awaited, not as unhandled in the meantime. */
function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

export interface ThreadedReading {
  /** A format name, or `auto`. */
  format: string;
  source: ImportSource;
  /** The harvest date of the records of a document sent to the thread now. */
  harvestDate(): string;
}

export async function* readDocumentsOnThread(documents: AsyncIterable<SourceDocument> | Iterable<SourceDocument>, reading: ThreadedReading): AsyncGenerator<ReadDocument<PreparedItem>> {
  const thread = startModuleThread(READER_MODULE);
  // The thread answers in the order it was asked.
  const waiting: Array<{ resolve(answer: ReaderAnswer): void; reject(error: Error): void }> = [];
  const failAll = (error: Error) => waiting.splice(0).forEach((w) => w.reject(error));
  thread.on('message', (answer: ReaderAnswer) => waiting.shift()?.resolve(answer));
  thread.on('error', failAll);
  thread.on('exit', (code) => failAll(new Error(`the thread reading the documents stopped (exit code ${code})`)));
  const ask = (document: SourceDocument) =>
    awaitedLater(
      new Promise<ReaderAnswer>((resolve, reject) => {
        waiting.push({ resolve, reject });
        thread.postMessage({ document, format: reading.format, source: reading.source, harvestDate: reading.harvestDate() } satisfies ReaderRequest);
      }),
    );

  const source = Symbol.asyncIterator in documents ? documents[Symbol.asyncIterator]() : documents[Symbol.iterator]();
  const inFlight: Array<Promise<ReaderAnswer>> = [];
  let exhausted = false;
  const readAhead = async () => {
    while (!exhausted && inFlight.length < READ_AHEAD) {
      try {
        const next = await source.next();
        if (next.done) exhausted = true;
        else inFlight.push(ask(next.value));
      } catch (error) {
        // A document that could not be fetched fails the import where it stands, after the ones before it.
        exhausted = true;
        inFlight.push(awaitedLater(Promise.reject(error)));
      }
    }
  };
  try {
    let reading = readAhead();
    for (;;) {
      await reading;
      const next = inFlight.shift();
      if (!next) return;
      const answer = await next;
      if ('error' in answer) throw new Error(`reading a document failed: ${answer.error}`);
      reading = readAhead();
      yield answer.read;
    }
  } finally {
    await source.return?.();
    await thread.terminate();
  }
}
