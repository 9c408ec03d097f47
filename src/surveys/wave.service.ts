import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { latvianToday } from '../core/dates.js';
import { AppError } from '../core/errors.js';
import { listInstitutionsForSample } from '../registry/institution-read.service.js';
import type { SampledInstitution } from '../registry/institution.model.js';
import { addCases, changeDisposition, tokenExpiryFor } from './case.service.js';
import { answeredShare } from './questionnaire.model.js';
import { freezeQuestionnaire, getQuestionnaireById, getQuestionnaireByKey } from './questionnaire.service.js';
import { selectInProgressResponsesWithCases } from './response.repository.js';
import type { SurveyInstitutionType, WaveEventKind, WaveStatus } from './survey.table.js';
import {
  insertWave,
  insertWaveEvent,
  selectAllWaves,
  selectWaveById,
  selectWaveByKey,
  selectWaveCounts,
  selectWaveEvents,
  updateWaveStatus,
  updateWaveTokenExpiry,
  type WaveRow,
} from './wave.repository.js';

export type Wave = {
  id: string;
  key: string;
  name: string;
  questionnaireId: string;
  questionnaireKey: string;
  status: WaveStatus;
  sample: WaveSample;
  opensOn: string | null;
  closesOn: string | null;
  createdAt: Date;
};

/** How a wave's cases were chosen. */
export type WaveSample =
  | { source: 'registry'; institutionTypes: string[]; territoryCodes: string[] }
  | { source: 'import' }
  | { source: 'none' };

export type WaveSummary = Wave & { cases: number; completes: number; responses: number };

export type WaveEvent = { id: string; event: WaveEventKind; occurredAt: Date; accountId: string | null };

/** Share of the help blocks' key questions a respondent must answer to count as a partial (AAPOR: researcher-set; 50%). */
export const partialThreshold = 0.5;

function toWave(row: WaveRow): Wave {
  const sample = row.sample as Partial<{ source: string; institutionTypes: string[]; territoryCodes: string[] }>;
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    questionnaireId: row.questionnaire_id,
    questionnaireKey: row.questionnaire_key,
    status: row.status,
    sample:
      sample.source === 'registry'
        ? {
            source: 'registry',
            institutionTypes: sample.institutionTypes ?? [],
            territoryCodes: sample.territoryCodes ?? [],
          }
        : sample.source === 'import'
          ? { source: 'import' }
          : { source: 'none' },
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    createdAt: row.created_at,
  };
}

/** A short, unguessable-enough, readable wave key: the year and four hex digits ('2026-a1b2'). */
function generateWaveKey(now: Date): string {
  return `${latvianToday(now).slice(0, 4)}-${randomBytes(2).toString('hex')}`;
}

/** One wave by key ('lv-2004', '2026-a1b2'); throws not_found. */
export async function getWaveByKey(db: Kysely<Database>, key: string): Promise<Wave> {
  const row = await selectWaveByKey(db, key);
  if (!row) throw new AppError('not_found', 'survey.error.wave_not_found', [], { key });
  return toWave(row);
}

/** One wave by id; throws not_found. */
export async function getWave(db: Kysely<Database>, id: string): Promise<Wave> {
  const row = await selectWaveById(db, id);
  if (!row) throw new AppError('not_found', 'survey.error.wave_not_found', [], { key: id });
  return toWave(row);
}

/** Every wave, newest first, with its numbers of cases, completes and responses. */
export async function listWaves(db: Kysely<Database>): Promise<WaveSummary[]> {
  const [rows, counts] = await Promise.all([selectAllWaves(db), selectWaveCounts(db)]);
  const byWave = new Map(counts.map((count) => [count.wave_id, count]));
  return rows.map((row) => {
    const count = byWave.get(row.id);
    return {
      ...toWave(row),
      cases: Number(count?.cases ?? 0),
      completes: Number(count?.completes ?? 0),
      responses: Number(count?.responses ?? 0),
    };
  });
}

/** Opening, closing and reopening of a wave, oldest first. */
export async function listWaveEvents(db: Kysely<Database>, waveId: string): Promise<WaveEvent[]> {
  return (await selectWaveEvents(db, waveId)).map((row) => ({
    id: row.id,
    event: row.event,
    occurredAt: row.occurred_at,
    accountId: row.account_id,
  }));
}

