import type { Kysely } from 'kysely';
import { analyseWave, toAnalysisJson, type AnalysisOptions, type WaveAnalysis } from '../analysis/analysis.service.js';
import { approvedQuoteFilter } from '../analysis/quote-review.service.js';
import { allBlocks, type Block } from '../analysis/questions.js';
import type { Database } from '../db/database.js';
import type { Language } from '../core/language.js';
import { translate } from '../core/i18n.js';
import { getQuestionnaireByKey, localize } from '../surveys/questionnaire.service.js';
import { lv2004WaveKey } from '../surveys/survey-reference.service.js';
import { renderReportHtml } from './report.html.js';
import { buildReport, type QuestionnaireTexts, type ReportModel } from './report.model.js';
import { renderReportPdf } from './report.pdf.js';

export const reportFormats = ['html', 'pdf', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** The questionnaire's own wording of each block's main question, in the report's language. */
async function questionnaireTexts(
  db: Kysely<Database>,
  analysis: WaveAnalysis,
  language: Language,
): Promise<QuestionnaireTexts> {
  const questionnaire = await getQuestionnaireByKey(db, analysis.wave.questionnaireKey);
  const questions: Partial<Record<Block, string>> = {};
  const byId = new Map(
    questionnaire.definition.blocks.flatMap((block) => block.questions).map((question) => [question.id, question]),
  );
  for (const block of allBlocks) {
    const question = byId.get(`${block}_provides`);
    if (question) questions[block] = localize(question.label, language);
  }
  return { questions };
}

/**
 * Who reads a report: the public sees respondents' words only where an analyst approved them (codes and counts
 * otherwise); staff see every answer.
 */
export type ReportAudience = 'public' | 'staff';

/** The report model of a wave in one language, from a fresh analysis; quotes as the audience may see them. */
export async function buildWaveReport(
  db: Kysely<Database>,
  waveKey: string,
  language: Language,
  options: AnalysisOptions = {},
  audience: ReportAudience = 'public',
): Promise<{ analysis: WaveAnalysis; model: ReportModel }> {
  const quotable = audience === 'public' ? await approvedQuoteFilter(db, waveKey) : undefined;
  const analysis = await analyseWave(db, waveKey, { ...options, ...(quotable ? { quotable } : {}) });
  const texts = await questionnaireTexts(db, analysis, language);
  const model = buildReport(analysis, { language, texts, synthetic: analysis.wave.key === lv2004WaveKey });
  return { analysis, model };
}

/** Renders a report model in a format: a standalone HTML page, a PDF, or JSON of the analysis and every table. */
export async function renderReport(
  analysis: WaveAnalysis,
  model: ReportModel,
  format: ReportFormat,
): Promise<{ contentType: string; body: string | Buffer }> {
  switch (format) {
    case 'html':
      return {
        contentType: 'text/html; charset=utf-8',
        body: await renderReportHtml(model, translate(model.language, 'report.contents')),
      };
    case 'pdf':
      return { contentType: 'application/pdf', body: await renderReportPdf(model) };
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        body: `${JSON.stringify(toReportJson(analysis, model), null, 2)}\n`,
      };
  }
}

/** The JSON report: the analysis contract plus every table of the report as shown (captions, columns, rows). */
export function toReportJson(analysis: WaveAnalysis, model: ReportModel) {
  const tables = model.sections.flatMap((section) =>
    section.content.flatMap((item) =>
      item.kind === 'table'
        ? [
            {
              id: item.id,
              section: section.id,
              caption: item.caption,
              columns: item.columns.map((column) => column.label),
              rows: item.rows,
            },
          ]
        : [],
    ),
  );
  const conclusions =
    model.sections
      .find((section) => section.id === 'conclusions')
      ?.content.flatMap((item) => (item.kind === 'list' ? item.items : [])) ?? [];
  return {
    ...toAnalysisJson(analysis),
    language: model.language,
    title: model.title,
    generated: model.generated,
    conclusions,
    tables,
  };
}
