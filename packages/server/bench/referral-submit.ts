/**
 * Benchmark: submitting Careline referrals (CL-4, CL-5). One submit renders and stores a DCF-737
 * PDF per party, queues an e-mail each and records the police call, all in one transaction, so it
 * is the slowest write a Careline worker waits for on a live call. Prints figures; asserts nothing.
 * Run: `npm run bench` (PGlite) or with TEST_DATABASE_URL set (PostgreSQL).
 */
import { performance } from 'node:perf_hooks';
import type { ReferralView } from '@harbor/policy/api';
import { signedIn, startTestServer } from '../src/test/harness.js';
import { completeDraft, evidentDraft } from '../src/test/referral-fixtures.js';

const referrals = Number(process.env['BENCH_REFERRALS'] ?? 60);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 4);
const print = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const server = await startTestServer();
try {
  const worker = await signedIn(server, 'careline_worker');
  const drafts: ReferralView[] = [];
  for (let i = 0; i < referrals; i++) drafts.push((await worker.post<ReferralView>('/api/referrals', i % 3 === 0 ? evidentDraft() : completeDraft())).body);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < drafts.length) {
        const d = drafts[next++]!;
        const t = performance.now();
        const r = await worker.post(`/api/referrals/${d.id}/submit`, { version: d.version, idempotencyKey: `bench-${d.id}` });
        if (r.status !== 200) throw new Error(`submit answered ${r.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  print(`database: ${server.db.database.kind}`);
  print(`referral submissions (5-6 notices and PDFs each): ${referrals} at concurrency ${concurrency}: ${(referrals / seconds).toFixed(1)} per second`);
  print(`latency ms: p50 ${percentile(latencies, 50).toFixed(0)}  p95 ${percentile(latencies, 95).toFixed(0)}  max ${percentile(latencies, 100).toFixed(0)}`);
  print(`memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
} finally {
  await server.close();
}
