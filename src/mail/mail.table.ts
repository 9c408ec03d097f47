import type { Generated } from 'kysely';
import type { Language } from '../core/language.js';

// Row types of the mail tables (db/migrations/20261125_0500_mail.sql). Only mail/ writes them.

export const outboundMessageStatuses = ['held', 'queued', 'sent', 'failed'] as const;
/** held: in the outbox for staff (no SMTP); queued: waiting for SMTP; sent: accepted by SMTP; failed: refused. */
export type OutboundMessageStatus = (typeof outboundMessageStatuses)[number];

export type MailLanguage = Language;

export interface OutboundMessageTable {
  id: string;
  purpose: string;
  subject_type: string | null;
  subject_id: string | null;
  sender: string;
  recipient: string;
  subject: string;
  body_text: string;
  language: MailLanguage;
  message_id: string;
  status: OutboundMessageStatus;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export interface CorrespondenceLanguageTable {
  organization_id: string;
  language: MailLanguage;
  updated_at: Generated<Date>;
}
