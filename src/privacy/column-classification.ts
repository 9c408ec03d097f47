// Every column of every table, classified in one place (docs/privacy/dpia.md): what kind of data it holds and how
// long it is kept. privacy/column-classification.test.ts fails when a column has no entry, and when a column about a
// person holds anything but sealed values — unless the entry says why it may not be sealed.

/** non_personal: nothing about a person; personal: about a person; special: health (GDPR Art. 9);
 * criminal: about offences or prison (Art. 10). */
export type DataClass = 'non_personal' | 'personal' | 'special' | 'criminal';

/** How long rows live (docs/privacy/retention.md). */
export type RetentionClass =
  | 'reference' // territories, taxonomy, migrations: for ever
  | 'registry' // public listings: while the institution exists
  | 'survey' // survey waves and answers: for the study's life
  | 'account' // staff accounts: while employed, then deactivated
  | 'session' // sessions, sign-in attempts: hours to weeks
  | 'mail' // the outbox: until sent, then months
  | 'audit' // the audit trail: 5 years
  | 'network'; // people, consents, referrals: per the retention schedule

const n: DataClass = 'non_personal';
const p: DataClass = 'personal';
const s: DataClass = 'special';
const c: DataClass = 'criminal';

export type TableClassification = {
  retention: RetentionClass;
  columns: Record<string, DataClass>;
  /** Columns about people that are stored in clear on purpose, each with the reason. */
  unsealed?: Record<string, string>;
};

const publicListing = 'part of a public directory listing: a work contact the institution publishes itself';
const staffWork = 'a staff member’s work account, needed in clear to sign in and to show who did what';

const allNonPersonal = (retention: RetentionClass, columns: string): TableClassification => ({
  retention,
  columns: Object.fromEntries(columns.split(/\s+/).map((column) => [column, n])),
});

const withColumns = (table: TableClassification, columns: Record<string, DataClass>): TableClassification => ({
  ...table,
  columns: { ...table.columns, ...columns },
});

