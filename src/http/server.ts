import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createLogger } from '../logger.js';
import type { ServiceContext } from '../services/context.js';
import { openServices } from '../services/open-services.js';
import { releaseDueRecords } from '../services/release-service.js';
import { sendDueRegistrations } from '../services/doi-registration.js';
import { adoptRenderings, renderAllWaiting } from '../services/rendering-service.js';
import { storedRenderings } from './stored-renderings.js';
import { openDatabase } from '../store/database.js';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  services: ServiceContext;
  server: Server;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** The clock; tests set it to move through time. */
  now?: () => Date;
  /** Run the release sweep and the DOI sender on timers (default); tests that drive them by hand turn this off. */
  background?: boolean;
}

/** How often scheduled records whose day has come are released and linked to their other versions. */
const RELEASE_SWEEP_MS = 60_000;

/** How often the DOI registration outbox is worked off (when DataCite registration is configured). */
const DOI_SEND_MS = 2_000;

/** How long requests in progress may take to finish once the server is asked to stop. */
const SHUTDOWN_GRACE_MS = 10_000;

/** How often records written since the last round are rendered for storage. */
const RENDER_MS = 2_000;

interface Renderer {
  /** Starts a round unless one is running; resolves when that round ends. */
  run(): Promise<void>;
  /** Resolves when no round is running. */
  idle(): Promise<void>;
}

/** Renders the records waiting for it, one round at a time, in batches small enough to keep serving. */
function renderer(services: ServiceContext, logger: Logger): Renderer {
  const renderings = storedRenderings(services.config);
  let adopted = false;
  let running: Promise<void> | undefined;
  const round = async () => {
    if (!adopted) {
      if (await adoptRenderings(services, renderings)) logger.info('renderers or their configuration changed: rendering every record again');
      adopted = true;
    }
    const rendered = await renderAllWaiting(services, renderings, { batch: 25, logger });
    if (rendered > 0) logger.debug({ rendered }, 'stored renderings');
  };
  return {
    run: () =>
      (running ??= round()
        .catch((error: unknown) => logger.error({ err: error }, 'rendering records failed'))
        .finally(() => (running = undefined))),
    idle: async () => void (await running),
  };
}

/** Sends due DOI registrations, one round at a time. */
function doiSender(services: ServiceContext, logger: Logger): () => void {
  let running = false;
  return () => {
    if (running || !services.config.dataCite) return;
    running = true;
    sendDueRegistrations(services)
      .then(
        (summary) => (summary.done || summary.failed || summary.retrying) && logger.info({ dataCite: summary }, 'sent DOI registrations'),
        (error: unknown) => logger.error({ err: error }, 'sending DOI registrations failed'),
      )
      .finally(() => (running = false));
  };
}

/** Opens the database, brings its schema up to date and serves the application. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const services = await openServices(config, options.now);
  const { db } = services;
  // A replica is only read: the primary's migrations reach it by replication.
  const replica = config.oaiDatabaseUrl ? openDatabase(config.oaiDatabaseUrl) : undefined;
  const server = createServer(createApp(services, logger, replica ? { ...services, db: replica } : services).callback());
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const sweep = () => releaseDueRecords(services).then(
    (released) => released.length > 0 && logger.info({ released }, 'released scheduled records'),
    (error: unknown) => logger.error({ err: error }, 'releasing scheduled records failed'),
  );
  const background = options.background ?? true;
  const sweeping = background ? setInterval(sweep, RELEASE_SWEEP_MS) : undefined;
  sweeping?.unref();
  if (background) void sweep();
  const sending = background ? setInterval(doiSender(services, logger), DOI_SEND_MS) : undefined;
  sending?.unref();
  const render = renderer(services, logger);
  const rendering = background ? setInterval(render.run, RENDER_MS) : undefined;
  rendering?.unref();
  if (background) void render.run();
  logger.info({ url, baseUrl: config.baseUrl, database: config.databaseUrl.replace(/\/\/[^@/]*@/, '//***@') }, 'fairharbor is serving');
  return {
    url,
    services,
    server,
    /**
     * Graceful shutdown: no new connections, idle ones closed, requests in progress answered (for at most
     * SHUTDOWN_GRACE_MS, then their connections are cut), background rounds finished, then the database.
     */
    async close() {
      clearInterval(sweeping);
      clearInterval(sending);
      clearInterval(rendering);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cutOff = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(cutOff);
      await render.idle();
      await db.destroy();
      await replica?.destroy();
    },
  };
}
