// Every domain's translated messages, merged by i18n.ts. Add one line per domain catalog.
import { commonMessages } from './http/common.messages.js';
import { coverageMessages } from './coverage/coverage.messages.js';
import { institutionMessages } from './institutions/institution.messages.js';
import { institutionPlacesMessages } from './institutions/institution-places.messages.js';
import { planMessages } from './plan/plan.messages.js';
import { finderMessages } from './finder/finder.messages.js';
import { finderPhoneMessages } from './finder/finder-phone.messages.js';
import { accountsMessages } from './accounts/accounts.messages.js';
import { mailMessages } from './mail/mail.messages.js';
import { hsdsMessages } from './registry/hsds.messages.js';
import { registryMessages } from './registry/registry.messages.js';
import { entitlementMessages } from './registry/entitlement.messages.js';
import { listingTextMessages } from './registry/listing-text.messages.js';
import { surveyMessages } from './surveys/surveys.messages.js';
import { invitationMessages } from './surveys/invitations.messages.js';
import { reportMessages } from './report/report.messages.js';
import { analysisMessages } from './analysis/analysis.messages.js';
import { referralMessages } from './referrals/referrals.messages.js';
import { dpoMessages } from './dpo/dpo.messages.js';
import { referralNotificationMessages } from './referrals/referral-notifications.messages.js';
import { jobsMessages } from './jobs/jobs.messages.js';
import { planningMessages } from './planning/planning.messages.js';
import { referralPageMessages } from './referrals/referral-pages.messages.js';
import { referralPrintMessages } from './referrals/referral-print.messages.js';
import { upkeepMessages } from './registry/upkeep.messages.js';
import { bedsMessages } from './beds/beds.messages.js';
import type { MessageCatalog } from './core/i18n.js';

export const catalogs: MessageCatalog[] = [
  invitationMessages,
  commonMessages,
  registryMessages,
  listingTextMessages,
  accountsMessages,
  coverageMessages,
  institutionMessages,
  institutionPlacesMessages,
  planMessages,
  mailMessages,
  finderMessages,
  finderPhoneMessages,
  hsdsMessages,
  surveyMessages,
  reportMessages,
  analysisMessages,
  referralMessages,
  dpoMessages,
  referralNotificationMessages,
  jobsMessages,
  planningMessages,
  referralPageMessages,
  referralPrintMessages,
  upkeepMessages,
  entitlementMessages,
  bedsMessages,
];
