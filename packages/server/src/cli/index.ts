import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { isRole, roles, type Role } from '@harbor/policy';
import { createUserBody } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import { systemActor } from '../access/index.js';
import { auditKeyFrom, useAuditKey, verifyAuditChain, writeCheckpoint } from '../audit/index.js';
import { loadConfig } from '../config.js';
import { loadVault } from '../crypto/index.js';
import { backupEmbedded, restoreEmbedded } from '../db/backup.js';
import { openDatabase } from '../db/client.js';
import { dataKeyFile } from '../crypto/index.js';
import { DataDirLockedError } from '../db/lock.js';
import { offices } from '../db/schema.js';
import { openAndMigrate } from '../runtime.js';
import { ensureDemoSeeded } from '../seed/index.js';
import { startServer } from '../server.js';
import { createUser } from '../users/service.js';
import { readPassword } from './prompt.js';

const print = (line: string) => console.log(line);

async function withDatabase<T>(command: string, work: (db: Awaited<ReturnType<typeof openAndMigrate>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openAndMigrate(config, command);
  try {
    // Every command that audits (or verifies) needs the audit key; derived from the data key
    // when HARBOR_AUDIT_KEY is unset, so the data key is loaded (made, on a new folder) first.
    loadVault(config);
    useAuditKey(auditKeyFrom(config));
  } catch (err) {
    await database.close();
    throw err;
  }
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const program = new Command('harbor').description('Harbor: case response and tracking for child-trafficking work');

program
  .command('start')
  .description('migrate the database and serve Harbor (and the demo agency unless NODE_ENV=production)')
  .option('--port <port>', 'port to listen on (default: PORT or 3000)')
  .action(async (opts: { port?: string }) => {
    const config = loadConfig(process.env, opts.port ? { port: Number(opts.port) } : {});
    await startServer(config, print);
  });

program
  .command('migrate')
  .description('apply pending database migrations and the agency structure')
  .action(async () => {
    const where = await withDatabase('harbor migrate', (db) => Promise.resolve(`${db.kind}, ${db.location}`));
    print(`Database is up to date (${where}).`);
  });

program
  .command('seed')
  .description('seed the synthetic demo agency into an empty database (never in production)')
  .action(async () => {
    const config = loadConfig();
    if (!config.demo) throw new Error('Demo seeding is off (NODE_ENV=production or HARBOR_DEMO=off).');
    await withDatabase('harbor seed', async (db) => {
      const signIns = await ensureDemoSeeded(db.db, loadVault(config), config.demo, config);
      print(`Demo agency ready: ${signIns?.length ?? 0} demo sign-ins.`);
    });
  });

const user = program.command('user').description('staff accounts');
user
  .command('add')
  .description('create a staff account (the first administrator, for example); asks for the password')
  .requiredOption('--username <username>', 'sign-in name')
  .requiredOption('--name <name>', 'full name as shown to others')
  .addOption(new Option('--role <role...>', 'one or more roles').choices([...roles]).makeOptionMandatory())
  .requiredOption('--office <code>', 'office or unit code, e.g. CO for Central Office')
  .option('--email <email>', 'e-mail address')
  .option('--password-stdin', 'read the password from standard input instead of asking')
  .action(async (opts: { username: string; name: string; role: string[]; office: string; email?: string; passwordStdin?: boolean }) => {
    const password = await readPassword(opts.passwordStdin === true);
    await withDatabase('harbor user add', async (db) => {
      const [office] = await db.db.select({ id: offices.id }).from(offices).where(eq(offices.code, opts.office.toUpperCase())).limit(1);
      if (!office) throw new Error(`No office with code ${opts.office}. See the offices page or packages/policy for codes.`);
      const parsed = createUserBody.safeParse({
        username: opts.username,
        displayName: opts.name,
        email: opts.email ?? null,
        roles: opts.role.filter(isRole) satisfies Role[],
        officeId: office.id,
        password,
      });
      if (!parsed.success) {
        throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '));
      }
      const created = await createUser(db.db, systemActor('cli'), parsed.data, new Date(), false);
      print(`Created ${created.username} (${created.roles.join(', ')}) in ${created.officeName}.`);
    });
  });

const audit = program.command('audit').description('the audit trail');
audit
  .command('verify')
  .description('walk the keyed audit chain and its signed checkpoints; name the first row, gap or checkpoint that does not match')
  .action(async () => {
    const config = loadConfig();
    const result = await withDatabase('harbor audit verify', (db) => verifyAuditChain(db.db, { checkpointDir: config.auditCheckpointDir }));
    if (result.ok) {
      const legacy = result.legacyRows > 0 ? `, the first ${result.legacyRows} from before the chain was keyed` : '';
      print(`Audit chain intact: ${result.rows} rows verified${result.lastId ? ` (last id ${result.lastId})` : ''}${legacy}; ${result.checkpoints} signed checkpoints checked.`);
    } else {
      print(`Audit chain BROKEN${result.badId !== null ? ` at row ${result.badId}` : ''}: ${result.message} (${result.rows} rows read).`);
      process.exitCode = 2;
    }
  });
audit
  .command('checkpoint')
  .description('write a signed checkpoint of the audit chain now (Harbor also writes them every N rows or minutes)')
  .action(async () => {
    const config = loadConfig();
    const c = await withDatabase('harbor audit checkpoint', (db) => writeCheckpoint(db.db, config.auditCheckpointDir, auditKeyFrom(config), new Date()));
    print(c ? `Checkpoint written: row ${c.lastId} (${config.auditCheckpointDir}).` : 'Nothing to checkpoint: the audit trail is empty.');
  });

/** Backup and restore are for the embedded database; PostgreSQL has pg_dump and pg_restore. */
function embeddedOnly(command: string) {
  const config = loadConfig();
  if (config.databaseUrl) throw new Error(`${command} is for the embedded database; on PostgreSQL use pg_dump and pg_restore (README, "Backup and restore").`);
  return config;
}

program
  .command('backup <file>')
  .description('write the embedded database to a file (Harbor must be stopped); the keys are not in it: back them up apart')
  .action(async (file: string) => {
    const config = embeddedOnly('harbor backup');
    // A checkpoint of exactly what is backed up (no migration first: the backup is the folder as
    // it is): after a restore, verify finds the trail complete up to it.
    const database = await openDatabase({ databaseUrl: null, dataDir: config.dataDir, command: 'harbor backup' });
    try {
      loadVault(config);
      await writeCheckpoint(database.db, config.auditCheckpointDir, auditKeyFrom(config), new Date());
    } finally {
      await database.close();
    }
    const { bytes } = await backupEmbedded(config.dataDir, file);
    print(`Backed up ${config.dataDir} to ${file} (${bytes} bytes).`);
    print(`Not in it: the data key (${config.dataKey ? 'HARBOR_DATA_KEY' : dataKeyFile}) and the audit key. Keep copies of them apart from the backup; a restore needs them.`);
  });

program
  .command('restore <file>')
  .description('load a backup into an empty data folder (Harbor must be stopped); put the data key back before starting')
  .action(async (file: string) => {
    const config = embeddedOnly('harbor restore');
    await restoreEmbedded(config.dataDir, file);
    print(`Restored ${file} into ${config.dataDir}.`);
    if (!config.dataKey && !fs.existsSync(path.join(config.dataDir, dataKeyFile))) {
      print(`Now put the backed-up ${dataKeyFile} in ${config.dataDir} (or set HARBOR_DATA_KEY) before starting Harbor: without the same key the records cannot be read, and Harbor refuses to start.`);
    }
    print('Then run `harbor audit verify`.');
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(3);
  }
  console.error(`harbor: ${(err as Error).message}`);
  process.exit(1);
}
