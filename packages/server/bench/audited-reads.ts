/**
 * Benchmark: audited reads of a child's record and the audit-chain walk.
 * Every read appends a hash-chained audit row under one advisory lock, so this is the path that
 * bounds throughput. Prints figures; asserts nothing. Run: `npm run bench` (PGlite) or with
 * TEST_DATABASE_URL set (PostgreSQL).
 */
import { performance } from 'node:perf_hooks';
import { verifyAuditChain } from '../src/audit/index.js';
import { signedIn, startTestServer } from '../src/test/harness.js';

const requests = Number(process.env['BENCH_REQUESTS'] ?? 2000);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 8);

/** A benchmark prints its figures to standard output. */
const print = (line: string) => process.stdout.write(`${line}\n`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const server = await startTestServer();
try {
  const client = await signedIn(server, 'hart_director');
  const list = await client.get<{ id: string }[]>('/api/people');
  const ids = list.body.map((p) => p.id);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const id = ids[next++ % ids.length];
        const t = performance.now();
        const r = await client.get(`/api/people/${id ?? ''}`);
        if (r.status !== 200) throw new Error(`read answered ${r.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  print(`database: ${server.db.database.kind}`);
  print(`audited person reads: ${requests} at concurrency ${concurrency}: ${(requests / seconds).toFixed(0)} req/s`);
  print(`latency ms: p50 ${percentile(latencies, 50).toFixed(1)}  p95 ${percentile(latencies, 95).toFixed(1)}  p99 ${percentile(latencies, 99).toFixed(1)}`);
  const v0 = performance.now();
  const verified = await verifyAuditChain(server.db.database.db);
  const vs = (performance.now() - v0) / 1000;
  print(`audit verify: ${verified.rows} rows in ${vs.toFixed(2)} s (${(verified.rows / vs).toFixed(0)} rows/s), intact: ${String(verified.ok)}`);
  print(`memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
} finally {
  await server.close();
}
