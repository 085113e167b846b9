import { Command, Option } from 'commander';
import { isRole, roles, type Role } from '@harbor/policy';
import { createUserBody } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import { systemActor } from '../access/index.js';
import { verifyAuditChain } from '../audit/index.js';
import { loadConfig } from '../config.js';
import { loadVault } from '../crypto/index.js';
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
      const created = await createUser(db.db, systemActor('cli'), parsed.data, { config: loadConfig(), now: new Date() }, false);
      if ('pending' in created) throw new Error('unexpected: the command line creates accounts at once');
      print(`Created ${created.username} (${created.roles.join(', ')}) in ${created.officeName}.`);
    });
  });

const audit = program.command('audit').description('the audit trail');
audit
  .command('verify')
  .description('walk the audit chain and name the first row that does not match')
  .action(async () => {
    const result = await withDatabase('harbor audit verify', (db) => verifyAuditChain(db.db));
    if (result.ok) {
      print(`Audit chain intact: ${result.rows} rows verified${result.lastId ? ` (last id ${result.lastId})` : ''}.`);
    } else {
      print(`Audit chain BROKEN at row ${result.badId}: ${result.reason === 'content' ? 'its content does not match its hash' : 'it does not link to the row before it'} (${result.rows} rows read).`);
      process.exitCode = 2;
    }
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
