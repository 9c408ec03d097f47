// Migrations are frozen in time and import nothing from src/, so each allowed-values list is written twice: once in
// a migration's CHECK constraint, once in code (the one source the zod schemas and row types derive from). This test
// reads the constraints from the migrated database and asserts each equals its list in code.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { DatabaseHandle } from './connection.js';
import { openTestDatabase } from '../testing/test-database.js';
import { accountRoles } from '../core/account.js';
import { notificationModes } from '../accounts/account.table.js';
import { languages } from '../core/language.js';
import { translatedLanguages } from '../registry/listing-text.js';
import { answerCodeSources, quoteDecisions } from '../analysis/analysis.table.js';
import { outboundMessageStatuses } from '../mail/mail.table.js';
import { jobRunOutcomes, jobStatuses } from '../jobs/job.table.js';
import {
  addressTypes,
  eligibleSexes,
  institutionTypes,
  locationTypes,
  residencyRules,
  scheduleFrequencies,
  serviceStatuses,
  weekdays,
} from '../registry/registry.enums.js';
import {
  dispositions,
  invitationChannels,
  responseModes,
  responseStatuses,
  surveyInstitutionTypes,
  waveEvents,
  waveStatuses,
} from '../surveys/survey.table.js';
import { territoryKinds } from '../territories/territory.table.js';
import { mistakeReportStatuses, verificationOutcomes } from '../registry/upkeep.table.js';
import { consentMethods } from '../people/consent.service.js';
import { referralOutcomes } from '../referrals/referral-machine.js';
import { urgencies } from '../referrals/referral.service.js';
import { blockReasons, capacityChannels, holdStates, movementKinds } from '../beds/beds.table.js';

let database: DatabaseHandle;
before(async () => {
  database = await openTestDatabase();
});
after(async () => {
  await database.close();
});

/** Table.column → the code's list of the values its CHECK constraint allows. */
const listsInCode: Record<string, readonly string[]> = {
  'organization.institution_type': institutionTypes,
  'service.status': serviceStatuses,
  'service.residency_rule': residencyRules,
  'service.eligible_sex': eligibleSexes,
  'location.location_type': locationTypes,
  'address.address_type': addressTypes,
  'schedule.wkst': weekdays,
  'schedule.freq': scheduleFrequencies,
  'taxonomy_term_translation.language': languages,
  'organization_translation.language': translatedLanguages,
  'service_translation.language': translatedLanguages,
  'account.role': accountRoles,
  'account_invitation.role': accountRoles,
  'account.notification_mode': notificationModes,
  'person.language': languages,
  'consent.method': consentMethods,
  'consent.notice_language': languages,
  'referral.urgency': urgencies,
  'job.status': jobStatuses,
  'job_run.outcome': jobRunOutcomes,
  'referral.outcome': referralOutcomes,
  'wave.status': waveStatuses,
  'wave_event.event': waveEvents,
  'survey_case.institution_type': surveyInstitutionTypes,
  'survey_case.disposition': dispositions,
  'survey_case.invitation_channel': invitationChannels,
  'survey_response.mode': responseModes,
  'survey_response.status': responseStatuses,
  'answer_code.source': answerCodeSources,
  'quote_review.decision': quoteDecisions,
  'outbound_message.language': languages,
  'outbound_message.status': outboundMessageStatuses,
  'correspondence_language.language': languages,
  'territory.kind': territoryKinds,
  'verification_link.outcome': verificationOutcomes,
  'mistake_report.status': mistakeReportStatuses,
  'bed_capacity_update.channel': capacityChannels,
  'bed_block.reason': blockReasons,
  'bed_movement.kind': movementKinds,
  'bed_hold.state': holdStates,
};

/** Every CHECK constraint of the form `column IN ('a', 'b', …)` over text, as table.column → the quoted values. */
async function readValueListConstraints(): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ table_name: string; column_name: string; definition: string }>`
    SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name, pg_get_constraintdef(c.oid) AS definition
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'c' AND array_length(c.conkey, 1) = 1 AND pg_get_constraintdef(c.oid) LIKE '%ARRAY[%'
  `.execute(database.db);
  const lists = new Map<string, string[]>();
  for (const row of rows) {
    const values = [...row.definition.matchAll(/'((?:[^']|'')*)'::/g)].map((match) => match[1]!.replaceAll("''", "'"));
    // Number lists (entry_number IN (1, 2), territory level) have no quoted values and no list in code.
    if (values.length > 0) lists.set(`${row.table_name.replace(/^public\./, '')}.${row.column_name}`, values);
  }
  return lists;
}

test('every CHECK constraint listing allowed values equals its list in code, in the same order', async () => {
  const inDatabase = await readValueListConstraints();
  for (const [column, values] of Object.entries(listsInCode)) {
    assert.deepEqual(inDatabase.get(column), [...values], `${column}: the migration and the code disagree`);
  }
  // A new value-list constraint needs a list in code too: none may be left unchecked.
  assert.deepEqual([...inDatabase.keys()].filter((column) => !(column in listsInCode)).sort(), []);
});
