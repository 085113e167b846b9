import type { Db } from '../db/client.js';
import type { Clock } from '../http/types.js';
import { errorForLog } from '../http/logger.js';
import { deliverDue, type DeliveryOptions, type DeliveryReport, type Log } from './deliver.js';
import type { MailTransport } from './transport.js';

export interface DeliveryWorkerOptions {
  db: Db;
  transport: MailTransport;
  options: DeliveryOptions;
  clock: Clock;
  /** Wait between passes when nothing more is due. */
  pollMs: number;
  log: Log;
}

export interface DeliveryWorker {
  /** Runs a pass soon (after a commit that enqueued mail, say) instead of at the next poll. */
  wake(): void;
  /** Stops polling, gives back what the current pass has not sent yet, waits for it, closes the transport. */
  stop(): Promise<void>;
}

/**
 * Polls the outbox and delivers what is due, one pass at a time. Passes never overlap within one
 * worker; several workers (server instances) share the work through SKIP LOCKED.
 */
export function startDeliveryWorker(w: DeliveryWorkerOptions): DeliveryWorker {
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
      report = await deliverDue(w.db, w.transport, w.clock.now(), options);
    } catch (err) {
      // Message and stack, without the query parameters or values a database error quotes.
      w.log.warn({ error: errorForLog(err) }, 'outbox delivery pass failed');
    }
    // A full batch means more may be due, and a wake-up during the pass may have brought more: go again at once.
    schedule((report && report.claimed >= batchSize) || woken ? 0 : w.pollMs);
    woken = false;
  };

  function tick(): void {
    timer = null;
    if (stopping || running) return;
    running = pass().finally(() => {
      running = null;
    });
  }

  schedule(0);
  return {
    wake() {
      if (running) woken = true;
      else schedule(0);
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      w.transport.close();
    },
  };
}
