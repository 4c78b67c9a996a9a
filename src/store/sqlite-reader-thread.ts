/**
 * One reader thread: answers the queries posted to it, one at a time, each on a read-only connection to
 * its database file, opened on first use with its statements prepared once. See sqlite-readers.ts.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

export interface ReaderThreadData {
  cacheKib: number;
  statementsKept: number;
}

export type ReaderMessage = { filename: string; sql: string; bindings: unknown[] } | { close: string };

export type ReaderAnswer = { rows: unknown[] } | { error: { message: string; code?: string } };

interface Connection {
  database: Database.Database;
  prepared: Map<string, Database.Statement>;
}

const { cacheKib, statementsKept } = workerData as ReaderThreadData;
const connections = new Map<string, Connection>();

function connectionTo(filename: string): Connection {
  let connection = connections.get(filename);
  if (!connection) {
    const database = new Database(filename, { readonly: true, fileMustExist: true, timeout: 10_000 });
    database.pragma(`cache_size = -${cacheKib}`);
    connection = { database, prepared: new Map() };
    connections.set(filename, connection);
  }
  return connection;
}

function statementFor(connection: Connection, sql: string): Database.Statement {
  let statement = connection.prepared.get(sql);
  if (!statement) {
    statement = connection.database.prepare(sql);
    if (connection.prepared.size >= statementsKept) connection.prepared.delete(connection.prepared.keys().next().value!);
    connection.prepared.set(sql, statement);
  }
  return statement;
}

parentPort!.on('message', (message: ReaderMessage) => {
  if ('close' in message) {
    connections.get(message.close)?.database.close();
    connections.delete(message.close);
    return;
  }
  let answer: ReaderAnswer;
  try {
    answer = { rows: statementFor(connectionTo(message.filename), message.sql).all(message.bindings) };
  } catch (error) {
    const { message: text, code } = error as { message: string; code?: string };
    answer = { error: { message: text, code } };
  }
  parentPort!.postMessage(answer);
});
