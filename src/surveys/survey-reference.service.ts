import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import { logger } from '../core/logger.js';
import { importCases } from './case-csv.service.js';
import { buildLv2004Questionnaire, lv2004QuestionnaireKey, lv2004Title, lvCurrentQuestionnaireKey, lvCurrentTitle } from './lv2004/questionnaire-lv2004.js';
import { selectQuestionnaireByKey } from './questionnaire.repository.js';
import { saveQuestionnaire } from './questionnaire.service.js';
import { importResponses } from './response-csv.service.js';
import { selectWaveByKey } from './wave.repository.js';
import { createWave, recordPastFieldwork } from './wave.service.js';

const lv2004Directory = join(dirname(fileURLToPath(import.meta.url)), 'lv2004');

/** The reconstructed 2004 wave's key: the same as its questionnaire's. */
export const lv2004WaveKey = 'lv-2004';

/**
 * Loads the survey reference data: the 2004 questionnaire and today's version of it (euro only), and the
 * reconstructed 2004 wave (its 600 cases and 111 responses) imported from lv2004/*.csv through the same code as `npx atlas responses import`. Each part is
 * skipped when already there; the wave is skipped with a warning while its files are missing.
 */
export async function loadSurveyReferenceData(db: Kysely<Database>): Promise<void> {
  if (!(await selectQuestionnaireByKey(db, lv2004QuestionnaireKey))) {
    await saveQuestionnaire(db, { key: lv2004QuestionnaireKey, version: 1, title: lv2004Title, definition: buildLv2004Questionnaire() });
  }
  if (!(await selectQuestionnaireByKey(db, lvCurrentQuestionnaireKey))) {
    const replaced = await selectQuestionnaireByKey(db, lv2004QuestionnaireKey);
    await saveQuestionnaire(db, { key: lvCurrentQuestionnaireKey, version: 2, title: lvCurrentTitle, definition: buildLv2004Questionnaire(['EUR']), replacesId: replaced?.id ?? null });
  }
  if (await selectWaveByKey(db, lv2004WaveKey)) return;
  const responsesFile = join(lv2004Directory, 'responses.csv');
  const casesFile = join(lv2004Directory, 'dispositions.csv');
  if (!existsSync(responsesFile) || !existsSync(casesFile)) {
    logger.warn('the reconstructed 2004 wave was not loaded: its CSV files are missing', { directory: 'src/surveys/lv2004' });
    return;
  }
  try {
    await loadLv2004Wave(db, readFileSync(casesFile, 'utf8'), readFileSync(responsesFile, 'utf8'));
  } catch (error) {
    // A broken data file must not stop the app from starting; the 2004 wave's tests say what is wrong.
    if (!(error instanceof AppError)) throw error;
    logger.error('the reconstructed 2004 wave was not loaded: its CSV files have problems', { problems: error.details.slice(0, 20).map((detail) => detail.path) });
  }
}

async function loadLv2004Wave(db: Kysely<Database>, casesCsv: string, responsesCsv: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const wave = await createWave(trx, {
      questionnaireKey: lv2004QuestionnaireKey,
      key: lv2004WaveKey,
      name: '2004: Personu, kas atbrīvojas no ieslodzījuma vietām, iespējas saņemt palīdzību (rekonstruēts)',
      // The study ran from January to June 2004; the exact mailing dates are not known.
      opensOn: '2004-01-01',
      closesOn: '2004-06-30',
      sample: { source: 'import' },
    });
    const note = '2004 study, reconstructed';
    await importCases(trx, wave, casesCsv, { note });
    await importResponses(trx, wave, responsesCsv, { note });
    await recordPastFieldwork(trx, wave.id, { openedAt: new Date('2004-01-01T09:00:00+02:00'), closedAt: new Date('2004-06-30T18:00:00+03:00') });
  });
}
