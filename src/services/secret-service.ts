import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import { putSettingOnce } from '../store/settings-store.js';

/**
 * The key that signs resumption tokens and reviewer links: FAIRHARBOR_SECRET, or one generated on first
 * start and kept in the database so that every instance and every restart share it.
 */
export async function ensureSecret(db: Knex, config: Config): Promise<string> {
  if (config.secret) return config.secret;
  return putSettingOnce(db, 'secret', randomBytes(32).toString('base64url'));
}
