import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createLogger } from '../logger.js';
import type { ServiceContext } from '../services/context.js';
import { ensureSecret } from '../services/secret-service.js';
import { openDatabase } from '../store/database.js';
import { migrateToLatest } from '../store/migrator.js';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  services: ServiceContext;
  server: Server;
  close(): Promise<void>;
}

/** Opens the database, brings its schema up to date and serves the application. */
export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const db = openDatabase(config.databaseUrl);
  const services: ServiceContext = { db, config, now: () => new Date() };
  try {
    await migrateToLatest(db);
    await ensureSecret(services);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const server = createServer(createApp(services, logger).callback());
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, baseUrl: config.baseUrl, database: config.databaseUrl.replace(/\/\/[^@/]*@/, '//***@') }, 'fairharbor is serving');
  return {
    url,
    services,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
    },
  };
}
