import path from 'node:path';
import { criticalIncidentPartyKinds, defaultCriticalIncidentRecipients, type PartyKind } from '@harbor/policy';
import { z } from 'zod';
import { smtpUrlProblem } from './outbox/index.js';

/**
 * Every setting Harbor reads from the environment. README's configuration table lists the same
 * names; `loadConfig` is the only place that reads process.env for settings.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  DATABASE_URL: z.string().optional(),
  DATABASE_OWNER_URL: z.string().optional(),
  HARBOR_DATA_DIR: z.string().default('./data'),
  HARBOR_IDLE_MINUTES: z.coerce.number().min(1).max(24 * 60).default(30),
  HARBOR_SESSION_MAX_HOURS: z.coerce.number().min(1).max(72).default(12),
  HARBOR_LOCKOUT_THRESHOLD: z.coerce.number().int().min(3).max(100).default(10),
  HARBOR_LOCKOUT_MINUTES: z.coerce.number().min(1).max(24 * 60).default(15),
  HARBOR_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  HARBOR_DEMO: z.enum(['on', 'off']).optional(),
  HARBOR_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  HARBOR_TIMEZONE: z.string().default('America/New_York'),
  HARBOR_WEB_DIST: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z
    .string()
    .superRefine((v, ctx) => {
      const problem = v === '' ? null : smtpUrlProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  HARBOR_MAIL_FROM: z.string().min(3).max(200).default('Harbor <harbor@localhost>'),
  HARBOR_PUBLIC_URL: z
    .string()
    .refine((v) => v === '' || (/^https?:\/\/[^/?#]+/i.test(v) && URL.canParse(v)), 'Give the address people reach Harbor at, such as https://harbor.example.org')
    .optional(),
  HARBOR_SECRET_KEY: z
    .string()
    .refine((v) => v === '' || v.length >= 32, 'Give at least 32 characters')
    .optional(),
  HARBOR_DATA_KEY: z
    .string()
    .refine((v) => v === '' || v.length >= 32, 'Give at least 32 characters')
    .optional(),
  HARBOR_DATA_KEY_PREVIOUS: z
    .string()
    .refine((v) => v === '' || v.length >= 32, 'Give at least 32 characters')
    .optional(),
  HARBOR_AUDIT_KEY: z
    .string()
    .refine((v) => v === '' || v.length >= 32, 'Give at least 32 characters')
    .optional(),
  HARBOR_AUDIT_CHECKPOINT_DIR: z.string().optional(),
  HARBOR_AUDIT_CHECKPOINT_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(1000),
  HARBOR_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().min(1).max(7 * 24 * 60).default(60),
  HARBOR_ACK_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  HARBOR_OUTBOX_POLL_SECONDS: z.coerce.number().min(1).max(3600).default(5),
  HARBOR_OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  HARBOR_OUTBOX_ESCALATE_AFTER: z.coerce.number().int().min(1).max(50).default(3),
  HARBOR_REMIND_BEFORE_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),
  HARBOR_ESCALATE_EVERY_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(24),
  HARBOR_SCHEDULER_POLL_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  HARBOR_MATCH_SEARCHES_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(120),
  HARBOR_AGENCY_MAIL_DOMAINS: z
    .string()
    .default('dcf.example.gov')
    .transform((v) => v.split(',').map((x) => x.trim().toLowerCase()).filter((x) => x.length > 0))
    .pipe(z.array(z.string().regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/, 'Give mail domains such as dcf.example.gov, separated by commas')).min(1, 'Name at least one domain')),
  HARBOR_CRITICAL_INCIDENT_TO: z
    .string()
    .default(defaultCriticalIncidentRecipients.join(','))
    .transform((v) => v.split(',').map((x) => x.trim()).filter((x) => x.length > 0))
    .pipe(z.array(z.enum(criticalIncidentPartyKinds, { message: `Use ${criticalIncidentPartyKinds.join(' or ')}: the DCF-823 names the children and stays within the agency` })).min(1, 'Name at least one recipient')),
});

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | null;
  /** PostgreSQL role that owns the tables and runs migrations; the app's role then owns nothing. */
  readonly databaseOwnerUrl: string | null;
  readonly dataDir: string;
  readonly idleTimeoutMs: number;
  readonly sessionMaxMs: number;
  readonly lockoutThreshold: number;
  readonly lockoutMs: number;
  readonly bodyLimitBytes: number;
  /** Seed the synthetic demo agency on first start. Never in production. */
  readonly demo: boolean;
  readonly secureCookies: boolean;
  readonly trustProxy: boolean;
  readonly timeZone: string;
  readonly webDist: string;
  readonly logLevel: string;
  /** smtp:// or smtps:// address of the mail server; null keeps outgoing mail as "not sent". */
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  /** Where outside parties reach Harbor (acknowledgment links), without a trailing slash. */
  readonly publicUrl: string;
  /**
   * HARBOR_PUBLIC_URL's origin when it is set: the only origin state-changing requests may come
   * from. null: they must come from the scheme and host they are sent to (http/origin.ts).
   */
  readonly publicOrigin: string | null;
  /** Signs acknowledgment links; null: a key Harbor generates and keeps in its database. */
  readonly secretKey: string | null;
  /**
   * Seals narratives and children's identifying fields and keys their blind indexes; null: a
   * random key Harbor keeps in `data.key` in the data folder (development and test only).
   */
  readonly dataKey: string | null;
  /** During a key rotation (`harbor keys rotate`): the key being replaced, still opened until done. */
  readonly dataKeyPrevious: string | null;
  /** Keys the audit chain and signs its checkpoints (HARBOR_AUDIT_KEY); null: derived from the data key. */
  readonly auditKey: string | null;
  /** Folder of `audit-checkpoints.jsonl`, the signed checkpoints `harbor audit verify` checks. */
  readonly auditCheckpointDir: string;
  /** A checkpoint is written after this many new audit rows, */
  readonly auditCheckpointRows: number;
  /** or this long after the last one when rows were added since. */
  readonly auditCheckpointMs: number;
  readonly ackLinkTtlMs: number;
  readonly outboxPollMs: number;
  /** Delivery attempts of one message before it is marked failed and escalated. */
  readonly outboxMaxAttempts: number;
  /** Failed attempts after which a notice still retrying goes on the Careline supervisor's list (CL-4). */
  readonly outboxEscalateAfter: number;
  /** CL-5: the parties (directory kinds) the Critical Incident (DCF-823) goes to. */
  readonly criticalIncidentRecipients: readonly PartyKind[];
  /** CF-1: the agency's own mail domains; internal recipients' addresses (HART Director, HART Leads, staff) must be in one. */
  readonly agencyMailDomains: readonly string[];
  /** How long before a duty's due time its owner is reminded (issue 4, item 2). */
  readonly remindBeforeMs: number;
  /** Time between escalation steps of an overdue duty, the first counted from its due time. */
  readonly escalateEveryMs: number;
  /** How often the obligation scheduler looks for due duties. */
  readonly schedulerPollMs: number;
  /** CF-1: repeat-victim searches one user may make in an hour. */
  readonly matchSearchesPerHour: number;
}

