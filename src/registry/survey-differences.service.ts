// Survey answers flow into the registry (issue 15, item 4). After a wave, staff see for each institution where its
// answers differ from its listing — the help types it gives, "only for our own residents", what it could give with
// state support — and accept each difference in one step (audited, recorded in the change history). A completed
// questionnaire counts as a verification of the listing. Survey answers are read through the surveys' own service
// functions (listWaves, listCases, findResponseOfCase); "only for our own residents" is the analysis codebook's
// `residents_only` category of an institution's "what exactly" answers (analysis/coding.ts, a pure function).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { recordAuditEvent } from '../audit/audit.service.js';
import type { SignedInAccount } from '../core/account.js';
import { latvianToday } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { codeAnswer } from '../analysis/coding.js';
import { providedCodebooks } from '../analysis/codebook.js';
import { listCases } from '../surveys/case.service.js';
import { findResponseOfCase } from '../surveys/response.service.js';
import { getWaveByKey, listWaves, type Wave } from '../surveys/wave.service.js';
import { helpTypes, type HelpTypeCode } from './help-types.js';
import { serviceToInput } from './institution-form.js';
import type { InstitutionWithServices, Service, ServiceInput } from './institution.model.js';
import { getInstitutionWithServices, helpTypeTermIds } from './institution-read.service.js';
import { createService, updateService } from './institution-write.service.js';
import { serviceInputFromValues, serviceValuesFromInput } from './registry.schema.js';
import { deleteSupportCapability, insertSupportCapability, selectSupportCapabilities } from './upkeep.repository.js';
import { markListingVerified } from './verification.service.js';

/** The help types a questionnaire asks "do you give it" and "could you with state support" about. */
export const surveyedHelpTypes = [
  'documents',
  'legal',
  'employment',
  'material',
  'housing',
  'drugs',
  'alcohol',
  'shelter',
  'psychological',
] as const satisfies readonly HelpTypeCode[];
type SurveyedHelpType = (typeof surveyedHelpTypes)[number];

/** What a difference is about; its key names it in forms and audit events ('provides:material', 'residents_only'). */
export type DifferenceKind = 'provides' | 'could_with_support' | 'residents_only';

/** One place where the institution's answers and its listing disagree. */
export type Difference = {
  key: string;
  kind: DifferenceKind;
  helpType: SurveyedHelpType | null;
  /** What the answers say (true: gives it / could / only for residents). */
  survey: boolean;
  /** What the listing says today. */
  registry: boolean;
};

/** One institution's answers of one wave against its listing. */
export type InstitutionDifferences = {
  organizationId: string;
  name: string;
  completedAt: Date | null;
  differences: Difference[];
};

const publicStatuses: ReadonlySet<Service['status']> = new Set(['active', 'temporarily closed']);

function givesInRegistry(institution: InstitutionWithServices, helpType: string): boolean {
  return institution.services.some(
    (service) =>
      publicStatuses.has(service.status) &&
      service.helpTypes.some((tag) => tag.code === helpType || tag.code.startsWith(`${helpType}.`)),
  );
}

function residentsOnlyInRegistry(institution: InstitutionWithServices): boolean {
  return institution.services.some(
    (service) => publicStatuses.has(service.status) && service.eligibility.residencyRule !== 'none',
  );
}

/** "Only for our own residents" in any "what exactly" answer, as the analysis codebooks code it. */
function residentsOnlyInAnswers(answers: Record<string, string>): boolean {
  return surveyedHelpTypes.some((block) => {
    const text = answers[`${block}_provided_what`] ?? '';
    const codebook = providedCodebooks[block];
    return (
      codebook.categories.some((category) => category.code === 'residents_only') &&
      codeAnswer(text, codebook).includes('residents_only')
    );
  });
}

