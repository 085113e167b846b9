import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { runObligationPass, schedulerOptionsFrom, type PassReport } from '../obligations/index.js';

const hourMs = 3_600_000;

/**
 * The demo week's duties as the scheduler would have left them: its passes run every three
 * hours over the week the demo referrals were taken in, so reminders, overdue marks and
 * escalations carry the times they would have had (the demo's mail stays in the outbox).
 */
export async function seedDemoDuties(db: Db, config: Config, now: Date = new Date()): Promise<PassReport> {
  const total: PassReport = { claimed: 0, reminded: 0, overdue: 0, escalated: 0 };
  const options = schedulerOptionsFrom(config);
  for (let t = now.getTime() - 8 * 24 * hourMs; t <= now.getTime(); t += 3 * hourMs) {
    const r = await runObligationPass(db, {}, new Date(Math.min(t, now.getTime())), options);
    total.claimed += r.claimed;
    total.reminded += r.reminded;
    total.overdue += r.overdue;
    total.escalated += r.escalated;
  }
  return total;
}
