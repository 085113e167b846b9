import { SMTPServer } from 'smtp-server';

/**
 * Test support: a real SMTP server (the `smtp-server` package) on 127.0.0.1 that keeps what it
 * receives, can be stopped and started again on the same port, and can refuse recipients. Only
 * tests import it (smtp-server is a development dependency).
 */
export interface MimePart {
  headers: Map<string, string>;
  contentType: string;
  filename: string | null;
  content: Buffer;
  parts: MimePart[];
}

export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  messageId: string;
  subject: string;
  to: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  /** True when the message came over TLS (STARTTLS); set by the peer. */
  secure?: boolean;
}

export interface SmtpPeerOptions {
  /** An SMTP reply code (such as 550) to refuse a recipient with, or null to take it. */
  refuse?: (address: string) => number | null;
  /** Milliseconds to hold each message before accepting it (to make senders overlap). */
  delayMs?: number;
  /** Offer STARTTLS with this key and certificate (PEM); without it the peer speaks plain SMTP only. */
  starttls?: { key: string; cert: string };
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=) in a header. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) => {
    if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

function decodeBody(body: string, encoding: string): Buffer {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    default:
      return Buffer.from(body, 'latin1');
  }
}

const param = (header: string, name: string): string | null => {
  const m = new RegExp(`${name}\\*?=(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return m ? decodeWords(m[1] ?? m[2] ?? '') : null;
};

/** Enough MIME for the messages nodemailer writes: headers, multipart, base64 and quoted-printable. */
export function parseMime(raw: string): MimePart {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
  }
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = param(type, 'boundary');
  const parts: MimePart[] = [];
  if (/^multipart\//i.test(type) && boundary) {
    const sections = body.split(`--${boundary}`);
    for (const section of sections.slice(1)) {
      if (section.startsWith('--')) break;
      parts.push(parseMime(section.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
    }
  }
  const disposition = headers.get('content-disposition') ?? '';
  return {
    headers,
    contentType: type.split(';')[0]!.trim().toLowerCase(),
    filename: param(disposition, 'filename') ?? param(type, 'name'),
    content: decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit'),
    parts,
  };
}

function leaves(part: MimePart): MimePart[] {
  return part.parts.length ? part.parts.flatMap(leaves) : [part];
}

export function readMail(raw: string, envelopeTo: string[]): ReceivedMail {
  const root = parseMime(raw);
  const all = leaves(root);
  const textPart = all.find((p) => p.contentType === 'text/plain' && !p.filename);
  return {
    envelopeTo,
    raw,
    messageId: root.headers.get('message-id') ?? '',
    subject: decodeWords(root.headers.get('subject') ?? ''),
    to: decodeWords(root.headers.get('to') ?? ''),
    text: textPart ? textPart.content.toString('utf8') : '',
    attachments: all.filter((p) => p.filename).map((p) => ({ filename: p.filename!, contentType: p.contentType, content: p.content })),
  };
}

export class SmtpPeer {
  readonly received: ReceivedMail[] = [];
  /** SMTP connections opened to this peer (a pooled sender opens one for many messages). */
  connections = 0;
  private server: SMTPServer | null = null;
  port = 0;

  constructor(private readonly options: SmtpPeerOptions = {}) {}

  /**
   * The SMTP_URL of this peer for Harbor. A plain peer needs the explicit opt-out from TLS
   * (`?tls=off`); Harbor refuses to send to an `smtp://` server that offers no STARTTLS.
   */
  get url(): string {
    return this.options.starttls ? this.plainUrl : `${this.plainUrl}?tls=off`;
  }

  /** The address with nothing after it: TLS required. */
  get plainUrl(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private create(): SMTPServer {
    const { refuse, delayMs, starttls } = this.options;
    return new SMTPServer({
      authOptional: true,
      disabledCommands: starttls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(starttls ? { key: starttls.key, cert: starttls.cert } : {}),
      logger: false,
      // stop() is a mail server going down: connections still open (Harbor keeps one, pooled) are
      // told 421 and closed at once, instead of stop() waiting for the client to drop them (its
      // socket timeout, 10 s in the tests) or for the default 30 s grace.
      closeTimeout: 1,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onRcptTo(address, _session, callback) {
        const code = refuse?.(address.address) ?? null;
        if (code === null) return callback();
        callback(Object.assign(new Error('Recipient refused'), { responseCode: code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const done = () => {
            this.received.push({ ...readMail(Buffer.concat(chunks).toString('latin1'), session.envelope.rcptTo.map((r) => r.address)), secure: session.secure });
            callback();
          };
          if (delayMs) setTimeout(done, delayMs);
          else done();
        });
      },
    });
  }

  /** Listens on 127.0.0.1: on a free port the first time, on the same port after a stop. */
  async start(): Promise<this> {
    const server = this.create();
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.server.address();
    this.port = typeof address === 'object' && address ? address.port : this.port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