export const columnClassification: Record<string, TableClassification> = {
  schema_migration: allNonPersonal('reference', 'name applied_at'),
  territory: allNonPersonal(
    'reference',
    'code name_lv name_en kind level parent_code iso_code centre_name centre_latitude centre_longitude planning_region valid_from valid_to search_name',
  ),
  region_2004: allNonPersonal(
    'reference',
    'code name_lv name_en kind centre_name centre_latitude centre_longitude successor_names search_name',
  ),
  taxonomy: allNonPersonal('reference', 'id name description uri version'),
  taxonomy_term: allNonPersonal(
    'reference',
    'id code name description parent_id taxonomy taxonomy_id language term_uri',
  ),
  taxonomy_term_translation: allNonPersonal('reference', 'taxonomy_term_id language name description'),
  organization_translation: allNonPersonal('registry', 'organization_id language name description'),
  service_translation: allNonPersonal(
    'registry',
    'service_id language name description eligibility_description required_documents application_process fees_description hours_note',
  ),
  organization: allNonPersonal(
    'registry',
    'id name alternate_name description email website tax_status tax_id year_incorporated legal_status logo uri parent_organization_id institution_type is_demo last_verified_on search_name created_at updated_at',
  ),
  organization_identifier: allNonPersonal(
    'registry',
    'id organization_id identifier_scheme identifier_type identifier',
  ),
  program: allNonPersonal('registry', 'id organization_id name alternate_name description'),
  service: allNonPersonal(
    'registry',
    'id organization_id program_id name alternate_name description url email status interpretation_services application_process fees_description wait_time fees accreditations eligibility_description minimum_age maximum_age assured_date assurer_email licenses alert last_modified residency_rule eligible_sex capacity_beds is_statewide last_verified_on created_at updated_at legal_basis_act legal_basis_article legal_basis_url benefit_amount benefit_limits',
  ),
  service_residency_territory: allNonPersonal('registry', 'service_id territory_code'),
  location: allNonPersonal(
    'registry',
    'id location_type url organization_id name alternate_name description transportation latitude longitude external_identifier external_identifier_type territory_code',
  ),
  service_at_location: allNonPersonal('registry', 'id service_id location_id description'),
  address: allNonPersonal(
    'registry',
    'id location_id attention address_1 address_2 city region state_province postal_code country address_type',
  ),
  phone: allNonPersonal(
    'registry',
    'id location_id service_id organization_id contact_id service_at_location_id number extension type description',
  ),
  schedule: allNonPersonal(
    'registry',
    'id service_id location_id service_at_location_id valid_from valid_to dtstart timezone until count wkst freq interval byday byweekno bymonthday byyearday description opens_at closes_at schedule_link attending_type notes',
  ),
  service_area: allNonPersonal('registry', 'id service_id name description extent extent_type uri territory_code'),
  language: allNonPersonal('registry', 'id service_id location_id phone_id name code note'),
  required_document: allNonPersonal('registry', 'id service_id document uri'),
  cost_option: allNonPersonal(
    'registry',
    'id service_id valid_from valid_to option currency amount amount_description',
  ),
  funding: allNonPersonal('registry', 'id organization_id service_id source'),
  accessibility: allNonPersonal('registry', 'id location_id description details url'),
  attribute: allNonPersonal('registry', 'id link_id taxonomy_term_id link_type link_entity value'),
  registry_revision: allNonPersonal('registry', 'id revision changed_at'),
  // The finder's copy of public listings (the same registry columns, compressed), one row per registry revision.
  finder_snapshot: allNonPersonal('registry', 'revision source_format created_at content'),
  correspondence_language: allNonPersonal('registry', 'organization_id language updated_at'),
  contact: {
    retention: 'registry',
    columns: {
      id: n,
      organization_id: n,
      service_id: n,
      service_at_location_id: n,
      location_id: n,
      name: p,
      title: n,
      department: n,
      email: p,
    },
    unsealed: { name: publicListing, email: publicListing },
  },
  metadata: {
    retention: 'registry',
    columns: {
      id: n,
      resource_id: n,
      resource_type: n,
      last_action_date: n,
      last_action_type: n,
      field_name: n,
      previous_value: n,
      replacement_value: n,
      updated_by: p,
    },
    unsealed: { updated_by: staffWork },
  },
  account: {
    retention: 'account',
    columns: {
      id: n,
      email: p,
      display_name: p,
      role: n,
      organization_id: n,
      password_hash: n,
      is_active: n,
      created_at: n,
      last_login_at: n,
      notification_mode: n,
    },
    unsealed: { email: staffWork, display_name: staffWork },
  },
  account_invitation: {
    retention: 'account',
    columns: {
      id: n,
      email: p,
      display_name: p,
      role: n,
      organization_id: n,
      account_id: n,
      token_hash: n,
      expires_at: n,
      invited_by: n,
      created_at: n,
      accepted_at: n,
      revoked_at: n,
    },
    unsealed: { email: staffWork, display_name: staffWork },
  },
  session: allNonPersonal('session', 'id account_id created_at expires_at last_seen_at'),
  login_attempt: allNonPersonal('session', 'id email_key client_key succeeded attempted_at'),
  app_secret: allNonPersonal('reference', 'name value created_at'),
  api_token: allNonPersonal('account', 'id account_id token_hash label created_at last_used_at revoked_at'),
  audit_event: allNonPersonal(
    'audit',
    'id occurred_at account_id action entity_type entity_id details chain_partition chain_sequence previous_hash hash',
  ),
  audit_chain_head: allNonPersonal('audit', 'chain_partition chain_sequence hash'),
  audit_chain_checkpoint: allNonPersonal('audit', 'chain_partition chain_sequence hash recorded_at'),
  job: allNonPersonal(
    'reference',
    'id name unique_key payload every_seconds status run_at attempts max_attempts locked_by locked_until last_error last_run_at created_at',
  ),
  job_run: allNonPersonal('session', 'id job_id job_name attempt process_id started_at finished_at outcome detail'),
  outbound_message: {
    retention: 'mail',
    columns: {
      id: n,
      purpose: n,
      subject_type: n,
      subject_id: n,
      sender: n,
      recipient: p,
      subject: n,
      body_text: n,
      language: n,
      message_id: n,
      status: n,
      attempts: n,
      next_attempt_at: n,
      error: n,
      created_at: n,
      sent_at: n,
    },
    unsealed: { recipient: 'an institution’s published or work address; the mail server needs it in clear' },
  },
  questionnaire: allNonPersonal('survey', 'id key version replaces_id title definition frozen_at created_at'),
  wave: allNonPersonal('survey', 'id key name questionnaire_id status sample opens_on closes_on created_at'),
  wave_event: allNonPersonal('survey', 'id wave_id event occurred_at account_id'),
  survey_case: {
    retention: 'survey',
    columns: Object.fromEntries(
      'id wave_id case_code organization_id institution_type territory respondent_id organization_name contact_email postal_address token_hash token_expires_at disposition invited_at invitation_channel reminded_at reminder_count completed_at created_at'
        .split(' ')
        .map((column) => [column, column === 'contact_email' ? p : n]),
    ),
    unsealed: {
      contact_email: 'an institution’s work address the survey writes to; the mail server needs it in clear',
    },
  },
  survey_link: allNonPersonal('survey', 'token_hash case_id issued_at'),
  disposition_event: allNonPersonal('survey', 'id case_id from_disposition to_disposition occurred_at account_id note'),
  survey_response: allNonPersonal(
    'survey',
    'id wave_id case_id respondent_id mode status answers current_page created_at updated_at submitted_at',
  ),
  response_entry: allNonPersonal(
    'survey',
    'id wave_id case_id respondent_id entry_number answers current_page account_id created_at updated_at finished_at',
  ),
  answer_code: allNonPersonal(
    'survey',
    'wave_id respondent_id question_id category source answer_text account_id updated_at',
  ),
  analysis_setting: allNonPersonal('survey', 'wave_id eligibility_rate population account_id updated_at'),
  quote_review: allNonPersonal('survey', 'wave_id question_id text_hash decision account_id decided_at'),
  analysis_answer_count: allNonPersonal('survey', 'wave_id item value count'),
  data_key: allNonPersonal('network', 'id wrapped_key kek_version created_at erased_at'),
  person: {
    retention: 'network',
    columns: {
      id: n,
      data_key_id: n,
      team_organization_id: c,
      given_name_sealed: c,
      family_name_sealed: c,
      personal_code_sealed: c,
      personal_code_index: c,
      birth_date_sealed: c,
      phone_sealed: c,
      email_sealed: c,
      expected_release_sealed: c,
      language: n,
      prison_organization_id: c,
      planned_stay_territory_code: c,
      last_residence_territory_code: c,
      created_by: n,
      created_at: n,
      erased_at: n,
    },
    unsealed: {
      personal_code_index: 'a keyed hash (blind index) of the code, not the code: finds duplicates without it',
      team_organization_id:
        'which team keeps the record: needed in clear to decide who may open it; names no one alone',
      prison_organization_id: 'an institution id, kept for counts; names no one once the sealed fields are erased',
      planned_stay_territory_code: 'a municipality code for the planners’ counts; names no one alone',
      last_residence_territory_code: 'a municipality code that drives eligibility and counts; names no one alone',
    },
  },
  consent: {
    retention: 'network',
    columns: {
      id: n,
      person_id: n,
      recipient_organization_ids: c,
      recipient_help_types: s,
      categories: n,
      purpose: c,
      method: n,
      evidence_sealed: c,
      notice_version: n,
      notice_language: n,
      given_on: n,
      expires_on: n,
      withdrawn_at: n,
      recorded_by: n,
      created_at: n,
    },
    unsealed: {
      recipient_organization_ids: 'checked on every send; institution ids, not words about the person',
      recipient_help_types: 'checked on every send; help-type codes, not words about the person',
      purpose: 'the purpose named on the consent form, chosen from the notice, not free words about the person',
    },
  },
  referral: {
    retention: 'network',
    columns: {
      id: n,
      person_id: n,
      service_id: c,
      organization_id: c,
      team_organization_id: c,
      needs: s,
      urgency: n,
      needed_by: n,
      note_sealed: c,
      risk_note_sealed: c,
      state: n,
      version: n,
      due_at: n,
      viewed_at: n,
      assigned_account_id: n,
      outcome: n,
      territory_code: n,
      created_by: n,
      created_at: n,
      updated_at: n,
      continues_referral_id: n,
    },
    unsealed: {
      service_id: 'routes the referral to the inbox; a service id, not words about the person',
      organization_id: 'routes the referral to the inbox; an institution id',
      team_organization_id: 'decides who may open the referral; an institution id',
      needs: 'help-type codes the planners count; they remain after erasure and name no one alone',
    },
  },
  break_glass_grant: withColumns(allNonPersonal('network', 'id account_id referral_id granted_at expires_at'), {
    reason_sealed: c,
  }),
  // Sealed free text of events and messages: criminal-offence data by its context.
  referral_event: withColumns(
    allNonPersonal(
      'network',
      'id referral_id version command from_state to_state actor_account_id actor reason_code idempotency_key occurred_at',
    ),
    { note_sealed: c },
  ),
  referral_message: withColumns(allNonPersonal('network', 'id referral_id author_account_id created_at'), {
    body_sealed: c,
  }),
  // planning/: a help type, a territory and a day; no link to a person, referral or account.
  unmet_need_record: allNonPersonal('network', 'id help_type territory_code recorded_on source'),
  // registry upkeep (docs/decisions/019-registry-upkeep.md): the public's mistake reports collect no contact.
  institution_follow: allNonPersonal('registry', 'account_id organization_id created_at'),
  verification_link: allNonPersonal('registry', 'token_hash organization_id created_at expires_at used_at outcome'),
  mistake_report: {
    retention: 'registry',
    columns: {
      id: n,
      organization_id: n,
      service_id: n,
      body: p,
      status: n,
      created_at: n,
      closed_at: n,
      closed_by: n,
    },
    unsealed: {
      body: 'free text about a public listing that editors must read to fix it; the form asks for no personal details and collects no contact, and nothing links a report to its sender',
    },
  },
  mistake_report_attempt: {
    retention: 'session',
    columns: { id: n, sender_key: p, attempted_at: n },
    unsealed: {
      sender_key:
        'a keyed hash (HMAC) of the sender’s network address, compared for the rate limit and deleted after a day',
    },
  },
  organization_support_capability: allNonPersonal('registry', 'organization_id help_type recorded_at'),
  // beds/: figures of places, counted walk-ins with no names, and the staff account that gave each figure.
  bed_capacity: allNonPersonal(
    'registry',
    'service_id maximum places_men places_women places_accessible available figure_at updated_at updated_by revision',
  ),
  bed_capacity_update: allNonPersonal('registry', 'id service_id available maximum recorded_at recorded_by channel'),
  bed_block: allNonPersonal('registry', 'id service_id places reason starts_at ends_at created_by created_at'),
  bed_reminder: allNonPersonal('registry', 'token_hash service_id sent_on expires_at used_at'),
  // A movement or hold with a referral id says where that referral's person is going or staying: like the referral's
  // own service_id, it is about a person's release, kept in clear because it carries no words about the person.
  bed_movement: {
    retention: 'network',
    columns: { id: n, service_id: c, kind: n, referral_id: n, occurred_at: n, recorded_by: n },
    unsealed: { service_id: 'a service id that counts a place taken; no words about the person' },
  },
  bed_hold: {
    retention: 'network',
    columns: {
      id: n,
      service_id: c,
      referral_id: n,
      held_until: n,
      state: n,
      created_by: n,
      created_at: n,
      closed_at: n,
    },
    unsealed: { service_id: 'a service id that counts a place held; no words about the person' },
  },
};
