import { z } from 'zod';

// The shape of a questionnaire stored as data (XLSForm-like): checked when a definition enters the database and
// when it is read back, so a hand-edited or older definition cannot reach a respondent half-formed.

const localizedText = z.object({ lv: z.string().min(1), ru: z.string().min(1), en: z.string().min(1) });

const questionId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'question ids are lower-case words joined by _');

export const questionSchema = z.object({
  id: questionId,
  type: z.enum(['yes_no', 'text', 'number', 'choice']),
  label: localizedText,
  hint: localizedText.optional(),
  /** A sub-heading shown before this question (e.g. "What would you need?"). */
  heading: localizedText.optional(),
  choices: z.array(z.object({ value: z.string().regex(/^[A-Za-z0-9_]+$/), label: localizedText })).optional(),
  /** Shown and kept only when true, e.g. "documents_provides = yes". */
  relevant: z.string().optional(),
  /** Must be answered when true, e.g. "documents_needs_funding_amount != ''". */
  requiredIf: z.string().optional(),
  multiline: z.boolean().optional(),
  maxLength: z.number().int().positive().optional(),
  /** Asked only when staff key in a form (e.g. how the form came back); online it is filled in by the system. */
  askedOf: z.literal('staff').optional(),
  /** Not a form field at all (the respondent id comes from the case). */
  system: z.boolean().optional(),
});

export const blockSchema = z.object({
  id: questionId,
  title: localizedText,
  intro: localizedText.optional(),
  /** Said online only, never on the printed form (e.g. "answers are saved; continue later with the same link"). */
  onlineNote: localizedText.optional(),
  questions: z.array(questionSchema).min(1),
});

export const questionnaireDefinitionSchema = z.object({
  formatVersion: z.literal(1),
  sourceLanguage: z.literal('lv'),
  blocks: z.array(blockSchema).min(1),
});

export type LocalizedText = z.infer<typeof localizedText>;
export type Question = z.infer<typeof questionSchema>;
export type Block = z.infer<typeof blockSchema>;
export type QuestionnaireDefinition = z.infer<typeof questionnaireDefinitionSchema>;
