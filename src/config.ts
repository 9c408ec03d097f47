import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

/** Everything the app reads from its environment; the only reader of process.env. */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  // The address people reach the app at: used in e-mailed survey links and printed letters.
  PUBLIC_URL: z.string().url().optional(),
  // smtp://user:pass@host:port — without it, outgoing mail lands in the outbox (database + .eml files).
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Reentry Atlas <atlas@localhost>'),
  // Cookies are marked Secure unless explicitly turned off for plain-http local use.
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  // Unset: the app logs from info up, the CLI from warn up (its output is for the person at the terminal).
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  // Memory for whole finder API answers kept for the current minute (finder/finder-answer-cache.ts); 0 turns it off.
  FINDER_ANSWER_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  // Keys for personal data (docs/privacy/key-management.md): JSON key material, or a key file (default DATA_DIR/keys.json).
  ATLAS_KEYS: z.string().min(1).optional(),
  ATLAS_KEY_FILE: z.string().min(1).optional(),
  // The erasure ledger (ids of erased data keys), kept with the keys; default: erased-keys.txt beside the key file.
  ATLAS_ERASURE_LEDGER: z.string().min(1).optional(),
  // Retention periods in days that differ from the schedule (retention/retention-schedule.ts), e.g.
  // `audit_events=2555,ended_referrals=730`.
  RETENTION_DAYS: z.string().default(''),
  // The largest request body an import route (the survey responses CSV) accepts; every other form gets 1 MB.
  IMPORT_BODY_LIMIT_MB: z.coerce.number().min(1).max(1024).default(20),
  // Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: addresses or CIDR ranges, commas
  // between (`127.0.0.1,::1` for a proxy on this machine). Unset: no proxy is trusted, the socket names the client.
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .refine((entries) => entries.every(isAddressOrRange), 'each entry must be an IP address or a CIDR range'),
  // A staff session ends after this long without a request, and in any case this long after sign-in.
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(10080).default(480),
  SESSION_LIFETIME_HOURS: z.coerce.number().min(1).max(720).default(12),
  // An e-mailed invitation (or new-password) link works once, and only for this many hours.
  INVITATION_HOURS: z.coerce.number().min(1).max(720).default(72),
  // Every this many months an institution is e-mailed a link to confirm its listing is still right (registry/).
  VERIFICATION_INTERVAL_MONTHS: z.coerce.number().int().min(1).max(60).default(6),
  // Beds tonight (src/beds/): a figure older than this is shown as "call to check"; a place not updated by the
  // reminder time (HH:MM, Latvian time) gets the evening e-mail.
  BEDS_STALE_AFTER_HOURS: z.coerce.number().min(0.25).max(720).default(12),
  BEDS_REMINDER_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')
    .default('18:00'),
});

/** `kind=days,kind=days` → { kind: days }; the retention schedule checks the kinds. */
function parseRetentionDays(text: string): Record<string, number> {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [kind = '', days = ''] = entry.split('=').map((part) => part.trim());
      if (!/^[a-z_]+$/.test(kind) || !/^\d+$/.test(days)) {
        throw new Error(`Invalid configuration:\n  RETENTION_DAYS: "${entry}" is not kind=days`);
      }
      return [kind, Number(days)] as const;
    });
  return Object.fromEntries(entries);
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

export type Config = {
  port: number;
  dataDirectory: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  cookieSecure: 'auto' | 'always' | 'never';
  logLevel: 'debug' | 'info' | 'warn' | 'error' | undefined;
  finderAnswerCacheBytes: number;
  keys: string | undefined;
  keyFile: string;
  erasureLedgerFile: string;
  retentionDays: Record<string, number>;
  importBodyLimitBytes: number;
  trustedProxies: string[];
  sessionIdleSeconds: number;
  sessionLifetimeSeconds: number;
  invitationLifetimeSeconds: number;
  verificationIntervalMonths: number;
  bedsStaleAfterSeconds: number;
  bedsReminderAt: string;
};

/** Parses the environment into a typed configuration, failing early with a readable message. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    dataDirectory: resolve(values.DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    publicUrl: (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ''),
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM,
    cookieSecure: values.COOKIE_SECURE === 'true' ? 'always' : values.COOKIE_SECURE === 'false' ? 'never' : 'auto',
    logLevel: values.LOG_LEVEL,
    finderAnswerCacheBytes: Math.round(values.FINDER_ANSWER_CACHE_MB * 1024 * 1024),
    keys: values.ATLAS_KEYS,
    keyFile: resolve(values.ATLAS_KEY_FILE ?? join(values.DATA_DIR, 'keys.json')),
    erasureLedgerFile: resolve(
      values.ATLAS_ERASURE_LEDGER ??
        join(dirname(resolve(values.ATLAS_KEY_FILE ?? join(values.DATA_DIR, 'keys.json'))), 'erased-keys.txt'),
    ),
    retentionDays: parseRetentionDays(values.RETENTION_DAYS),
    importBodyLimitBytes: Math.round(values.IMPORT_BODY_LIMIT_MB * 1024 * 1024),
    trustedProxies: values.TRUSTED_PROXIES,
    sessionIdleSeconds: values.SESSION_IDLE_MINUTES * 60,
    sessionLifetimeSeconds: Math.round(values.SESSION_LIFETIME_HOURS * 60 * 60),
    invitationLifetimeSeconds: Math.round(values.INVITATION_HOURS * 60 * 60),
    verificationIntervalMonths: values.VERIFICATION_INTERVAL_MONTHS,
    bedsStaleAfterSeconds: Math.round(values.BEDS_STALE_AFTER_HOURS * 60 * 60),
    bedsReminderAt: values.BEDS_REMINDER_AT,
  };
}
