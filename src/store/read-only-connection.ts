/** A read-only connection to a SQLite file that keeps its recent statements prepared. */
import Database from 'better-sqlite3';

export interface ReadOnlySettings {
  /** SQLite's page cache for the connection, in KiB. */
  cacheKib: number;
  statementsKept: number;
}

export class ReadOnlyConnection {
  private readonly database: Database.Database;
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(
    filename: string,
    private readonly settings: ReadOnlySettings,
  ) {
    this.database = new Database(filename, { readonly: true, fileMustExist: true, timeout: 10_000 });
    this.database.pragma(`cache_size = -${settings.cacheKib}`);
  }

  all(sql: string, bindings: readonly unknown[]): unknown[] {
    return this.statementFor(sql).all(bindings);
  }

  close(): void {
    this.database.close();
  }

  private statementFor(sql: string): Database.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.database.prepare(sql);
      if (this.prepared.size >= this.settings.statementsKept) this.prepared.delete(this.prepared.keys().next().value!);
      this.prepared.set(sql, statement);
    }
    return statement;
  }
}
