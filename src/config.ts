/**
 * Configuration from the environment (INTERFACES.md). Every problem names the variable at fault.
 */
import { ACCESSION_PREFIX_PATTERN } from './model/identifiers.js';

export interface OaiSettings {
  repositoryName: string;
  adminEmail: string;
  repositoryIdentifier: string;
  pageSize: number;
  idPageSize: number;
  setPageSize: number;
  /** Whether the repository offers sets; without them ListSets answers noSetHierarchy. */
  setsEnabled: boolean;
  /** How long a resumption token stays valid, in seconds. */
  tokenLifetimeSeconds: number;
  /** OAI-PMH requests answered at once; more are refused with 503 and Retry-After. */
  maxConcurrent: number;
  /** How long requests may have queued (milliseconds) before OAI-PMH requests are refused with 503. */
  maxStallMs: number;
  retryAfterSeconds: number;
}

/** The oai-identifier scheme's syntax for a repository identifier: a domain name. */
const OAI_REPOSITORY_IDENTIFIER = /^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+$/;

/** The host of BASE_URL when it is a domain name; `localhost.localdomain` for localhost or an IP address. */
function defaultRepositoryIdentifier(host: string): string {
  return OAI_REPOSITORY_IDENTIFIER.test(host) ? host : 'localhost.localdomain';
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** DataCite registration of the repository's own DOIs; off unless every DATACITE_* variable is set. */
export interface DataCiteSettings {
  /** REST API base, e.g. https://api.test.datacite.org or https://api.datacite.org, without a trailing slash. */
  apiUrl: string;
  repositoryId: string;
  password: string;
  /** The DOI prefix the repository owns, e.g. 10.12345. */
  prefix: string;
}

const DATACITE_VARIABLES = ['DATACITE_API_URL', 'DATACITE_REPOSITORY_ID', 'DATACITE_PASSWORD', 'DATACITE_PREFIX'] as const;

function dataCiteSettings(env: NodeJS.ProcessEnv): DataCiteSettings | undefined {
  const given = DATACITE_VARIABLES.filter((name) => env[name]);
  if (given.length === 0) return undefined;
  const missing = DATACITE_VARIABLES.filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigError(`DOI registration needs all of ${DATACITE_VARIABLES.join(', ')}; missing ${missing.join(', ')}`);
  const apiUrl = env.DATACITE_API_URL!.replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) throw new ConfigError(`DATACITE_API_URL must be an http(s) URL such as https://api.test.datacite.org, got "${apiUrl}"`);
  const prefix = env.DATACITE_PREFIX!;
  if (!/^10\.\d{4,9}$/.test(prefix)) throw new ConfigError(`DATACITE_PREFIX must be a DOI prefix such as 10.12345, got "${prefix}"`);
  return { apiUrl, repositoryId: env.DATACITE_REPOSITORY_ID!, password: env.DATACITE_PASSWORD!, prefix };
}

export interface Config {
  port: number;
  host: string;
  baseUrl: string;
  databaseUrl: string;
  /** A read replica of the PostgreSQL database that answers OAI-PMH, the heaviest reader (OAI_DATABASE_URL). */
  oaiDatabaseUrl?: string;
  adminToken?: string;
  secret?: string;
  accessionPrefix: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  logLevel: string;
  oai: OaiSettings;
  dataCite?: DataCiteSettings;
  /** Journal check requests one client address may make a minute. */
  checkRequestsPerMinute: number;
  /** Failed token attempts one client address may make a minute before it must wait. */
  authFailuresPerMinute: number;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function repositoryIdentifier(env: NodeJS.ProcessEnv, host: string): string {
  const given = env.OAI_REPOSITORY_IDENTIFIER;
  if (!given) return defaultRepositoryIdentifier(host);
  if (!OAI_REPOSITORY_IDENTIFIER.test(given)) {
    throw new ConfigError(`OAI_REPOSITORY_IDENTIFIER must be a domain name such as data.example.org, got "${given}"`);
  }
  return given;
}

/** OAI-PMH requires an address of the form local@domain.tld. */
function adminEmail(env: NodeJS.ProcessEnv, domain: string): string {
  const given = env.OAI_ADMIN_EMAIL;
  if (!given) return `admin@${domain}`;
  if (!/^\S+@(\S+\.)+\S+$/.test(given)) throw new ConfigError(`OAI_ADMIN_EMAIL must be an e-mail address such as data@example.org, got "${given}"`);
  return given;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const baseUrl = (env.BASE_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    throw new ConfigError(`BASE_URL must be an absolute http(s) URL, got "${env.BASE_URL}"`);
  }
  if (!/^https?:$/.test(new URL(baseUrl).protocol)) throw new ConfigError(`BASE_URL must use http or https, got "${baseUrl}"`);

  const databaseUrl = env.DATABASE_URL || 'sqlite:./data/fairharbor.sqlite';
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be sqlite:PATH or postgres://…, got "${databaseUrl}"`);
  }
  const oaiDatabaseUrl = env.OAI_DATABASE_URL || undefined;
  if (oaiDatabaseUrl && !(/^postgres(ql)?:\/\//.test(oaiDatabaseUrl) && /^postgres(ql)?:\/\//.test(databaseUrl))) {
    throw new ConfigError('OAI_DATABASE_URL names a PostgreSQL read replica (postgres://…) of a PostgreSQL DATABASE_URL');
  }
  const accessionPrefix = env.ACCESSION_PREFIX || 'FH';
  if (!ACCESSION_PREFIX_PATTERN.test(accessionPrefix)) {
    throw new ConfigError(`ACCESSION_PREFIX must be an upper-case letter followed by up to 15 upper-case letters, digits, _ or -, got "${accessionPrefix}"`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    baseUrl,
    databaseUrl,
    oaiDatabaseUrl,
    adminToken: env.FAIRHARBOR_ADMIN_TOKEN || undefined,
    secret: env.FAIRHARBOR_SECRET || undefined,
    accessionPrefix,
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    dataCite: dataCiteSettings(env),
    checkRequestsPerMinute: integer(env, 'CHECK_RATE_LIMIT', 120, 1, 1_000_000),
    authFailuresPerMinute: integer(env, 'AUTH_FAILURE_LIMIT', 20, 1, 1_000_000),
    oai: {
      repositoryName: env.OAI_REPOSITORY_NAME || `fairharbor at ${host}`,
      adminEmail: adminEmail(env, repositoryIdentifier(env, host)),
      repositoryIdentifier: repositoryIdentifier(env, host),
      pageSize: integer(env, 'OAI_PAGE_SIZE', 200, 1, 10_000),
      idPageSize: integer(env, 'OAI_ID_PAGE_SIZE', 1000, 1, 100_000),
      setPageSize: integer(env, 'OAI_SET_PAGE_SIZE', 100, 1, 10_000),
      setsEnabled: flag(env, 'OAI_SETS', true),
      tokenLifetimeSeconds: integer(env, 'OAI_TOKEN_LIFETIME', 7 * 24 * 3600, 24 * 3600, 365 * 24 * 3600),
      maxConcurrent: integer(env, 'OAI_MAX_CONCURRENT', 64, 1, 10_000),
      maxStallMs: integer(env, 'OAI_MAX_QUEUE_MS', 1000, 10, 600_000),
      retryAfterSeconds: integer(env, 'OAI_RETRY_AFTER', 10, 1, 3600),
    },
  };
}
