import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { listNotifiableAccounts } from '../accounts/account.service.js';
import { formatMoment } from '../core/dates.js';
import { translate } from '../core/i18n.js';
import { logger } from '../core/logger.js';
import { enqueueJob, requestJobRun } from '../jobs/job.service.js';
import type { JobPayload } from '../jobs/job.table.js';
import { countMessagesByStatus, findCorrespondenceLanguages, queueMessage } from '../mail/mail.service.js';
import { getService } from '../registry/institution-read.service.js';
import type { ReferralCommand } from './referral-machine.js';
import { selectReferral } from './referral.repository.js';

// Notifications that name no one (issue 11, item 6): "1 new referral for <service>, answer by <time>: <link>", in
// the recipient institution's language, to the other side of the referral. Nothing about the person — no name,
// personal code, reason or note — reaches an e-mail, a job payload or a log line: only the referral's id, the
// service's public name and the due time.
//
// The command's transaction queues a job (ids only) next to its event, so a notification exists only if the
// command commits; the job then composes and queues the e-mails (mail/ writes the .eml file and the outbox row) and
// mail delivery sends each once. The job step is there because composing needs the process's configuration
// (sender, public address, data folder), which the referral service does not take. A daily digest instead of one
// e-mail per event is the recurring job of referral-digest.ts, for the staff who chose it on their account page.

/** The job that composes a referral notification. */
export const referralNotificationJob = 'referrals.notify';

/** Who hears of each command: the receiving institution's intake staff, or the referring team. */
export const recipientsOf: Partial<Record<ReferralCommand, 'provider_intake' | 'referrer'>> = {
  send: 'provider_intake',
  answer_info: 'provider_intake',
  request_info: 'referrer',
  accept: 'referrer',
  decline: 'referrer',
  expire: 'referrer',
};

const subjectType = 'referral_event';

/**
 * Queues the notification of one referral command, inside the command's transaction; commands the other side
 * need not hear of queue nothing. Call it after the event is written.
 */
export async function notifyReferralParties(
  trx: Kysely<Database>,
  referral: { id: string },
  command: ReferralCommand,
  version: number,
): Promise<void> {
  if (!recipientsOf[command]) return;
  await enqueueJob(trx, {
    name: referralNotificationJob,
    payload: { referralId: referral.id, command, version },
    uniqueKey: `${referralNotificationJob}:${referral.id}:${version}`,
  });
}

/** The link a notification carries: the referral's page, by id only. */
export function referralLink(config: Pick<Config, 'publicUrl'>, referralId: string): string {
  return new URL(`/staff/referrals/${encodeURIComponent(referralId)}`, config.publicUrl).toString();
}

/**
 * The job's work: composes the notification of one command in the recipients' language and queues one e-mail per
 * recipient in one transaction. Run twice for the same event, it queues nothing the second time.
 */
export async function sendReferralNotification(
  db: Kysely<Database>,
  config: Config,
  payload: JobPayload,
): Promise<string> {
  const referralId = String(payload.referralId);
  const command = String(payload.command) as ReferralCommand;
  const version = Number(payload.version);
  const role = recipientsOf[command];
  const referral = await selectReferral(db, referralId);
  if (!role || !referral) return 'nothing to send';
  const eventKey = `${referralId}:${version}`;
  const earlier = await countMessagesByStatus(db, { type: subjectType, ids: [eventKey] });
  if (earlier.some((row) => row.count > 0)) return 'already queued';

  const organizationId = role === 'provider_intake' ? referral.organization_id : referral.team_organization_id;
  const everyone = await listNotifiableAccounts(db, { role, organizationId });
  // Those who chose the daily digest hear of this event in tomorrow morning's digest instead (referral-digest.ts).
  const recipients = everyone.filter((account) => account.mode === 'immediate');
  if (everyone.length === 0) {
    logger.warn('referral notification has no recipient', { referralId, command, organizationId });
    return 'no recipient';
  }
  if (recipients.length === 0) return 'digest only';
  const language = (await findCorrespondenceLanguages(db, [organizationId])).get(organizationId) ?? 'lv';
  const service = await getService(db, referral.service_id, language);
  const due = referral.due_at
    ? formatMoment(referral.due_at, language, 'long')
    : translate(language, 'referral.notify.no_due');
  const sentence = translate(language, `referral.notify.${command}`, { service: service.name, due });
  const text = `${sentence}: ${referralLink(config, referralId)}\n\n${translate(language, 'referral.notify.footer')}\n`;
  await db.transaction().execute(async (trx) => {
    for (const recipient of recipients) {
      await queueMessage(trx, config, {
        purpose: 'referral_notification',
        subjectType,
        subjectId: eventKey,
        to: recipient.email,
        subject: sentence,
        text,
        language,
      });
    }
  });
  await requestJobRun(db, 'mail.deliver');
  logger.info('referral notification queued', { referralId, command, messages: recipients.length });
  return `${recipients.length} messages`;
}
