import type { Config } from '../config.js';
import { openDatabase } from '../store/database.js';
import { migrateToLatest } from '../store/migrator.js';
import type { ServiceContext } from './context.js';
import { ensureSecret } from './secret-service.js';

/** Opens the database, brings its schema up to date and resolves the signing secret. */
export async function openServices(config: Config, now: () => Date = () => new Date()): Promise<ServiceContext> {
  const db = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(db);
    const secret = await ensureSecret(db, config);
    return { db, config, secret, now };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
