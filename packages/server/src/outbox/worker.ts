import type { Clock } from '../http/types.js';
import { errorForLog } from '../http/logger.js';
import type { SystemRepository } from '../data/index.js';
import { deliverDue, type DeliveryOptions, type DeliveryReport, type Log } from './deliver.js';
import { onMailQueued } from './signal.js';
import type { MailTransport } from './transport.js';

export interface DeliveryWorkerOptions {
  /** `data.forSystem('outbox')`: the worker runs as the system, every row it writes audited as `system:outbox`. */
  repo: SystemRepository;
  transport: MailTransport;
  options: DeliveryOptions;
  clock: Clock;
  /** Wait between passes when nothing more is due. */
  pollMs: number;
  log: Log;
  /** Called after each pass (tests wait on it to know the start-up pass is over). */
  afterPass?: (report: DeliveryReport | null) => void;
}

export interface DeliveryWorker {
  /** Runs a pass soon (after a commit that enqueued mail, say) instead of at the next poll. */
  wake(): void;
  /** Stops polling, gives back what the current pass has not sent yet, waits for it, closes the transport. */
  stop(): Promise<void>;
}

/**
 * Polls the outbox and delivers what is due, one pass at a time. Passes never overlap within one
 * worker; several workers (server instances) share the work through SKIP LOCKED. Mail committed in
 * this process wakes it at once (`mailQueued`, outbox/signal.ts); the poll is the fallback for
 * mail queued elsewhere and for retries coming due.
 */
export function startDeliveryWorker(w: DeliveryWorkerOptions): DeliveryWorker {
  const repo = w.repo;
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let woken = false;
  const options: DeliveryOptions = { ...w.options, log: w.options.log ?? w.log, shouldStop: () => stopping };
  const batchSize = options.batchSize ?? 10;

  const schedule = (ms: number) => {
    if (stopping) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  };

  const pass = async (): Promise<void> => {
    let report: DeliveryReport | null = null;
    try {
      report = await deliverDue(repo, w.transport, w.clock.now(), options);
    } catch (err) {
      // Message and stack, without the query parameters or values a database error quotes.
      w.log.warn({ error: errorForLog(err) }, 'outbox delivery pass failed');
    }
    // A full batch means more may be due, and a wake-up during the pass may have brought more: go again at once.
    schedule((report && report.claimed >= batchSize) || woken ? 0 : w.pollMs);
    woken = false;
    w.afterPass?.(report);
  };

  function tick(): void {
    timer = null;
    if (stopping || running) return;
    running = pass().finally(() => {
      running = null;
    });
  }

  const wake = () => {
    if (running) woken = true;
    else schedule(0);
  };
  const unsubscribe = onMailQueued(wake);
  schedule(0);
  return {
    wake,
    async stop() {
      stopping = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      w.transport.close();
    },
  };
}
