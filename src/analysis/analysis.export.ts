// Exports for analysts: one row per respondent with values and their labels (CSV), the same data as an SPSS
// syntax file with variable and value labels, and the codes of every coded free-text answer.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { stringifyCsv } from '../core/csv.js';
import type { Language } from '../core/language.js';
import { listQuestions } from '../surveys/questionnaire.model.js';
import type { Question } from '../surveys/questionnaire.schema.js';
import { getQuestionnaireByKey, localize } from '../surveys/questionnaire.service.js';
import { getWaveByKey } from '../surveys/wave.service.js';
import { selectResponseBatch, selectReviewedCodes, type ResponseExportRow } from './analysis.repository.js';
import { listCodedQuestions } from './analysis.service.js';
import type { Codebook } from './codebook.js';
import { codeAnswer } from './coding.js';
import { allBlocks } from './questions.js';

const BATCH = 2000;
const yesNoChoices = (language: Language) => [
  { value: 'yes', label: { lv: 'Jā', ru: 'Да', en: 'Yes' }[language] },
  { value: 'no', label: { lv: 'Nē', ru: 'Нет', en: 'No' }[language] },
];

type Variable = {
  name: string;
  label: string;
  kind: 'text' | 'number' | 'coded';
  /** Coded variables: stored value → label, in the order of their SPSS codes (1, 2, …). */
  choices: Array<{ value: string; label: string }>;
  read: (row: ResponseExportRow) => string;
};

type ExportData = { variables: Variable[]; rows: ResponseExportRow[]; waveKey: string };

function questionVariable(question: Question, language: Language): Variable {
  const kind = question.type === 'number' ? 'number' : question.type === 'text' ? 'text' : 'coded';
  const choices =
    question.type === 'yes_no'
      ? yesNoChoices(language)
      : (question.choices ?? []).map((choice) => ({ value: choice.value, label: localize(choice.label, language) }));
  const read =
    question.id === 'respondent_id'
      ? (row: ResponseExportRow) => row.respondentId
      : question.id === 'mode'
        ? (row: ResponseExportRow) => row.answers.mode ?? row.mode ?? ''
        : (row: ResponseExportRow) => (row.answers[question.id] ?? '').trim();
  return { name: question.id, label: localize(question.label, language), kind, choices, read };
}

/** Reads a wave's responses and describes its variables: every question, then the codes of coded answers. */
async function loadExportData(db: Kysely<Database>, waveKey: string, language: Language): Promise<ExportData> {
  const wave = await getWaveByKey(db, waveKey);
  const questionnaire = await getQuestionnaireByKey(db, wave.questionnaireKey);
  const variables = listQuestions(questionnaire.definition).map((question) => questionVariable(question, language));
  const reviews = await selectReviewedCodes(db, wave.id);
  const reviewed = new Map<string, string[]>();
  for (const review of reviews) {
    if (review.currentText === null || review.currentText.trim() !== review.answerText) continue;
    const key = `${review.questionId}\u0000${review.respondentId}`;
    reviewed.set(key, [...(reviewed.get(key) ?? []), review.category]);
  }
  const questionIds = new Set(variables.map((variable) => variable.name));
  for (const block of allBlocks) {
    for (const coded of listCodedQuestions(block)) {
      if (!questionIds.has(coded.questionId)) continue;
      variables.push(codesVariable(coded.questionId, coded.codebook, reviewed, language));
    }
  }
  const rows: ResponseExportRow[] = [];
  let after: string | null = null;
  for (;;) {
    const batch = await selectResponseBatch(db, wave.id, after, BATCH);
    rows.push(...batch);
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]!.respondentId;
  }
  return { variables, rows, waveKey: wave.key };
}

