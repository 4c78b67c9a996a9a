import { randomBytes } from 'node:crypto';
import { putSettingOnce } from '../store/settings-store.js';
import type { ServiceContext } from './context.js';

/**
 * The key that signs resumption tokens and reviewer links: FAIRHARBOR_SECRET, or one generated on first
 * start and kept in the database so that every instance and every restart share it.
 */
export async function ensureSecret(context: ServiceContext): Promise<string> {
  if (context.config.secret) return context.config.secret;
  return putSettingOnce(context.db, 'secret', randomBytes(32).toString('base64url'));
}
