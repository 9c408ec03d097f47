import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import type { Language } from '../core/language.js';
import { checkDefinition } from './questionnaire.model.js';
import {
  insertQuestionnaire,
  markQuestionnaireFrozen,
  selectQuestionnaireById,
  selectQuestionnaireByKey,
  selectQuestionnaires,
  updateUnfrozenQuestionnaire,
  type QuestionnaireRow,
} from './questionnaire.repository.js';
import {
  questionnaireDefinitionSchema,
  type LocalizedText,
  type QuestionnaireDefinition,
} from './questionnaire.schema.js';

export type Questionnaire = {
  id: string;
  key: string;
  version: number;
  replacesId: string | null;
  title: LocalizedText;
  definition: QuestionnaireDefinition;
  frozenAt: Date | null;
};

// A frozen questionnaire never changes, so its parsed definition can be kept for the life of the process.
const frozenById = new Map<string, Questionnaire>();

function toQuestionnaire(row: QuestionnaireRow): Questionnaire {
  const cached = frozenById.get(row.id);
  if (cached) return cached;
  const questionnaire: Questionnaire = {
    id: row.id,
    key: row.key,
    version: row.version,
    replacesId: row.replaces_id,
    title: row.title as LocalizedText,
    definition: questionnaireDefinitionSchema.parse(row.definition),
    frozenAt: row.frozen_at,
  };
  if (row.frozen_at) frozenById.set(row.id, questionnaire);
  return questionnaire;
}

/** The text in the reader's language, falling back to the Latvian source. */
export function localize(text: LocalizedText | undefined, language: Language): string {
  if (!text) return '';
  return text[language] || text.lv;
}

/** One questionnaire by its key ('lv-2004'); throws not_found. */
export async function getQuestionnaireByKey(db: Kysely<Database>, key: string): Promise<Questionnaire> {
  const row = await selectQuestionnaireByKey(db, key);
  if (!row) throw new AppError('not_found', 'survey.error.questionnaire_not_found', [], { key });
  return toQuestionnaire(row);
}

/** One questionnaire by id; throws not_found. */
export async function getQuestionnaireById(db: Kysely<Database>, id: string): Promise<Questionnaire> {
  const row = await selectQuestionnaireById(db, id);
  if (!row) throw new AppError('not_found', 'error.not_found');
  return toQuestionnaire(row);
}

/** Every stored questionnaire, oldest first. */
export async function listQuestionnaires(db: Kysely<Database>): Promise<Questionnaire[]> {
  return (await selectQuestionnaires(db)).map(toQuestionnaire);
}

/**
 * Stores a questionnaire version. A key that exists is updated only while no wave uses it; once frozen, a
 * change must be a new version under a new key (`replacesId` pointing back), so old answers keep their meaning.
 */
export async function saveQuestionnaire(
  db: Kysely<Database>,
  input: {
    key: string;
    version: number;
    title: LocalizedText;
    definition: QuestionnaireDefinition;
    replacesId?: string | null;
  },
): Promise<Questionnaire> {
  const definition = questionnaireDefinitionSchema.parse(input.definition);
  const problems = checkDefinition(definition);
  if (problems.length > 0) {
    throw new AppError(
      'invalid_input',
      'survey.error.questionnaire_invalid',
      problems.map((problem) => ({
        path: input.key,
        messageKey: 'survey.error.questionnaire_problem',
        parameters: { problem },
      })),
    );
  }
  const existing = await selectQuestionnaireByKey(db, input.key);
  if (existing) {
    const updated = await updateUnfrozenQuestionnaire(db, existing.id, input.title, definition);
    if (!updated) throw new AppError('conflict', 'survey.error.questionnaire_frozen', [], { key: input.key });
    return getQuestionnaireById(db, existing.id);
  }
  const id = randomUUID();
  await insertQuestionnaire(db, {
    id,
    key: input.key,
    version: input.version,
    replacesId: input.replacesId ?? null,
    title: input.title,
    definition,
  });
  return getQuestionnaireById(db, id);
}

/** Marks a questionnaire as used by a wave: from now on it is never edited. */
export async function freezeQuestionnaire(db: Kysely<Database>, id: string): Promise<void> {
  await markQuestionnaireFrozen(db, id);
}
