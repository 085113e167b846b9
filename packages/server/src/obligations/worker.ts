import type { Clock } from '../http/types.js';
import { errorForLog } from '../http/logger.js';
import type { Log } from '../outbox/index.js';
import type { SystemRepository } from '../data/index.js';
import { runObligationPass, type PassReport, type SchedulerOptions } from './scheduler.js';
import type { ObligationContext } from './service.js';

export interface SchedulerWorkerOptions {
  /** The scheduler's system repository (`data.forSystem('obligation-scheduler')`); passes run and audit through it. */
  repo: SystemRepository;
  ctx: Pick<ObligationContext, 'rules'>;
  options: SchedulerOptions;
  clock: Clock;
  /** Wait between passes. */
  pollMs: number;
  log: Log;
  /** Called before each pass: duties raised by the calendar rather than an event (HL-5's monthly data). */
  beforePass?: (now: Date) => Promise<void>;
  /** Called after each pass that did something (the delivery worker's wake-up, say). */
  afterPass?: (report: PassReport) => void;
}

export interface SchedulerWorker {
  wake(): void;
  /** Stops polling and waits for the pass in flight (it ends after its current batch). */
  stop(): Promise<void>;
}

/**
 * Runs the obligation scheduler's passes one at a time, every `pollMs`. Several server instances
 * may each run one: they share the due duties through SKIP LOCKED (scheduler.ts).
 */
export function startSchedulerWorker(w: SchedulerWorkerOptions): SchedulerWorker {
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const options: SchedulerOptions = { ...w.options, shouldStop: () => stopping };

  const schedule = (ms: number) => {
    if (stopping) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  };

  const pass = async (): Promise<void> => {
    try {
      const now = w.clock.now();
      await w.beforePass?.(now);
      const report = await runObligationPass(w.repo, w.ctx, now, options);
      if (report.reminded + report.overdue + report.escalated > 0) w.afterPass?.(report);
    } catch (err) {
      // Message and stack, without the query parameters or values a database error quotes.
      w.log.warn({ error: errorForLog(err) }, 'obligation scheduler pass failed');
    }
    schedule(w.pollMs);
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
      if (!running) schedule(0);
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