/**
 * Creates a wave (status draft) on a questionnaire, which is frozen from now on. The key is generated unless
 * given ('lv-2004' for the reconstructed wave); a taken key is a conflict.
 */
export async function createWave(
  db: Kysely<Database>,
  input: {
    questionnaireKey: string;
    name: string;
    key?: string;
    opensOn?: string | null;
    closesOn?: string | null;
    sample?: WaveSample;
  },
): Promise<Wave> {
  const questionnaire = await getQuestionnaireByKey(db, input.questionnaireKey);
  if (input.opensOn && input.closesOn && input.closesOn < input.opensOn) {
    throw new AppError('invalid_input', 'error.invalid_input', [
      { path: 'closes_on', messageKey: 'survey.staff.closes_before_opens' },
    ]);
  }
  let key = input.key ?? generateWaveKey(new Date());
  if (input.key) {
    if (await selectWaveByKey(db, input.key))
      throw new AppError('conflict', 'survey.error.wave_key_taken', [], { key: input.key });
  } else {
    for (let attempt = 0; attempt < 20 && (await selectWaveByKey(db, key)); attempt++)
      key = generateWaveKey(new Date());
  }
  const id = randomUUID();
  await freezeQuestionnaire(db, questionnaire.id);
  await insertWave(db, {
    id,
    key,
    name: input.name,
    questionnaireId: questionnaire.id,
    sample: input.sample ?? { source: 'none' },
    opensOn: input.opensOn ?? null,
    closesOn: input.closesOn ?? null,
  });
  return getWave(db, id);
}

/** The registry's institution types in the survey's coarser vocabulary (the 2004 form had six). */
export function surveyInstitutionType(registryType: string | null): SurveyInstitutionType {
  switch (registryType) {
    case 'municipal_social_service':
    case 'municipal_other':
      return 'municipal';
    case 'state':
    case 'prison':
      return 'state';
    case 'ngo':
    case 'religious':
    case 'private':
      return registryType;
    default:
      return 'other';
  }
}

/** The address block of a letter, one line each: street, second line, town, region, postcode. */
function postalAddressOf(institution: SampledInstitution): string | null {
  const address = institution.address;
  if (!address) return null;
  const lines = [address.address1, address.address2, address.city, address.region, address.postalCode]
    .map((line) => line?.trim() ?? '')
    .filter((line) => line !== '');
  return [...new Set(lines)].join('\n');
}

/** Case codes C001, C002 … wide enough for the sample (C0001 from 1 000 cases on). */
export function caseCode(index: number, total: number): string {
  return `C${String(index + 1).padStart(Math.max(3, String(total).length), '0')}`;
}

/**
 * Creates a wave whose sample is every registry institution of the chosen types in the chosen territories (all
 * when a list is empty). Each becomes a case with a code, a respondent code, its e-mail and postal address.
 */
export async function createWaveFromRegistry(
  db: Kysely<Database>,
  input: {
    questionnaireKey: string;
    name: string;
    institutionTypes: string[];
    territoryCodes: string[];
    opensOn?: string | null;
    closesOn?: string | null;
    accountId?: string | null;
  },
): Promise<{ wave: Wave; caseCount: number }> {
  const organizations = await listInstitutionsForSample(db, {
    institutionTypes: input.institutionTypes,
    territoryCodes: input.territoryCodes,
  });
  if (organizations.length === 0) throw new AppError('invalid_input', 'survey.error.empty_sample');
  const wave = await createWave(db, {
    questionnaireKey: input.questionnaireKey,
    name: input.name,
    opensOn: input.opensOn ?? null,
    closesOn: input.closesOn ?? null,
    sample: { source: 'registry', institutionTypes: input.institutionTypes, territoryCodes: input.territoryCodes },
  });
  const total = organizations.length;
  const caseCount = await addCases(
    db,
    organizations.map((organization, index) => ({
      wave_id: wave.id,
      case_code: caseCode(index, total),
      respondent_id: `R${caseCode(index, total).slice(1)}`,
      organization_id: organization.id,
      organization_name: organization.name,
      institution_type: surveyInstitutionType(organization.type),
      territory: organization.territoryCode,
      contact_email: organization.email,
      postal_address: postalAddressOf(organization),
    })),
    { accountId: input.accountId ?? null, note: 'sampled from the registry' },
  );
  return { wave, caseCount };
}

