import fs, { existsSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { isRole, roles, type Role } from '@harbor/policy';
import { createUserBody } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import { auditKeyFrom, pinnableAuditKey, useAuditKey, verifyAuditChain, writeCheckpoint } from '../audit/index.js';
import { loadConfig, requireProductionKeys } from '../config.js';
import { checkDataKey, DataKeyError, dataKeyFile } from '../crypto/index.js';
import { dataLayer } from '../data/index.js';
import { backupEmbedded, restoreEmbedded } from '../db/backup.js';
import { progressBar, rotateDataKey } from '../keys/index.js';
import { openDatabase } from '../db/client.js';
import { DataDirLockedError } from '../db/lock.js';
import { offices } from '../db/schema.js';
import { openWithVault } from '../runtime.js';
import { ensureDemoSeeded } from '../seed/index.js';
import { startServer } from '../server.js';
import { createUser } from '../users/service.js';
import { registerBenchCommands } from './bench.js';
import { readPassword } from './prompt.js';

const print = (line: string) => console.log(line);

type Opened = Awaited<ReturnType<typeof openWithVault>>;

/** Every command that opens the database goes through the start path's key checks (R2). */
async function withDatabase<T>(command: string, work: (db: Opened['database'], vault: Opened['vault']) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { database, vault } = await openWithVault(config, command);
  try {
    // Every command that audits (or verifies) needs the audit key: HARBOR_AUDIT_KEY, or derived
    // from the data key the start path has just checked.
    useAuditKey(auditKeyFrom(config));
  } catch (err) {
    await database.close();
    throw err;
  }
  try {
    return await work(database, vault);
  } finally {
    await database.close();
  }
}

const program = new Command('harbor').description('Harbor: case response and tracking for child-trafficking work');

program
  .command('start')
  .description('migrate the database and serve Harbor (and the demo agency in development and test)')
  .option('--port <port>', 'port to listen on (default: PORT or 3000)')
  .option('--demo', 'the local demo (`npm start`): development mode unless NODE_ENV says otherwise')
  .action(async (opts: { port?: string; demo?: boolean }) => {
    // `npm start` on a fresh machine is the demo: development mode (a key file in the data folder,
    // cookies that work on http://localhost). An explicit NODE_ENV, production included, is kept.
    const env = opts.demo && !process.env['NODE_ENV'] ? { ...process.env, NODE_ENV: 'development' } : process.env;
    const config = loadConfig(env, opts.port ? { port: Number(opts.port) } : {});
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
    if (!config.demo) throw new Error('Demo seeding is off: it runs only with NODE_ENV=development or test, and not with HARBOR_DEMO=off.');
    await withDatabase('harbor seed', async (db, vault) => {
      const signIns = await ensureDemoSeeded(dataLayer(db), vault, config.demo, config);
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
      const created = await createUser(dataLayer(db).forSystem('cli'), parsed.data, { config: loadConfig(), now: new Date() }, false);
      if ('pending' in created) throw new Error('unexpected: the command line creates accounts at once');
      print(`Created ${created.username} (${created.roles.join(', ')}) in ${created.officeName}.`);
    });
  });

const keys = program.command('keys').description('the data key (HARBOR_DATA_KEY)');
keys
  .command('rotate')
  .description('re-seal every sealed value under a new data key: HARBOR_DATA_KEY = the new key, HARBOR_DATA_KEY_PREVIOUS = the old one; resumable')
  .option('--batch-size <n>', 'values re-sealed per transaction', '200')
  .action(async (opts: { batchSize: string }) => {
    const batchSize = Number(opts.batchSize);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error('--batch-size: give a whole number from 1 to 10000');
    const config = loadConfig();
    // The database as it is now may still be under the old key only: opened without the start path's key check, which rotation does itself.
    requireProductionKeys(config);
    // Rotation audits its start and end: the pinned audit key (rotateDataKey refuses a derived one).
    if (config.auditKey) useAuditKey(auditKeyFrom(config));
    const database = await openDatabase({ databaseUrl: config.databaseUrl, ownerUrl: config.databaseOwnerUrl, dataDir: config.dataDir, command: 'harbor keys rotate' });
    try {
      await database.migrate();
      const bar = progressBar(process.stderr, 'Re-sealing');
      const result = await rotateDataKey(database.db, config, { batchSize, progress: (done, total) => bar.update(done, total) });
      bar.end();
      if (result.state === 'already') {
        print(result.reason);
        return;
      }
      print(`Data key rotated: ${result.done} sealed values now under the new key${result.resumed ? ' (resumed)' : ''}.`);
      print('Next: start every instance with HARBOR_DATA_KEY (the new key) alone; remove HARBOR_DATA_KEY_PREVIOUS and keep the old key no longer than your backups sealed with it.');
      const keyFile = path.join(config.dataDir, dataKeyFile);
      if (existsSync(keyFile)) print(`${keyFile} still holds the old key: replace its contents with the new key (or keep HARBOR_DATA_KEY set), or the next start is refused.`);
    } finally {
      await database.close();
    }
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

audit
  .command('key')
  .description('print the audit key in use, in the form HARBOR_AUDIT_KEY takes, to pin a key derived from the data key before rotating it')
  .action(async () => {
    const config = loadConfig();
    // Through the start path: the data key it derives from must be this database's (R2).
    const key = await withDatabase('harbor audit key', () => Promise.resolve(auditKeyFrom(config)));
    print(pinnableAuditKey(key));
    console.error('Keep it with your secrets (never in the database or its backups) and set it as HARBOR_AUDIT_KEY on every instance.');
  });

registerBenchCommands(program, print);

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
      // The key must be this database's (R2): the checkpoint is signed with the audit key derived from it.
      await checkDataKey(database.db, config);
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
  if (err instanceof DataKeyError) {
    console.error(`harbor: ${err.message}`);
    process.exit(4);
  }
  console.error(`harbor: ${(err as Error).message}`);
  process.exit(1);
}
