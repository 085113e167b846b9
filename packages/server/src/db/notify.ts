import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * PostgreSQL LISTEN on one dedicated connection (issue 11: the delivery worker is woken across
 * server instances). A trigger NOTIFYs at commit of a transaction that queued mail (migration
 * 0017); every instance listening wakes its worker at once instead of at its next poll.
 *
 * The poll stays the fallback: while the connection is down (a server restart, a network cut)
 * nothing is lost, mail goes out on the next poll, and the listener reconnects with a growing wait
 * (capped) and wakes the worker once on reconnecting, for what was queued while it was away.
 */
export interface Listening {
  /** Resolves once the first LISTEN is in place (or the first attempt failed; retries go on). */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

export interface ListenOptions {
  url: string;
  /** A fixed identifier, never user input. */
  channel: string;
  onNotify: () => void;
  /** Reconnection problems, for the operator (no personal data: the error's message only). */
  onProblem?: (message: string) => void;
  /** First wait before reconnecting; doubled each failure up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

export function listenFor(opts: ListenOptions): Listening {
  if (!identifier.test(opts.channel)) throw new Error(`channel: not a plain identifier: ${opts.channel}`);
  const firstWait = opts.retryMs ?? 1_000;
  const maxWait = opts.maxRetryMs ?? 30_000;
  let wait = firstWait;
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let connectedOnce = false;

  const retry = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, wait);
    timer.unref();
    wait = Math.min(maxWait, wait * 2);
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: opts.url });
    client = c;
    let dropped = false;
    const drop = (message: string) => {
      if (dropped) return;
      dropped = true;
      if (client === c) client = null;
      c.removeAllListeners('notification');
      void c.end().catch(() => undefined);
      if (stopped) return;
      opts.onProblem?.(message);
      retry();
    };
    c.on('error', (err: Error) => drop(err.message));
    c.on('end', () => drop('connection closed'));
    c.on('notification', (n) => {
      if (n.channel === opts.channel) opts.onNotify();
    });
    try {
      await c.connect();
      await c.query(`listen ${opts.channel}`);
      if (stopped) {
        await c.end().catch(() => undefined);
        return;
      }
      wait = firstWait;
      // Mail may have been queued while nobody here was listening: one pass finds it.
      if (connectedOnce) opts.onNotify();
      connectedOnce = true;
    } catch (err) {
      drop(err instanceof Error ? err.message : String(err));
    }
  };

  const ready = connect();
  return {
    ready,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await ready;
      const c = client;
      client = null;
      if (c) await c.end().catch(() => undefined);
    },
  };
}

/** The embedded database's LISTEN: notifications of this process's own commits. */
export function listenInProcess(client: PGlite, channel: string, onNotify: () => void): Listening {
  if (!identifier.test(channel)) throw new Error(`channel: not a plain identifier: ${channel}`);
  let stopped = false;
  const subscribed = client.listen(channel, () => {
    if (!stopped) onNotify();
  });
  return {
    ready: subscribed.then(() => undefined),
    async stop() {
      stopped = true;
      const unlisten = await subscribed;
      if (!client.closed) await unlisten().catch(() => undefined);
    },
  };
}
