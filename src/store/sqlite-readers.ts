/**
 * Reader threads for SQLite databases. better-sqlite3 runs a query in the calling thread and reads one
 * page at a time, so a lookup whose pages are not in memory stops the whole server for each disk read,
 * and the disk sees one read at a time. A disk answers several times more reads a second when it is given
 * many at once; so queries run on reader threads, each with its own read-only connection, as many at once
 * as there are threads, while the server's thread goes on with other requests.
 *
 * The threads belong to the process and serve every database it opens: they start as queries need them,
 * up to the limit, and an idle one does not keep the process alive. A query whose pages are in memory
 * costs less in the server's thread than the two messages to and from a reader thread, so a statement
 * runs there until it has had to wait for the disk (see sqliteReader).
 */
import type { Worker } from 'node:worker_threads';
import { moduleBeside, startModuleThread } from '../module-thread.js';
import { ReadOnlyConnection, type ReadOnlySettings } from './read-only-connection.js';
import type { ReaderAnswer, ReaderMessage } from './sqlite-reader-thread.js';

/** Lookups waiting on the disk at once: four reads in flight get about two and a half times one's rate from the disk, in 40 MB of memory. */
const READER_THREADS = 4;

// A thread keeps the upper levels of the indexes a lookup descends; the operating system caches the rest.
const THREAD_CONNECTION: ReadOnlySettings = { cacheKib: 2048, statementsKept: 200 };
// The server's own connection answers whatever is in memory: it keeps more of it.
const INLINE_CONNECTION: ReadOnlySettings = { cacheKib: 8192, statementsKept: 200 };

export interface SqliteReader {
  all<Row>(sql: string, bindings: readonly unknown[]): Promise<Row[]>;
  /** Answers the queries already asked, then closes every connection to the file; later queries fail. */
  close(): Promise<void>;
}

interface Job {
  query: Extract<ReaderMessage, { sql: string }>;
  resolve(rows: unknown[]): void;
  reject(error: Error): void;
}

interface ReaderThread {
  worker: Worker;
  job?: Job;
}

/** A failed query, with SQLite's error code, as better-sqlite3 would have thrown it. */
class SqliteReadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const THREAD_MODULE = moduleBeside(import.meta.url, 'sqlite-reader-thread');
// A thread holds one query's rows at a time: a small heap keeps the threads within a server's memory budget.
const THREAD_LIMITS = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 48 };

const threads: ReaderThread[] = [];
const waiting: Job[] = [];

function start(job: Job, thread: ReaderThread): void {
  thread.job = job;
  // A thread keeps the process alive while it answers a query, and only then.
  thread.worker.ref();
  thread.worker.postMessage(job.query);
}

function finished(thread: ReaderThread, answer: ReaderAnswer): void {
  const job = thread.job!;
  thread.job = undefined;
  const next = waiting.shift();
  if (next) start(next, thread);
  else thread.worker.unref();
  if ('rows' in answer) job.resolve(answer.rows);
  else job.reject(new SqliteReadError(answer.error.message, answer.error.code));
}

function spawn(): ReaderThread {
  const thread: ReaderThread = { worker: startModuleThread(THREAD_MODULE, { workerData: THREAD_CONNECTION, resourceLimits: THREAD_LIMITS }) };
  thread.worker.on('message', (answer: ReaderAnswer) => finished(thread, answer));
  thread.worker.on('error', (error) => {
    // The thread is gone (out of memory, say): its query fails, and the next query starts another.
    threads.splice(threads.indexOf(thread), 1);
    thread.job?.reject(error);
    const next = waiting.shift();
    if (next) dispatch(next);
  });
  threads.push(thread);
  return thread;
}

function dispatch(job: Job): void {
  const idle = threads.find((thread) => !thread.job);
  if (idle) start(job, idle);
  else if (threads.length < READER_THREADS) start(job, spawn());
  else waiting.push(job);
}

/**
 * A statement whose runs in the server's thread take this long a row on average waits for the disk: a
 * lookup of pages in memory takes tens of microseconds, one read from the disk hundreds to thousands. A
 * page of a harvest, hundreds of rows read in order with the disk reading ahead, takes far less a row, and
 * stays in the server's thread, where the rows cost nothing to pass on.
 */
const WAITS_FOR_DISK_MS = 1;
/** The weight of the latest run in the average: a single slow run (the thread paused, a collection) is not enough. */
const LATEST_RUN_WEIGHT = 0.1;
/** For how long a statement that waits for the disk runs on the reader threads, before it is tried in the server's thread again. */
const THREADED_FOR_MS = 1000;

interface StatementTimes {
  averageMs: number;
  threadedUntil: number;
}

/**
 * Read-only queries on the SQLite file `filename`. A statement runs in the calling thread, which costs
 * least while its pages are in memory; once its runs there take a millisecond a row on average, it waits
 * for the disk, and runs on the reader threads for the next second, so that its reads overlap and the
 * server's thread is not stopped for them.
 */
export function sqliteReader(filename: string): SqliteReader {
  let closed = false;
  let pending = 0;
  let drained: (() => void) | undefined;
  let inline: ReadOnlyConnection | undefined;
  const times = new Map<string, StatementTimes>();

  function onThreads<Row>(sql: string, bindings: readonly unknown[]): Promise<Row[]> {
    pending++;
    return new Promise<Row[]>((resolve, reject) => dispatch({ query: { filename, sql, bindings: [...bindings] }, resolve: resolve as (rows: unknown[]) => void, reject })).finally(() => {
      if (--pending === 0) drained?.();
    });
  }

  return {
    async all<Row>(sql: string, bindings: readonly unknown[]): Promise<Row[]> {
      if (closed) throw new Error(`the database ${filename} is closed`);
      const started = performance.now();
      let statement = times.get(sql);
      if (statement && statement.threadedUntil > started) return onThreads<Row>(sql, bindings);
      inline ??= new ReadOnlyConnection(filename, INLINE_CONNECTION);
      const rows = inline.all(sql, bindings) as Row[];
      const finished = performance.now();
      if (!statement) times.set(sql, (statement = { averageMs: 0, threadedUntil: 0 }));
      statement.averageMs += ((finished - started) / Math.max(1, rows.length) - statement.averageMs) * LATEST_RUN_WEIGHT;
      if (statement.averageMs > WAITS_FOR_DISK_MS) {
        statement.threadedUntil = finished + THREADED_FOR_MS;
        // Half way: when tried again, a few runs that wait for the disk send it back to the threads, a few that do not keep it.
        statement.averageMs = WAITS_FOR_DISK_MS / 2;
      }
      return rows;
    },
    async close() {
      closed = true;
      // The queries already asked are answered first, as knex answers its own before it closes.
      if (pending > 0) await new Promise<void>((resolve) => (drained = resolve));
      inline?.close();
      for (const thread of threads) thread.worker.postMessage({ close: filename } satisfies ReaderMessage);
    },
  };
}