/** The differences between one institution's answers and its listing (and support capabilities). */
export function compareAnswers(
  answers: Record<string, string>,
  institution: InstitutionWithServices,
  capabilities: ReadonlySet<string>,
): Difference[] {
  const differences: Difference[] = [];
  for (const helpType of surveyedHelpTypes) {
    const provides = answers[`${helpType}_provides`];
    if (provides === 'yes' || provides === 'no') {
      const survey = provides === 'yes';
      const registry = givesInRegistry(institution, helpType);
      if (survey !== registry)
        differences.push({ key: `provides:${helpType}`, kind: 'provides', helpType, survey, registry });
    }
  }
  for (const helpType of surveyedHelpTypes) {
    const could = answers[`${helpType}_could_with_support`];
    if (could === 'yes' || could === 'no') {
      const survey = could === 'yes';
      const registry = capabilities.has(helpType);
      if (survey !== registry)
        differences.push({
          key: `could_with_support:${helpType}`,
          kind: 'could_with_support',
          helpType,
          survey,
          registry,
        });
    }
  }
  // Only a "yes" is an answer here: a free text that does not mention residents says nothing either way.
  if (residentsOnlyInAnswers(answers) && !residentsOnlyInRegistry(institution))
    differences.push({ key: 'residents_only', kind: 'residents_only', helpType: null, survey: true, registry: false });
  return differences;
}

