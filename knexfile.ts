/** knex CLI configuration: `npx knex --knexfile knexfile.ts migrate:status`. The server runs migrations itself. */
import { loadConfig } from './src/config.js';
import { knexConfig } from './src/store/database.js';
import { migrationSource } from './src/store/migrator.js';

const { databaseUrl } = loadConfig();

export default { ...knexConfig(databaseUrl), migrations: { migrationSource } };