function codesVariable(
  questionId: string,
  codebook: Codebook,
  reviewed: Map<string, string[]>,
  language: Language,
): Variable {
  const cache = new Map<string, string[]>();
  return {
    name: `${questionId}_codes`,
    label: `${questionId}: ${{ lv: 'kodi', ru: 'коды', en: 'codes' }[language]}`,
    kind: 'text',
    choices: [],
    read: (row) => {
      const text = (row.answers[questionId] ?? '').trim();
      if (text === '') return '';
      const review = reviewed.get(`${questionId}\u0000${row.respondentId}`);
      if (review) return review.join(';');
      let codes = cache.get(text);
      if (!codes) {
        codes = codeAnswer(text, codebook);
        cache.set(text, codes);
      }
      return codes.join(';');
    },
  };
}

/** CSV, UTF-8 with a header: each variable's value, and for yes/no and choice questions a `<id>_label` column. */
export async function exportCsv(db: Kysely<Database>, waveKey: string, language: Language): Promise<string> {
  const data = await loadExportData(db, waveKey, language);
  const header = data.variables.flatMap((variable) =>
    variable.kind === 'coded' ? [variable.name, `${variable.name}_label`] : [variable.name],
  );
  const records = data.rows.map((row) =>
    data.variables.flatMap((variable) => {
      const value = variable.read(row);
      if (variable.kind !== 'coded') return [value];
      return [value, variable.choices.find((choice) => choice.value === value)?.label ?? ''];
    }),
  );
  return stringifyCsv([header, ...records]);
}

function spssString(text: string, quote: '"' | "'"): string {
  return `${quote}${text
    .replace(/[\r\n]+/g, ' ')
    .split(quote)
    .join(quote + quote)}${quote}`;
}

/**
 * An SPSS syntax file that reads the data it carries (DATA LIST … BEGIN DATA … END DATA) and labels it:
 * yes/no and choice answers become numeric codes 1, 2, … with VALUE LABELS; texts are strings.
 */
export async function exportSpss(db: Kysely<Database>, waveKey: string, language: Language): Promise<string> {
  const data = await loadExportData(db, waveKey, language);
  const values = data.rows.map((row) => data.variables.map((variable) => variable.read(row)));
  const widths = data.variables.map((variable, index) =>
    Math.max(1, ...values.map((row) => Buffer.byteLength(row[index] ?? '', 'utf8'))),
  );
  const formats = data.variables.map((variable, index) =>
    variable.kind === 'text'
      ? `(A${Math.min(32767, widths[index]!)})`
      : variable.kind === 'number'
        ? '(F10.2)'
        : '(F2.0)',
  );
  const lines: string[] = [
    `* Reentry Atlas: survey wave ${data.waveKey}, ${data.rows.length} complete responses.`,
    '* Encoding: UTF-8. Yes/no and choice answers are numeric codes with value labels; empty = system-missing.',
    'SET UNICODE=ON.',
    'DATA LIST LIST(",") /',
    ...data.variables.map(
      (variable, index) => `  ${variable.name} ${formats[index]}${index === data.variables.length - 1 ? '.' : ''}`,
    ),
    'BEGIN DATA',
  ];
  for (const row of values) {
    lines.push(
      row
        .map((value, index) => {
          const variable = data.variables[index]!;
          if (variable.kind === 'text') return spssString(value, '"');
          if (variable.kind === 'number')
            return /^\s*[0-9]+([.,][0-9]+)?\s*$/.test(value) ? value.trim().replace(',', '.') : '';
          const code = variable.choices.findIndex((choice) => choice.value === value);
          return code >= 0 ? String(code + 1) : '';
        })
        .join(','),
    );
  }
  lines.push('END DATA.', 'VARIABLE LABELS');
  lines.push(
    data.variables
      .map((variable) => `  ${variable.name} ${spssString(variable.label.slice(0, 250), "'")}`)
      .join('\n  /') + '.',
  );
  const coded = data.variables.filter((variable) => variable.kind === 'coded' && variable.choices.length > 0);
  if (coded.length > 0) {
    lines.push('VALUE LABELS');
    lines.push(
      coded
        .map(
          (variable) =>
            `  ${variable.name} ${variable.choices.map((choice, index) => `${index + 1} ${spssString(choice.label, "'")}`).join(' ')}`,
        )
        .join('\n  /') + '.',
    );
  }
  lines.push('EXECUTE.', '');
  return lines.join('\n');
}
