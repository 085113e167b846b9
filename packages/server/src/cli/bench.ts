import type { Command } from 'commander';
import { generateHistory, historyCounts, isBenchDatabase, rateBar } from '../../bench/index.js';
import { auditKeyFrom, useAuditKey } from '../audit/index.js';
import { loadConfig } from '../config.js';
import { dataLayer } from '../data/index.js';
import { openWithVault } from '../runtime.js';
import { ensureDemoSeeded } from '../seed/index.js';

/**
 * `harbor bench generate --referrals N` (issue 11): a synthetic history of N referrals written
 * straight to the database (bench/history/generate.ts). Never in production mode; on a database
 * without the demo agency only with --yes.
 */
export function registerBenchCommands(program: Command, print: (line: string) => void): void {
  const bench = program.command('bench').description('benchmarks: a synthetic history to measure against (never in production)');
  bench
    .command('generate')
    .description('write a synthetic history of N referrals (children, notices, duties, cases, consults, audit rows) to the database, batched')
    .requiredOption('--referrals <n>', 'how many referrals (50000, 500000, 5000000; small values for tests)')
    .option('--batch-rows <n>', 'rows per statement', '4000')
    .option('--seed <n>', 'seed of the random choices', '112026')
    .option('--yes', 'also on a database without the demo agency')
    .action(async (opts: { referrals: string; batchRows: string; seed: string; yes?: boolean }) => {
      const config = loadConfig();
      if (config.env === 'production') throw new Error('harbor bench generate writes synthetic records: it never runs in production mode (NODE_ENV=production or unset). Use NODE_ENV=development on a bench database.');
      const referrals = Number(opts.referrals);
      const batchRows = Number(opts.batchRows);
      if (!Number.isInteger(referrals) || referrals < 1 || referrals > 50_000_000) throw new Error('--referrals: give a whole number from 1 to 50000000');
      if (!Number.isInteger(batchRows) || batchRows < 100 || batchRows > 50_000) throw new Error('--batch-rows: give a whole number from 100 to 50000');
      const { database, vault } = await openWithVault(config, 'harbor bench generate');
      try {
        useAuditKey(auditKeyFrom(config));
        await ensureDemoSeeded(dataLayer(database), vault, config.demo, config);
        if (!(await isBenchDatabase(database.db)) && !opts.yes) {
          throw new Error('This database has no demo agency: it does not look like a bench or demo database. Refusing to write synthetic records into it (give --yes if it is one).');
        }
        const bar = rateBar(process.stderr, 'Generating', 'referrals');
        const result = await generateHistory(database, vault, config, { referrals, batchRows, seed: Number(opts.seed), progress: (d, t, r) => bar.update(d, t, r) });
        bar.end();
        const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
        print(`Generated ${result.referrals} referrals (${total} rows) in ${result.seconds.toFixed(1)} s on ${database.kind} (${database.location}).`);
        const counts = await historyCounts(database.db);
        print(Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', '));
      } finally {
        await database.close();
      }
    });
}
