/**
 * One reader thread: answers the queries posted to it, one at a time, each on a read-only connection to
 * its database file, opened on first use. See sqlite-readers.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ReadOnlyConnection, type ReadOnlySettings } from './read-only-connection.js';

export type ReaderMessage = { filename: string; sql: string; bindings: unknown[] } | { close: string };

export type ReaderAnswer = { rows: unknown[] } | { error: { message: string; code?: string } };

const settings = workerData as ReadOnlySettings;
const connections = new Map<string, ReadOnlyConnection>();

function connectionTo(filename: string): ReadOnlyConnection {
  let connection = connections.get(filename);
  if (!connection) {
    connection = new ReadOnlyConnection(filename, settings);
    connections.set(filename, connection);
  }
  return connection;
}

parentPort!.on('message', (message: ReaderMessage) => {
  if ('close' in message) {
    connections.get(message.close)?.close();
    connections.delete(message.close);
    return;
  }
  let answer: ReaderAnswer;
  try {
    answer = { rows: connectionTo(message.filename).all(message.sql, message.bindings) };
  } catch (error) {
    const { message: text, code } = error as { message: string; code?: string };
    answer = { error: { message: text, code } };
  }
  parentPort!.postMessage(answer);
});
