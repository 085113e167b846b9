import { buildApp } from './app.js';
import type { Config } from './config.js';
import { purgeStaleSessions } from './auth/index.js';
import { countUsers, demoPassword, ensureDemoSeeded } from './seed/index.js';
import { openAndMigrate } from './runtime.js';

/** `harbor start`: migrate, seed the demo when on, serve, and shut down gracefully on a signal. */
export async function startServer(config: Config, print: (line: string) => void): Promise<void> {
  const database = await openAndMigrate(config, 'harbor start');
  const app = await buildApp({ config, database });
  const signIns = await ensureDemoSeeded(database.db, config.demo);
  const sweep = setInterval(() => {
    purgeStaleSessions(database.db, new Date(), config).catch(() => app.log.warn('session sweep failed'));
  }, 60_000);
  sweep.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    clearInterval(sweep);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
    } finally {
      await database.close();
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await database.close();
    throw err;
  }
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  print('');
  print(`Harbor is running at http://${shownHost}:${config.port}  (database: ${database.kind === 'pglite' ? `embedded, ${database.location}` : `PostgreSQL at ${database.location}`})`);
  if (signIns) {
    print('');
    print(`Demo sign-ins (synthetic agency; every password is "${demoPassword}"):`);
    const width = Math.max(...signIns.map((s) => s.label.length));
    for (const s of signIns) print(`  ${s.label.padEnd(width)}  ${s.username.padEnd(34)} ${s.office}`);
  } else if ((await countUsers(database.db)) === 0) {
    print('');
    print('No user accounts yet. Stop Harbor and create the first administrator:');
    print('  npx harbor user add --username <name> --name "<full name>" --role administrator --office CO');
  }
  print('');
  print('Press Ctrl+C to stop.');
}
