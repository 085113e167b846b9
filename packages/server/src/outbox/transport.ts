import { createHash } from 'node:crypto';
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

/** `smtp://host:port` without the user name and password. */
export function describeSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return 'smtp (address not readable)';
  }
}

/**
 * SMTP through nodemailer, from SMTP_URL (smtp:// upgrades with STARTTLS when the server offers
 * it; smtps:// is TLS from the start). One connection per message: a server that went away and
 * came back needs no reconnect logic.
 */
export function createSmtpTransport(smtpUrl: string, timeouts: SmtpTimeouts = defaultSmtpTimeouts): MailTransport {
  const transporter = createTransport({
    url: smtpUrl,
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
