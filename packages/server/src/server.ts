import { buildApp } from './app.js';
import { dataLayer } from './data/index.js';
import type { Config } from './config.js';
import { purgeStaleSessions } from './auth/index.js';
import { errorForLog } from './http/logger.js';
import { systemClock } from './http/types.js';
import { createSmtpTransport, deliveryOptionsFrom, describeSmtpUrl, outboxChannel, startDeliveryWorker, type DeliveryWorker } from './outbox/index.js';
import { countUsers, demoPassword, ensureDemoSeeded } from './seed/index.js';
import type { Listening } from './db/notify.js';
import { openWithVault } from './runtime.js';
import { auditKeyFrom, startAuditCheckpointer, useAuditKey } from './audit/index.js';
import { raiseMonthlyDuties } from './consults/index.js';
import { sealPlainFields } from './referrals/index.js';
import { schedulerOptionsFrom, schedulerReason, startSchedulerWorker, type SchedulerWorker } from './obligations/index.js';

/** `harbor start`: migrate, seed the demo when on, serve, and shut down gracefully on a signal. */
export async function startServer(config: Config, print: (line: string) => void): Promise<void> {
  // Refused (nothing written) when the data key is not this database's (R2).
  const { database, vault } = await openWithVault(config, 'harbor start');
  try {
    useAuditKey(auditKeyFrom(config));
    // CF-1: values written in plain text before their columns were sealed are sealed now (once).
    const sealed = await sealPlainFields(dataLayer(database).forSystem('seal-plain-fields'), vault);
    if (sealed > 0) print(`Sealed the free-text reasons and police contacts of ${sealed} records written before they were sealed at rest.`);
  } catch (err) {
    await database.close();
    throw err;
  }
  const app = await buildApp({ config, database, vault });
  const signIns = await ensureDemoSeeded(app.harbor.data, vault, config.demo, config);
  const sweep = setInterval(() => {
    const sessionsSweep = app.harbor.data.forSystem('session-sweep');
    sessionsSweep.unit((u) => purgeStaleSessions(u.db, new Date(), config)).catch((err: unknown) => app.log.warn({ error: errorForLog(err) }, 'session sweep failed'));
  }, 60_000);
  sweep.unref();
  // Signed checkpoints of the audit chain, outside the database (audit/checkpoint.ts).
  const checkpointer = startAuditCheckpointer({
    db: database.db,
    dir: config.auditCheckpointDir,
    key: auditKeyFrom(config),
    everyRows: config.auditCheckpointRows,
    everyMs: config.auditCheckpointMs,
    pollMs: Math.min(10_000, config.auditCheckpointMs),
    log: app.log,
  });

  // Outgoing mail: delivered after commit by the worker (started once Harbor listens); with no
  // SMTP_URL it stays "not sent".
  let delivery: DeliveryWorker | null = null;
  let listening: Listening | null = null;
  // Duties: reminded, marked overdue and escalated by the scheduler (issue 4, item 2).
  let scheduler: SchedulerWorker | null = null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    clearInterval(sweep);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      // The worker gives back what it has not sent and finishes its send in flight before the database closes.
      await Promise.all([app.close(), listening?.stop(), delivery?.stop(), scheduler?.stop()]);
      await checkpointer.stop();
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
  if (config.smtpUrl) {
    const transport = createSmtpTransport(config.smtpUrl);
    const options = await deliveryOptionsFrom(app.harbor.data, config, vault);
    delivery = startDeliveryWorker({ repo: app.harbor.data.forSystem('outbox'), transport, options, clock: systemClock, pollMs: config.outboxPollMs, log: app.log });
    // Mail queued by another instance on the same PostgreSQL wakes this one's worker too.
    listening = database.listen(outboxChannel, () => delivery?.wake(), (message) => app.log.warn({ problem: message }, 'outbox notifications: reconnecting; mail goes out on the poll meanwhile'));
  }
  scheduler = startSchedulerWorker({
    repo: app.harbor.data.forSystem(schedulerReason),
    ctx: {},
    options: schedulerOptionsFrom(config),
    clock: systemClock,
    pollMs: config.schedulerPollMs,
    log: app.log,
    // HL-5: each liaison's monthly data duty, raised when a month begins (idempotent per month).
    beforePass: async (now) => {
      await app.harbor.data.forSystem('hart-monthly-duties').unit((u) => raiseMonthlyDuties(u.db, { clock: systemClock, vault, timeZone: config.timeZone }, now));
    },
    afterPass: () => delivery?.wake(),
  });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  print('');
  print(`Harbor is running at http://${shownHost}:${config.port}  (database: ${database.kind === 'pglite' ? `embedded, ${database.location}` : `PostgreSQL at ${database.location}`})`);
  print(config.smtpUrl ? `Outgoing mail: sent through ${describeSmtpUrl(config.smtpUrl)}` : 'Outgoing mail: not sent (no SMTP_URL); kept on the outgoing-mail page');
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
