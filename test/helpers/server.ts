import { loadConfig, type Config } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { freshDatabase, type TestDatabase } from './database.js';

export const ADMIN_TOKEN = 'test-admin-token-1234567890';

export interface TestServer {
  url: string;
  running: RunningServer;
  config: Config;
  database: TestDatabase;
  /** fetch against the server, with JSON bodies and an optional bearer token. */
  request(method: string, path: string, options?: { token?: string; json?: unknown; body?: string; headers?: Record<string, string> }): Promise<Response>;
  stop(): Promise<void>;
}

/** A real server on a free loopback port over a fresh database. */
export async function startTestServer(env: Record<string, string> = {}, options: { now?: () => Date; background?: boolean } = {}): Promise<TestServer> {
  const database = await freshDatabase();
  const config = loadConfig({ PORT: '0', DATABASE_URL: database.url, FAIRHARBOR_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:8080', ...env });
  const running = await startServer(config, { logger: createLogger('silent'), now: options.now, background: options.background });
  return {
    url: running.url,
    running,
    config,
    database,
    request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.Authorization = `Bearer ${options.token}`;
      let body = options.body;
      if (options.json !== undefined) {
        body = JSON.stringify(options.json);
        headers['Content-Type'] ??= 'application/json';
      }
      return fetch(running.url + path, { method, headers, body });
    },
    async stop() {
      await running.close();
      await database.drop();
    },
  };
}

/** The smallest record the API accepts, with overrides. */
export function minimalRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    titles: [{ title: 'Spatial transcriptome of the developing mouse brain' }],
    creators: [{ name: 'Doe, Jane', nameType: 'Personal', givenName: 'Jane', familyName: 'Doe' }],
    publisher: { name: 'Example Data Centre' },
    publicationYear: 2026,
    types: { resourceTypeGeneral: 'Dataset' },
    ...overrides,
  };
}
