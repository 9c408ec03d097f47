import type { Kysely } from 'kysely';
import { listNotifiableAccounts } from '../accounts/account.service.js';
import type { Config } from '../config.js';
import { addDays, formatMoment, latvianToday, latvianWeekTime } from '../core/dates.js';
import { translate } from '../core/i18n.js';
import { logger } from '../core/logger.js';
import type { Database } from '../db/database.js';
import { requestJobRun } from '../jobs/job.service.js';
import { countMessagesByStatus, findCorrespondenceLanguages, queueMessage } from '../mail/mail.service.js';
import { getService } from '../registry/institution-read.service.js';
import type { ReferralCommand } from './referral-machine.js';
import { recipientsOf } from './referral-notifications.js';
import { selectEventCountsByService } from './referral.repository.js';

// The daily digest (issue 11, item 6): staff who chose it on their own account page get, instead of one e-mail per
// referral event, one e-mail each morning with counts per service — "3 new referrals for <service>, the first due
// <time>: <link>" — in their institution's language. Like the immediate e-mails it names no one: no name, code,
// reason or note, only counts, a service's public name, a due time and a link to the list.
//
// It runs as the recurring job `referrals.digest` (jobs/, one process at a time in the cluster) every 15 minutes; a
// run before 07:00 Riga time does nothing, and each account's digest for a day is one outbox row (subject
// `referral_digest`, `<account id>:<day>`), so later runs the same day — in this process or another — add nothing.
// A digest covers the events from 07:00 the day before to 07:00 of its day (Riga time; on the two nights a year
// the clocks change, the window is an hour longer or shorter).

/** The job that sends the digests. */
export const referralDigestJob = 'referrals.digest';
/** When the digest goes out, in minutes after midnight in Riga. */
export const digestMinuteOfDay = 7 * 60;

const subjectType = 'referral_digest';

/** The moment of `minute` (after midnight) on a calendar date in Riga, summer or winter. */
function latvianMoment(isoDate: string, minute: number): Date {
  const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`;
  const winter = new Date(`${isoDate}T${time}+02:00`);
  return latvianToday(winter) === isoDate && latvianWeekTime(winter).minute === minute
    ? winter
    : new Date(`${isoDate}T${time}+03:00`);
}

/** The digest day a moment belongs to, and its window of events; null before 07:00 Riga time. */
export function digestWindow(now: Date): { day: string; from: Date; to: Date } | null {
  if (latvianWeekTime(now).minute < digestMinuteOfDay) return null;
  const day = latvianToday(now);
  return { day, from: latvianMoment(addDays(day, -1), digestMinuteOfDay), to: latvianMoment(day, digestMinuteOfDay) };
}

/**
 * Queues today's digest for every account that chose one and has something to hear of; run any number of times
 * a day, each account gets one digest a day. Returns what it did, for the job's run record (counts only).
 */
export async function sendDailyDigests(db: Kysely<Database>, config: Config, now = new Date()): Promise<string> {
  const window = digestWindow(now);
  if (!window) return 'before 07:00';
  const accounts = await listNotifiableAccounts(db, { mode: 'digest' });
  let queued = 0;
  for (const account of accounts) {
    if (account.role !== 'provider_intake' && account.role !== 'referrer') continue;
    if (!account.organizationId) continue;
    const key = `${account.id}:${window.day}`;
    const earlier = await countMessagesByStatus(db, { type: subjectType, ids: [key] });
    if (earlier.some((row) => row.count > 0)) continue;
    const commands = (Object.keys(recipientsOf) as ReferralCommand[]).filter(
      (command) => recipientsOf[command] === account.role,
    );
    const rows = await selectEventCountsByService(db, {
      ...(account.role === 'provider_intake'
        ? { organizationId: account.organizationId }
        : { teamOrganizationId: account.organizationId }),
      commands,
      from: window.from,
      to: window.to,
    });
    if (rows.length === 0) continue;
    const language =
      (await findCorrespondenceLanguages(db, [account.organizationId])).get(account.organizationId) ?? 'lv';
    const link = new URL(account.role === 'provider_intake' ? '/staff/inbox' : '/staff/referrals', config.publicUrl);
    const lines: string[] = [];
    for (const row of rows) {
      const service = await getService(db, row.service_id, language).catch(() => undefined);
      const due = row.first_due
        ? formatMoment(new Date(row.first_due), language, 'long')
        : translate(language, 'referral.notify.no_due');
      const sentence = translate(language, `referral.digest.${row.command}`, {
        count: Number(row.count),
        service: service?.name ?? '—',
        due,
      });
      lines.push(`${sentence}: ${link.toString()}`);
    }
    const subject = translate(language, 'referral.digest.subject', { date: window.day });
    const text = `${lines.join('\n')}\n\n${translate(language, 'referral.digest.footer')}\n`;
    await db.transaction().execute(async (trx) => {
      // Checked again inside the transaction that queues it: a second run between the check and here adds nothing.
      const again = await countMessagesByStatus(trx, { type: subjectType, ids: [key] });
      if (again.some((row) => row.count > 0)) return;
      await queueMessage(trx, config, {
        purpose: 'referral_digest',
        subjectType,
        subjectId: key,
        to: account.email,
        subject,
        text,
        language,
      });
      queued += 1;
    });
  }
  if (queued > 0) await requestJobRun(db, 'mail.deliver');
  logger.info('referral digests queued', { day: window.day, messages: queued });
  return `${queued} digests for ${window.day}`;
}
