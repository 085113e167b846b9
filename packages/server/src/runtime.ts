import { requireProductionKeys, type Config } from './config.js';
import { applyDataKey, checkDataKey, type Vault } from './crypto/index.js';
import { openDatabase, type Database } from './db/client.js';
import { seedAgencyStructure } from './seed/index.js';

/**
 * The start path of the server and of every command that opens the database: the production keys
 * are there (config.ts), the data key is this database's (R2, checked before anything is written:
 * a refused start changes nothing), then migrations, the agency structure and, on first start,
 * the key's check value.
 */
export async function openWithVault(config: Config, command: string): Promise<{ database: Database; vault: Vault }> {
  requireProductionKeys(config);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, ownerUrl: config.databaseOwnerUrl, dataDir: config.dataDir, command });
  try {
    const plan = await checkDataKey(database.db, config);
    await database.migrate();
    await seedAgencyStructure(database.db);
    const vault = await applyDataKey(database.db, config, plan);
    return { database, vault };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/** Opens the configured database (PGlite under the data folder, or DATABASE_URL), checks the data key and migrates it. */
export async function openAndMigrate(config: Config, command: string): Promise<Database> {
  return (await openWithVault(config, command)).database;
}