const here = path.dirname(new URL(import.meta.url).pathname);

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${names}`);
  }
  const e = parsed.data;
  // Unset NODE_ENV gets production's secure defaults, and production never seeds the synthetic
  // demo agency (its demo administrators share a published password, which would defeat the
  // two-administrator rule, CF-1): the demo is `npm start`, which runs in development mode.
  const mode = e.NODE_ENV ?? 'production';
  const demo = mode !== 'production' && e.HARBOR_DEMO !== 'off';
  const databaseUrl = e.DATABASE_URL && e.DATABASE_URL.length > 0 ? e.DATABASE_URL : null;
  const dataKey = e.HARBOR_DATA_KEY && e.HARBOR_DATA_KEY.length > 0 ? e.HARBOR_DATA_KEY : null;
  return {
    env: mode,
    port: e.PORT,
    host: e.HOST,
    databaseUrl,
    databaseOwnerUrl: e.DATABASE_OWNER_URL && e.DATABASE_OWNER_URL.length > 0 ? e.DATABASE_OWNER_URL : null,
    dataDir: path.resolve(e.HARBOR_DATA_DIR),
    idleTimeoutMs: e.HARBOR_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.HARBOR_SESSION_MAX_HOURS * 3_600_000,
    lockoutThreshold: e.HARBOR_LOCKOUT_THRESHOLD,
    lockoutMs: e.HARBOR_LOCKOUT_MINUTES * 60_000,
    bodyLimitBytes: e.HARBOR_BODY_LIMIT_BYTES,
    demo,
    // "Secure outside development": browsers treat http://localhost as a secure context.
    secureCookies: mode !== 'development',
    trustProxy: e.HARBOR_TRUST_PROXY === 'true',
    timeZone: e.HARBOR_TIMEZONE,
    webDist: path.resolve(e.HARBOR_WEB_DIST ?? path.join(here, '../../web/dist')),
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL && e.SMTP_URL.length > 0 ? e.SMTP_URL : null,
    mailFrom: e.HARBOR_MAIL_FROM,
    publicUrl: (e.HARBOR_PUBLIC_URL && e.HARBOR_PUBLIC_URL.length > 0 ? e.HARBOR_PUBLIC_URL : `http://localhost:${overrides.port ?? e.PORT}`).replace(/\/+$/, ''),
    publicOrigin: e.HARBOR_PUBLIC_URL && e.HARBOR_PUBLIC_URL.length > 0 ? new URL(e.HARBOR_PUBLIC_URL).origin : null,
    secretKey: e.HARBOR_SECRET_KEY && e.HARBOR_SECRET_KEY.length > 0 ? e.HARBOR_SECRET_KEY : null,
    dataKey,
    dataKeyPrevious: e.HARBOR_DATA_KEY_PREVIOUS && e.HARBOR_DATA_KEY_PREVIOUS.length > 0 ? e.HARBOR_DATA_KEY_PREVIOUS : null,
    auditKey: e.HARBOR_AUDIT_KEY && e.HARBOR_AUDIT_KEY.length > 0 ? e.HARBOR_AUDIT_KEY : null,
    auditCheckpointDir: path.resolve(e.HARBOR_AUDIT_CHECKPOINT_DIR && e.HARBOR_AUDIT_CHECKPOINT_DIR.length > 0 ? e.HARBOR_AUDIT_CHECKPOINT_DIR : e.HARBOR_DATA_DIR),
    auditCheckpointRows: e.HARBOR_AUDIT_CHECKPOINT_ROWS,
    auditCheckpointMs: e.HARBOR_AUDIT_CHECKPOINT_MINUTES * 60_000,
    ackLinkTtlMs: e.HARBOR_ACK_LINK_DAYS * 86_400_000,
    outboxPollMs: e.HARBOR_OUTBOX_POLL_SECONDS * 1000,
    outboxMaxAttempts: e.HARBOR_OUTBOX_MAX_ATTEMPTS,
    outboxEscalateAfter: e.HARBOR_OUTBOX_ESCALATE_AFTER,
    criticalIncidentRecipients: e.HARBOR_CRITICAL_INCIDENT_TO,
    agencyMailDomains: e.HARBOR_AGENCY_MAIL_DOMAINS,
    remindBeforeMs: e.HARBOR_REMIND_BEFORE_HOURS * 3_600_000,
    escalateEveryMs: e.HARBOR_ESCALATE_EVERY_HOURS * 3_600_000,
    schedulerPollMs: e.HARBOR_SCHEDULER_POLL_SECONDS * 1000,
    matchSearchesPerHour: e.HARBOR_MATCH_SEARCHES_PER_HOUR,
    ...overrides,
  };
}

/** Development and test: a key file in the data folder and a link key in the database may do. */
export const isProductionMode = (config: Pick<Config, 'env'>): boolean => config.env !== 'development' && config.env !== 'test';

/**
 * The keys production needs before Harbor opens its database (R2): the data key and the
 * acknowledgment-link key come from the operator, never from a file beside the data or from the
 * database itself. Called on every start and by every command that opens the database; throws a
 * message naming the setting and the fix.
 */
export function requireProductionKeys(config: Pick<Config, 'env' | 'dataKey' | 'secretKey'>): void {
  if (!isProductionMode(config)) return;
  const missing: string[] = [];
  if (!config.dataKey) missing.push('HARBOR_DATA_KEY (seals the records at rest)');
  if (!config.secretKey) missing.push('HARBOR_SECRET_KEY (signs acknowledgment links)');
  if (missing.length === 0) return;
  throw new Error(
    `Invalid configuration: production mode (NODE_ENV=${config.env === 'production' ? 'production or unset' : config.env}) needs ${missing.join(' and ')}: ` +
      'set each to at least 32 random characters kept outside the database (an environment secret or a KMS). ' +
      'To try Harbor on this machine, run `npm start` (the demo, in development mode) or set NODE_ENV=development.',
  );
}