/** Opens a draft wave: personal links start to work. */
export async function openWave(
  db: Kysely<Database>,
  waveId: string,
  context: { accountId?: string | null } = {},
): Promise<Wave> {
  const wave = await getWave(db, waveId);
  if (wave.status !== 'draft') throw new AppError('conflict', 'survey.error.wave_not_draft');
  await updateWaveStatus(db, waveId, 'open');
  await updateWaveTokenExpiry(db, waveId, tokenExpiryFor(wave.closesOn));
  await insertWaveEvent(db, { id: randomUUID(), waveId, event: 'opened', accountId: context.accountId ?? null });
  return getWave(db, waveId);
}

/**
 * Closes an open wave: every personal link expires now, and respondents who started but answered less than the
 * partial threshold become break-offs (AAPOR 2.12, counted with refusals) unless staff coded the case by hand.
 * Partials stay partial.
 */
export async function closeWave(
  db: Kysely<Database>,
  waveId: string,
  context: { accountId?: string | null } = {},
): Promise<Wave> {
  const wave = await getWave(db, waveId);
  if (wave.status !== 'open') throw new AppError('conflict', 'survey.error.wave_not_open');
  await updateWaveStatus(db, waveId, 'closed');
  await updateWaveTokenExpiry(db, waveId, new Date());
  await insertWaveEvent(db, { id: randomUUID(), waveId, event: 'closed', accountId: context.accountId ?? null });
  const questionnaire = await getQuestionnaireById(db, wave.questionnaireId);
  for (const started of await selectInProgressResponsesWithCases(db, waveId)) {
    const isPartial = answeredShare(questionnaire.definition, started.answers) >= partialThreshold;
    if (isPartial && (started.disposition === 'unknown_eligibility' || started.disposition === 'non_contact')) {
      await changeDisposition(db, started.case_id, 'partial', {
        accountId: context.accountId ?? null,
        note: 'wave closed: partial response',
      });
    } else if (!isPartial && started.disposition === 'unknown_eligibility') {
      // Only the default is overridden: a disposition staff set by hand (non-contact, other …) is their call.
      await changeDisposition(db, started.case_id, 'refusal', {
        accountId: context.accountId ?? null,
        note: 'wave closed: break-off (AAPOR 2.12)',
      });
    }
  }
  return getWave(db, waveId);
}

/** Reopens a closed wave, optionally with a new closing date: the same personal links work again. */
export async function reopenWave(
  db: Kysely<Database>,
  waveId: string,
  context: { accountId?: string | null; closesOn?: string | null } = {},
): Promise<Wave> {
  const wave = await getWave(db, waveId);
  if (wave.status !== 'closed') throw new AppError('conflict', 'survey.error.wave_not_closed');
  const closesOn = context.closesOn === undefined ? wave.closesOn : context.closesOn;
  // A closing date already past would reopen the wave with links that are dead on arrival.
  if (closesOn && closesOn < latvianToday()) {
    throw new AppError('invalid_input', 'error.invalid_input', [
      { path: 'closes_on', messageKey: 'survey.staff.closes_in_past' },
    ]);
  }
  await updateWaveStatus(db, waveId, 'open', closesOn);
  await updateWaveTokenExpiry(db, waveId, tokenExpiryFor(closesOn));
  await insertWaveEvent(db, { id: randomUUID(), waveId, event: 'reopened', accountId: context.accountId ?? null });
  return getWave(db, waveId);
}

/**
 * Records a wave that ran in the past (an imported one, like 2004): closed, with its opening and closing on the
 * dates it really had, and links that never work.
 */
export async function recordPastFieldwork(
  db: Kysely<Database>,
  waveId: string,
  dates: { openedAt: Date; closedAt: Date },
): Promise<Wave> {
  const wave = await getWave(db, waveId);
  if (wave.status !== 'draft') throw new AppError('conflict', 'survey.error.wave_not_draft');
  await updateWaveStatus(db, waveId, 'closed');
  await updateWaveTokenExpiry(db, waveId, dates.closedAt);
  await insertWaveEvent(db, { id: randomUUID(), waveId, event: 'opened', accountId: null, occurredAt: dates.openedAt });
  await insertWaveEvent(db, { id: randomUUID(), waveId, event: 'closed', accountId: null, occurredAt: dates.closedAt });
  return getWave(db, waveId);
}
