/**
 * Queries compiled once and run with each call's values. knex compiles a query builder anew on every
 * run, which for a lookup by key costs several times what the database takes to answer it; a hot lookup
 * is built once per shape with markers in place of its values, and each call binds its values where the
 * markers were.
 */
import type { Knex } from 'knex';
import { sqliteReaderOf } from './database.js';

// Only the query's own constants are compared with markers, at compile time, never a caller's value.
const MARKER = '\uFFFFvalue:';

type Binding = { value: string } | { constant: unknown };

interface Compiled {
  sql: string;
  bindings: Binding[];
}

/**
 * `build` makes the query with `value(name)` wherever a value goes; the query returned runs it with
 * `values[name]` there. Queries of different shapes (a different number of values in a list, another
 * filter) need different `shape` keys.
 */
export function compiledQuery<Values extends Record<string, unknown>, Row>(
  build: (db: Knex, value: (name: keyof Values & string) => string, shape: string) => Knex.QueryBuilder,
): (db: Knex, shape: string, values: Values) => Promise<Row[]> {
  const compiled = new Map<string, Compiled>();
  return async (db, shape, values) => {
    const dialect = String(db.client.config.client);
    const key = `${dialect}\n${shape}`;
    let query = compiled.get(key);
    if (!query) {
      const { sql, bindings } = build(db, (name) => MARKER + name, shape).toSQL();
      query = {
        sql,
        bindings: bindings.map((binding): Binding => (typeof binding === 'string' && binding.startsWith(MARKER) ? { value: binding.slice(MARKER.length) } : { constant: binding })),
      };
      compiled.set(key, query);
    }
    const bindings = query.bindings.map((binding) => ('value' in binding ? values[binding.value] : binding.constant) as Knex.RawBinding);
    const reader = sqliteReaderOf(db);
    if (reader) {
      // As knex announces the queries it runs, for whoever listens (logs, tests of query plans).
      db.emit('query', { method: 'select', sql: query.sql, bindings });
      return reader.all<Row>(query.sql, bindings);
    }
    const result = (await db.raw(query.sql, bindings)) as Row[] | { rows: Row[] };
    return Array.isArray(result) ? result : result.rows;
  };
}
