import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { seedAgencyStructure } from './seed/index.js';

/** Opens the configured database (PGlite under the data folder, or DATABASE_URL) and migrates it. */
export async function openAndMigrate(config: Config, command: string): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, ownerUrl: config.databaseOwnerUrl, dataDir: config.dataDir, command });
  try {
    await database.migrate();
    await seedAgencyStructure(database.db);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