/** The waves staff may compare: every wave, newest first. */
export async function listWavesForDifferences(db: Kysely<Database>): Promise<Wave[]> {
  return (await listWaves(db)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

type CompletedAnswers = { organizationId: string; completedAt: Date | null; answers: Record<string, string> };

/** The completed questionnaires of a wave that belong to a registry institution, with their answers. */
async function completedAnswersOfWave(db: Kysely<Database>, waveId: string): Promise<CompletedAnswers[]> {
  const cases = (await listCases(db, waveId)).filter(
    (surveyCase) => surveyCase.disposition === 'complete' && surveyCase.organizationId !== null,
  );
  const result: CompletedAnswers[] = [];
  for (const surveyCase of cases) {
    const response = await findResponseOfCase(db, surveyCase.id);
    if (!response) continue;
    result.push({
      organizationId: surveyCase.organizationId!,
      completedAt: surveyCase.completedAt ?? response.submittedAt,
      answers: response.answers,
    });
  }
  return result;
}

async function differencesFor(db: Kysely<Database>, completed: CompletedAnswers): Promise<InstitutionDifferences> {
  const institution = await getInstitutionWithServices(db, completed.organizationId, 'lv');
  const capabilities = new Set(
    (await selectSupportCapabilities(db, [institution.id])).map((capability) => capability.help_type),
  );
  return {
    organizationId: institution.id,
    name: institution.name,
    completedAt: completed.completedAt,
    differences: compareAnswers(completed.answers, institution, capabilities),
  };
}

/** For each institution that completed the wave's questionnaire, where its answers differ from its listing. */
export async function listSurveyDifferences(db: Kysely<Database>, waveKey: string): Promise<InstitutionDifferences[]> {
  const wave = await getWaveByKey(db, waveKey);
  const result: InstitutionDifferences[] = [];
  for (const completed of await completedAnswersOfWave(db, wave.id)) {
    try {
      result.push(await differencesFor(db, completed));
    } catch (error) {
      // An institution deleted from the registry since the wave has no listing to differ from.
      if (error instanceof AppError && error.code === 'not_found') continue;
      throw error;
    }
  }
  return result.sort((a, b) => a.name.localeCompare(b.name, 'lv'));
}

function serviceWithout(service: Service, helpType: string): ServiceInput {
  const input = serviceToInput(service);
  const removed = new Set(helpTypeTermIds(helpType));
  const helpTypeIds = input.helpTypeIds.filter((id) => !removed.has(id));
  // A service left with no help type gives nothing any more: it stays on record, inactive.
  return { ...input, helpTypeIds, status: helpTypeIds.length === 0 ? 'inactive' : input.status };
}

// From the form's empty values, so fields other domains add to a service (translations, legal basis) keep their
// defaults here too.
function newServiceFor(helpType: SurveyedHelpType): ServiceInput {
  const definition = helpTypes.find((type) => type.code === helpType)!;
  const blank = serviceInputFromValues(serviceValuesFromInput(null));
  return { ...blank, name: definition.words.lv.name, status: 'active', helpTypeIds: [definition.id] };
}

/**
 * Accepts one difference into the registry, in the caller's transaction: a help type the institution gives
 * becomes a new service of that type (staff complete it later); one it no longer gives leaves its services (a
 * service left with none becomes inactive); support capabilities are added or removed; "only for our own
 * residents" limits its services to residents of its places' municipalities. Audited; conflict when the
 * difference is gone (accepted already, or the listing changed).
 */
export async function acceptSurveyDifference(
  trx: Transaction<Database>,
  account: SignedInAccount,
  waveKey: string,
  organizationId: string,
  key: string,
): Promise<void> {
  const wave = await getWaveByKey(trx, waveKey);
  const completed = (await completedAnswersOfWave(trx, wave.id)).find(
    (candidate) => candidate.organizationId === organizationId,
  );
  if (!completed) throw new AppError('not_found', 'error.not_found');
  const current = await differencesFor(trx, completed);
  const difference = current.differences.find((candidate) => candidate.key === key);
  if (!difference) throw new AppError('conflict', 'upkeep.differences.gone');
  const institution = await getInstitutionWithServices(trx, organizationId, 'lv');
  const context = { updatedBy: account.id };
  const helpType = difference.helpType;
  if (difference.kind === 'provides' && helpType) {
    if (difference.survey) await createService(trx, organizationId, newServiceFor(helpType), context);
    else
      for (const service of institution.services.filter((candidate) =>
        candidate.helpTypes.some((tag) => tag.code === helpType || tag.code.startsWith(`${helpType}.`)),
      ))
        await updateService(trx, service.id, serviceWithout(service, helpType), context);
  } else if (difference.kind === 'could_with_support' && helpType) {
    if (difference.survey) await insertSupportCapability(trx, organizationId, helpType);
    else await deleteSupportCapability(trx, organizationId, helpType);
  } else if (difference.kind === 'residents_only') {
    const municipalities = [
      ...new Set(
        institution.locations
          .map((location) => location.municipalityCode ?? location.territoryCode)
          .filter((code): code is string => code !== null),
      ),
    ];
    if (municipalities.length === 0) throw new AppError('conflict', 'upkeep.differences.no_place');
    for (const service of institution.services.filter(
      (candidate) => publicStatuses.has(candidate.status) && candidate.eligibility.residencyRule === 'none',
    )) {
      const input = serviceToInput(service);
      await updateService(
        trx,
        service.id,
        {
          ...input,
          eligibility: {
            ...input.eligibility,
            residencyRule: 'last_declared_residence',
            residencyTerritoryCodes: municipalities,
          },
        },
        context,
      );
    }
  }
  await recordAuditEvent(trx, {
    accountId: account.id,
    action: 'registry.survey_difference.accept',
    entityType: 'organization',
    entityId: organizationId,
    details: { organization_id: organizationId, wave: wave.key, difference: key },
  });
}

/**
 * A completed questionnaire counts as a verification: each institution that completed a wave gets the completion
 * day as its verified date, where that is newer. Returns how many listings moved (the daily job calls it).
 */
export async function recordSurveyVerifications(db: Kysely<Database>): Promise<number> {
  let moved = 0;
  for (const wave of await listWaves(db)) {
    for (const completed of await completedAnswersOfWave(db, wave.id)) {
      if (!completed.completedAt) continue;
      const day = latvianToday(completed.completedAt);
      const changed = await db
        .transaction()
        .execute((trx) => markListingVerified(trx, completed.organizationId, day, `survey:${wave.key}`))
        .catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'not_found') return false;
          throw error;
        });
      if (changed) moved += 1;
    }
  }
  return moved;
}
