import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createTransport } from 'nodemailer';

/** One e-mail as the delivery worker hands it to a transport. */
export interface OutgoingMail {
  from: string;
  to: { name: string | null; address: string };
  subject: string;
  text: string;
  /** Stable for a message: every retry of it carries the same Message-ID. */
  messageId: string;
  date: Date;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

/** Where mail goes out. `send` resolves once the server accepted the message, and throws otherwise. */
export interface MailTransport {
  /** For logs and the start-up line: scheme, host and port, never the credentials. */
  readonly description: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

/** Each well under the delivery lease, so a hung server ends an attempt before another worker may take the message. */
export const defaultSmtpTimeouts: SmtpTimeouts = { connectionMs: 30_000, greetingMs: 30_000, socketMs: 60_000 };

/**
 * What SMTP_URL says: `smtps://` is TLS from the start; `smtp://` must upgrade with STARTTLS, and
 * a server that does not offer it is refused, unless the address opts out explicitly with
 * `?tls=off` (a relay on the same machine, a test peer). `?tls_ca=/path/to/ca.pem` trusts a
 * private certificate authority (or a self-signed certificate) besides the system's. Nothing else
 * may follow the address: nodemailer would read its own options there (`ignoreTLS`, say).
 */
export interface SmtpSettings {
  host: string;
  /** Empty: nodemailer's default (465 for smtps, 587 for smtp). */
  port: number | null;
  secure: boolean;
  tls: 'required' | 'off';
  caFile: string | null;
  user: string | null;
  password: string | null;
}

export const smtpUrlOptions = ['tls', 'tls_ca'] as const;

/** The problem with an SMTP_URL in words (never its password), or null when it is fine. */
export function smtpUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'Give smtp://host:port or smtps://host:port (user:password@ optional)';
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') return 'Give smtp://host:port or smtps://host:port (user:password@ optional)';
  if (!u.hostname) return 'Give the mail server\'s host name';
  for (const key of u.searchParams.keys()) {
    if (!(smtpUrlOptions as readonly string[]).includes(key)) return `Harbor reads only ?tls=off and ?tls_ca=/path after the address, not "${key.slice(0, 40)}"`;
  }
  const tls = u.searchParams.get('tls');
  if (tls !== null && tls !== 'off') return 'tls takes only "off" (send without TLS); leave it out to require TLS';
  if (tls === 'off' && u.protocol === 'smtps:') return 'smtps:// is TLS from the start; tls=off goes only with smtp://';
  if (u.searchParams.has('tls_ca') && !u.searchParams.get('tls_ca')) return 'tls_ca takes the path of a PEM certificate file';
  return null;
}

export function parseSmtpUrl(url: string): SmtpSettings {
  const problem = smtpUrlProblem(url);
  if (problem) throw new Error(`SMTP_URL: ${problem}`);
  const u = new URL(url);
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : null,
    secure: u.protocol === 'smtps:',
    tls: u.searchParams.get('tls') === 'off' ? 'off' : 'required',
    caFile: u.searchParams.get('tls_ca'),
    user: u.username ? decodeURIComponent(u.username) : null,
    password: u.password ? decodeURIComponent(u.password) : null,
  };
}

/** `smtp://host:port` and how it is protected, without the user name and password. */
export function describeSmtpUrl(url: string): string {
  try {
    const s = parseSmtpUrl(url);
    const u = new URL(url);
    const how = s.secure ? 'TLS' : s.tls === 'off' ? 'no TLS: tls=off' : 'STARTTLS required';
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''} (${how}${s.caFile ? ', own certificate authority' : ''})`;
  } catch {
    return 'smtp (address not readable)';
  }
}

/**
 * SMTP through nodemailer, from SMTP_URL (see SmtpSettings: TLS unless the address says
 * `tls=off`). One pooled connection, kept open between messages (issue 11: a DCF-737 should not
 * wait for a TCP, TLS and EHLO round of its own): nodemailer's pool opens it on the first message,
 * keeps it while the server does, and opens a new one for the next message after an error or a
 * server that hung up, with the same TLS rules. A message whose connection failed is not resent by
 * the pool; the outbox retries it (same Message-ID), so the peer sees each message once.
 */
export function createSmtpTransport(smtpUrl: string, timeouts: SmtpTimeouts = defaultSmtpTimeouts): MailTransport {
  const s = parseSmtpUrl(smtpUrl);
  const transporter = createTransport({
    pool: true,
    maxConnections: 1,
    // Not recycled after a count of messages: kept until it fails, idles out at the server, or close().
    maxMessages: Infinity,
    host: s.host,
    ...(s.port !== null ? { port: s.port } : {}),
    secure: s.secure,
    // STARTTLS or nothing: a server that does not offer it (or a man in the middle stripping it)
    // gets no message. `tls=off` never tries TLS at all.
    requireTLS: !s.secure && s.tls === 'required',
    ignoreTLS: s.tls === 'off',
    ...(s.user !== null ? { auth: { user: s.user, pass: s.password ?? '' } } : {}),
    ...(s.caFile !== null ? { tls: { ca: fs.readFileSync(s.caFile) } } : {}),
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    logger: false,
    debug: false,
  });
  return {
    description: describeSmtpUrl(smtpUrl),
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        date: mail.date,
        headers: { 'Auto-Submitted': 'auto-generated' },
        attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      });
    },
    close() {
      transporter.close();
    },
  };
}

/** The address part of a From setting: `Harbor <harbor@agency.example>` -> agency.example. */
export function mailDomain(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return m?.[1]?.toLowerCase() ?? 'harbor.invalid';
}

/** A Message-ID from the idempotency key: the same message always has the same one, and it reveals nothing. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const digest = createHash('sha256').update(`harbor-outbox|${idempotencyKey}`).digest('hex').slice(0, 40);
  return `<${digest}@${mailDomain(from)}>`;
}
