// The whole schema as Kysely sees it: each domain declares the tables it owns in its *.table.ts.
// Add your domain's tables here, one import and one block per domain.
import type {
  OrganizationTable,
  OrganizationIdentifierTable,
  ProgramTable,
  ServiceTable,
  ServiceResidencyTerritoryTable,
  LocationTable,
  ServiceAtLocationTable,
  AddressTable,
  ContactTable,
  PhoneTable,
  ScheduleTable,
  ServiceAreaTable,
  LanguageTable,
  RequiredDocumentTable,
  CostOptionTable,
  FundingTable,
  AccessibilityTable,
  TaxonomyTable,
  TaxonomyTermTable,
  TaxonomyTermTranslationTable,
  OrganizationTranslationTable,
  ServiceTranslationTable,
  AttributeTable,
  MetadataTable,
  RegistryRevisionTable,
} from '../registry/registry.table.js';
import type { Region2004Table, TerritoryTable } from '../territories/territory.table.js';
import type { FinderSnapshotTable } from '../finder/finder.table.js';
import type {
  DispositionEventTable,
  QuestionnaireTable,
  ResponseEntryTable,
  SurveyCaseTable,
  SurveyResponseTable,
  WaveEventTable,
  WaveTable,
  SurveyLinkTable,
} from '../surveys/survey.table.js';
import type {
  AccountInvitationTable,
  AccountTable,
  AppSecretTable,
  LoginAttemptTable,
  SessionTable,
} from '../accounts/account.table.js';
import type { AuditChainCheckpointTable, AuditChainHeadTable, AuditEventTable } from '../audit/audit.table.js';
import type {
  AnalysisAnswerCountTable,
  AnalysisSettingTable,
  AnswerCodeTable,
  QuoteReviewTable,
} from '../analysis/analysis.table.js';
import type { CorrespondenceLanguageTable, OutboundMessageTable } from '../mail/mail.table.js';
import type { DataKeyTable } from '../privacy/privacy.table.js';
import type { ConsentTable, PersonTable } from '../people/people.table.js';
import type {
  BreakGlassGrantTable,
  ReferralEventTable,
  ReferralMessageTable,
  ReferralTable,
} from '../referrals/referral.table.js';
import type { UnmetNeedRecordTable } from '../planning/unmet-need.table.js';
import type { ApiTokenTable } from '../accounts/api-token.table.js';
import type { JobRunTable, JobTable } from '../jobs/job.table.js';
import type {
  InstitutionFollowTable,
  MistakeReportAttemptTable,
  MistakeReportTable,
  OrganizationSupportCapabilityTable,
  VerificationLinkTable,
} from '../registry/upkeep.table.js';
import type {
  BedBlockTable,
  BedCapacityTable,
  BedCapacityUpdateTable,
  BedHoldTable,
  BedMovementTable,
  BedReminderTable,
} from '../beds/beds.table.js';

export interface Database {
  // territories/
  territory: TerritoryTable;
  region_2004: Region2004Table;
  // registry/
  organization: OrganizationTable;
  organization_identifier: OrganizationIdentifierTable;
  program: ProgramTable;
  service: ServiceTable;
  service_residency_territory: ServiceResidencyTerritoryTable;
  location: LocationTable;
  service_at_location: ServiceAtLocationTable;
  address: AddressTable;
  contact: ContactTable;
  phone: PhoneTable;
  schedule: ScheduleTable;
  service_area: ServiceAreaTable;
  language: LanguageTable;
  required_document: RequiredDocumentTable;
  cost_option: CostOptionTable;
  funding: FundingTable;
  accessibility: AccessibilityTable;
  taxonomy: TaxonomyTable;
  taxonomy_term: TaxonomyTermTable;
  taxonomy_term_translation: TaxonomyTermTranslationTable;
  organization_translation: OrganizationTranslationTable;
  service_translation: ServiceTranslationTable;
  attribute: AttributeTable;
  metadata: MetadataTable;
  registry_revision: RegistryRevisionTable;
  // finder/
  finder_snapshot: FinderSnapshotTable;
  // surveys/
  questionnaire: QuestionnaireTable;
  wave: WaveTable;
  wave_event: WaveEventTable;
  survey_case: SurveyCaseTable;
  disposition_event: DispositionEventTable;
  survey_response: SurveyResponseTable;
  response_entry: ResponseEntryTable;
  survey_link: SurveyLinkTable;
  // accounts/
  account: AccountTable;
  account_invitation: AccountInvitationTable;
  session: SessionTable;
  login_attempt: LoginAttemptTable;
  app_secret: AppSecretTable;
  // audit/
  audit_event: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
  audit_chain_checkpoint: AuditChainCheckpointTable;
  // analysis/
  answer_code: AnswerCodeTable;
  analysis_setting: AnalysisSettingTable;
  quote_review: QuoteReviewTable;
  analysis_answer_count: AnalysisAnswerCountTable;
  // mail/
  outbound_message: OutboundMessageTable;
  correspondence_language: CorrespondenceLanguageTable;
  // privacy/
  data_key: DataKeyTable;
  // people/
  person: PersonTable;
  consent: ConsentTable;
  // referrals/
  referral: ReferralTable;
  referral_event: ReferralEventTable;
  referral_message: ReferralMessageTable;
  break_glass_grant: BreakGlassGrantTable;
  // planning/
  unmet_need_record: UnmetNeedRecordTable;
  // accounts/ (API tokens)
  api_token: ApiTokenTable;
  // jobs/
  job: JobTable;
  job_run: JobRunTable;
  // registry/ (upkeep: follows, verification links, mistake reports, support capabilities)
  institution_follow: InstitutionFollowTable;
  verification_link: VerificationLinkTable;
  mistake_report: MistakeReportTable;
  mistake_report_attempt: MistakeReportAttemptTable;
  organization_support_capability: OrganizationSupportCapabilityTable;
  // beds/
  bed_capacity: BedCapacityTable;
  bed_capacity_update: BedCapacityUpdateTable;
  bed_block: BedBlockTable;
  bed_movement: BedMovementTable;
  bed_hold: BedHoldTable;
  bed_reminder: BedReminderTable;
}
