import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import {
  buildLv2004Questionnaire,
  lv2004QuestionnaireKey,
  lv2004Title,
  lvCurrentQuestionnaireKey,
  lvCurrentTitle,
} from './lv2004/questionnaire-lv2004.js';
import { selectQuestionnaireByKey } from './questionnaire.repository.js';
import { saveQuestionnaire } from './questionnaire.service.js';

/** The reconstructed 2004 wave's key: the same as its questionnaire's. */
export const lv2004WaveKey = 'lv-2004';

/**
 * Loads the survey reference data: the 2004 questionnaire and today's version of it (euro only), each skipped when
 * already there. The reconstructed 2004 wave is demonstration data (lv2004/demo-wave.ts, `npx atlas demo load`).
 */
export async function loadSurveyReferenceData(db: Kysely<Database>): Promise<void> {
  if (!(await selectQuestionnaireByKey(db, lv2004QuestionnaireKey))) {
    await saveQuestionnaire(db, {
      key: lv2004QuestionnaireKey,
      version: 1,
      title: lv2004Title,
      definition: buildLv2004Questionnaire(),
    });
  }
  if (!(await selectQuestionnaireByKey(db, lvCurrentQuestionnaireKey))) {
    const replaced = await selectQuestionnaireByKey(db, lv2004QuestionnaireKey);
    await saveQuestionnaire(db, {
      key: lvCurrentQuestionnaireKey,
      version: 2,
      title: lvCurrentTitle,
      definition: buildLv2004Questionnaire(['EUR']),
      replacesId: replaced?.id ?? null,
    });
  }
}
