import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import { getWaveByKey, type Wave } from '../surveys/wave.service.js';
import { listTerritories } from '../territories/territory.service.js';
import {
  countCasesByDisposition,
  countCaseTypeAndTerritoryOfUnlabelledResponses,
  recountAnswers,
  selectAnalysisSetting,
  selectAnswerCounts,
  selectReviewedCodes,
  upsertAnalysisSetting,
  type ReviewedCodeRow,
} from './analysis.repository.js';
import { summariseAnswerCounts, type CrossTabulation, type TextAnswerRow, type YesNoValue } from './answer-counts.js';
import { partnerCodebook, providedCodebooks, themes, type Codebook, type Theme } from './codebook.js';
import { codeAnswer } from './coding.js';
import { describeChange, describeShare, roundFraction, type Share } from './proportion.js';
import {
  allBlocks,
  blockQuestions,
  closingBlocks,
  dispositions,
  helpBlocks,
  institutionTypes,
  latsPerEuro,
  shelterTextQuestions,
  type Block,
  type ClosingBlock,
  type Disposition,
  type HelpBlock,
} from './questions.js';
import {
  computeOutcomeRates,
  countOutcomes,
  outcomeRateNames,
  type EligibilityEstimate,
  type OutcomeCounts,
  type OutcomeRates,
} from './response-rates.js';

/** A yes/no question's answers; `share` is yes among those who answered yes or no, never among all. */
export type YesNoSummary = { yes: number; no: number; notAnswered: number; share: Share };

/** How many answers fell into one category, with the most frequent answers as examples. */
export type CategoryCount = { code: string; count: number; share: Share; examples: string[] };

/** A free-text question coded by a codebook (automatic codes, overridden where an analyst reviewed them). */
export type CodedQuestion = {
  questionId: string;
  codebook: Codebook;
  answered: number;
  reviewed: number;
  categories: CategoryCount[];
  groups: CategoryCount[];
  themes: Partial<Record<Theme, number>>;
};

/** Distinct answers with how many gave each, most frequent first. */
export type Quotes = { answered: number; items: Array<{ text: string; count: number }> };

export type FundingGroup = {
  currency: string | null;
  basis: string | null;
  count: number;
  min: number;
  median: number;
  max: number;
  sum: number;
  sumEur: number | null;
};

export type HelpBlockAnalysis = {
  kind: 'help';
  block: HelpBlock;
  provides: YesNoSummary;
  provided: CodedQuestion;
  couldWithSupport: YesNoSummary;
  couldWithSupportByProvides: CrossTabulation;
  /** "Could provide it with state support" among those that already do, and among those that do not. */
  couldAmongProviders: Share;
  couldAmongNonProviders: Share;
  needs: {
    staff: { count: number; total: number | null; min: number | null; max: number | null };
    funding: { count: number; groups: FundingGroup[]; sumEur: number | null };
    cooperation: { count: number; partners: CodedQuestion };
    lawChange: { count: number; share: Share; quotes: Quotes };
  };
  /** The shelter block's admission terms and longest stays. */
  extraQuotes: Array<{ questionId: string; quotes: Quotes }>;
};

export type ClosingBlockAnalysis = {
  kind: 'closing';
  block: ClosingBlock;
  provides: YesNoSummary;
  provided: CodedQuestion;
};

export type BlockAnalysis = HelpBlockAnalysis | ClosingBlockAnalysis;

export type WaveAnalysis = {
  wave: { id: string; key: string; name: string; status: string; questionnaireKey: string };
  respondents: number;
  cases: {
    total: number;
    byDisposition: Record<Disposition, number>;
    byInstitutionType: Array<{ institutionType: string; cases: number; completes: number; rate: Share }>;
  };
  outcomes: OutcomeCounts;
  rates: OutcomeRates;
  eligibility: EligibilityEstimate;
  population: number | null;
  byInstitutionType: Array<{ institutionType: string; count: number; share: Share }>;
  byTerritory: Array<{ territory: string; label: string; count: number }>;
  blocks: BlockAnalysis[];
  /** Coded answers per cross-block theme (an answer counts once per theme). */
  themes: Array<{ theme: Theme; answers: number }>;
  /** Respondents who answered "no" to every help block and to "other help". */
  respondentsWithoutHelp: number;
};

/** Which distinct free-text answers may be quoted word for word (examples, quotes); all when not given. */
export type QuoteFilter = (questionId: string, text: string) => boolean;

export type AnalysisOptions = {
  eligibilityRate?: number;
  population?: number;
  /** The public report passes the analysts' approvals (quote-review.service.ts); staff see every answer. */
  quotable?: QuoteFilter;
};

const QUOTE_LIMIT = 12;
const EXAMPLE_LIMIT = 3;

function summariseYesNo(counts: Record<YesNoValue, number>, population: number | undefined): YesNoSummary {
  return {
    yes: counts.yes,
    no: counts.no,
    notAnswered: counts.not_answered,
    share: describeShare(counts.yes, counts.yes + counts.no, { population }),
  };
}

/** Coded answers: an answer is a set of categories with a weight (how many respondents gave it). */
type WeightedCodes = { codes: readonly string[]; weight: number; text: string };

/**
 * Codes one question's distinct answers automatically, then applies the analyst's reviews: a reviewed answer
 * leaves its automatic categories and counts in the reviewed ones instead. A review of an answer that has
 * since changed is ignored.
 */
export function codeQuestion(
  questionId: string,
  codebook: Codebook,
  answers: readonly TextAnswerRow[],
  reviews: readonly ReviewedCodeRow[],
  population?: number,
  quotable: QuoteFilter = () => true,
): CodedQuestion {
  const entries: WeightedCodes[] = answers.map((answer) => ({
    codes: codeAnswer(answer.text, codebook),
    weight: answer.count,
    text: answer.text,
  }));
  const reviewsByRespondent = new Map<string, ReviewedCodeRow[]>();
  for (const review of reviews) {
    if (review.currentText === null || review.currentText.trim() !== review.answerText) continue;
    reviewsByRespondent.set(review.respondentId, [...(reviewsByRespondent.get(review.respondentId) ?? []), review]);
  }
  for (const rows of reviewsByRespondent.values()) {
    const text = rows[0]!.answerText;
    entries.push({ codes: codeAnswer(text, codebook), weight: -1, text });
    entries.push({ codes: rows.map((row) => row.category), weight: 1, text });
  }
  const answered = answers.reduce((sum, answer) => sum + answer.count, 0);
  const countFor = (matches: (codes: readonly string[]) => boolean): { count: number; examples: string[] } => {
    const weights = new Map<string, number>();
    for (const entry of entries)
      if (matches(entry.codes)) weights.set(entry.text, (weights.get(entry.text) ?? 0) + entry.weight);
    const positive = [...weights]
      .filter(([, weight]) => weight > 0)
      .sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]));
    return {
      count: positive.reduce((sum, [, weight]) => sum + weight, 0),
      examples: positive
        .filter(([text]) => quotable(questionId, text))
        .slice(0, EXAMPLE_LIMIT)
        .map(([text]) => text),
    };
  };
  const toCount = (code: string, matches: (codes: readonly string[]) => boolean): CategoryCount => {
    const { count, examples } = countFor(matches);
    return { code, count, share: describeShare(count, answered, { population }), examples };
  };
  const categories = codebook.categories
    .map((category) => toCount(category.code, (codes) => codes.includes(category.code)))
    .filter((category) => category.count > 0 || category.code !== 'other');
  const groups = codebook.groups.map((group) =>
    toCount(group.code, (codes) => codes.some((code) => group.categories.includes(code))),
  );
  const themeCounts: Partial<Record<Theme, number>> = {};
  for (const theme of themes) {
    const codesWithTheme = codebook.categories
      .filter((category) => category.themes?.includes(theme))
      .map((category) => category.code);
    if (codesWithTheme.length === 0) continue;
    const count = countFor((codes) => codes.some((code) => codesWithTheme.includes(code))).count;
    if (count > 0) themeCounts[theme] = count;
  }
  return {
    questionId,
    codebook,
    answered,
    reviewed: reviewsByRespondent.size,
    categories,
    groups,
    themes: themeCounts,
  };
}

function quotesOf(rows: readonly TextAnswerRow[], questionId: string, quotable: QuoteFilter): Quotes {
  return {
    answered: rows.reduce((sum, row) => sum + row.count, 0),
    items: rows
      .filter((row) => quotable(questionId, row.text))
      .slice(0, QUOTE_LIMIT)
      .map((row) => ({ text: row.text, count: row.count })),
  };
}

/** Every free-text question whose answers the report may quote word for word (as examples or quotes). */
export function quotedQuestionIds(): string[] {
  return [
    ...helpBlocks.flatMap((block) => {
      const q = blockQuestions(block);
      return [q.providedWhat, q.cooperation, q.lawChangeWhat, ...(block === 'shelter' ? shelterTextQuestions : [])];
    }),
    ...closingBlocks.map((block) => `${block}_provided_what`),
  ];
}

/** The free-text questions the analysis codes, with their codebooks. */
export function listCodedQuestions(block: Block): Array<{ questionId: string; codebook: Codebook }> {
  const questions = [{ questionId: `${block}_provided_what`, codebook: providedCodebooks[block] }];
  if ((helpBlocks as readonly string[]).includes(block))
    questions.push({ questionId: `${block}_needs_cooperation`, codebook: partnerCodebook });
  return questions;
}

/** Converts a sum to euro at the official rate; null for a currency we cannot convert. */
export function toEuro(amount: number, currency: string | null): number | null {
  if (currency === 'EUR') return amount;
  if (currency === 'LVL') return Math.round((amount / latsPerEuro) * 100) / 100;
  return null;
}

/** The wave's analysis settings merged with explicit options (a CLI flag wins over the stored setting). */
async function resolveOptions(
  db: Kysely<Database>,
  waveId: string,
  options: AnalysisOptions,
): Promise<{ e?: number; population?: number }> {
  const stored = await selectAnalysisSetting(db, waveId);
  const e = options.eligibilityRate ?? stored.eligibilityRate ?? undefined;
  const population = options.population ?? stored.population ?? undefined;
  return { e, population };
}

/** The complete analysis of one wave: sample and response rates, respondents, and every block's figures. */
export async function analyseWave(
  db: Kysely<Database>,
  waveKey: string,
  options: AnalysisOptions = {},
): Promise<WaveAnalysis> {
  const wave = await getWaveByKey(db, waveKey);
  // One read-only snapshot for all the queries, so the figures agree with each other while answers keep arriving.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => analyse(trx, wave, options));
}

async function analyse(db: Kysely<Database>, wave: Wave, options: AnalysisOptions): Promise<WaveAnalysis> {
  const { e, population } = await resolveOptions(db, wave.id, options);
  const quotable = options.quotable ?? (() => true);
  const [counts, reviews, caseCounts, territories] = await Promise.all([
    selectAnswerCounts(db, wave.id),
    selectReviewedCodes(db, wave.id),
    countCasesByDisposition(db, wave.id),
    listTerritories(db, { includeHistorical: true }),
  ]);
  const summary = summariseAnswerCounts(counts);
  const funding = summary.funding;
  const answeredCounts = (questionId: string) =>
    (summary.answers.get(questionId) ?? []).map((row) => ({ value: row.text, count: row.count }));
  const respondentCounts = { byType: answeredCounts('institution_type'), byTerritory: answeredCounts('territory') };
  const total = (rows: Array<{ count: number }>) => rows.reduce((sum, row) => sum + row.count, 0);
  if (
    total(respondentCounts.byType) < summary.respondents ||
    total(respondentCounts.byTerritory) < summary.respondents
  ) {
    // Some answers lack them: take those from the sampled case (a pass over the responses, only when needed).
    const fromCases = await countCaseTypeAndTerritoryOfUnlabelledResponses(db, wave.id);
    respondentCounts.byType.push(...fromCases.byType);
    respondentCounts.byTerritory.push(...fromCases.byTerritory);
  }

  const answersByQuestion = summary.answers;
  const coded = (questionId: string, codebook: Codebook) =>
    codeQuestion(
      questionId,
      codebook,
      answersByQuestion.get(questionId) ?? [],
      reviews.filter((review) => review.questionId === questionId),
      population,
      quotable,
    );

  const blocks: BlockAnalysis[] = [];
  for (const block of helpBlocks) {
    const counts = summary.helpBlocks[block];
    const q = blockQuestions(block);
    const cross = counts.couldWithSupportByProvides;
    const couldTotals = { yes: 0, no: 0, not_answered: 0 };
    for (const provides of ['yes', 'no', 'not_answered'] as const)
      for (const could of ['yes', 'no', 'not_answered'] as const) couldTotals[could] += cross[provides][could];
    const nonProviderCould = { yes: cross.no.yes + cross.not_answered.yes, no: cross.no.no + cross.not_answered.no };
    const groups = funding
      .filter((row) => row.block === block)
      .map((row) => ({
        currency: row.currency,
        basis: row.basis,
        count: row.count,
        min: row.min,
        median: row.median,
        max: row.max,
        sum: row.sum,
        sumEur: toEuro(row.sum, row.currency),
      }));
    const convertible = groups.filter((group) => group.sumEur !== null);
    const partners = coded(q.cooperation, partnerCodebook);
    blocks.push({
      kind: 'help',
      block,
      provides: summariseYesNo(counts.provides, population),
      provided: coded(q.providedWhat, providedCodebooks[block]),
      couldWithSupport: summariseYesNo(couldTotals, population),
      couldWithSupportByProvides: cross,
      couldAmongProviders: describeShare(cross.yes.yes, cross.yes.yes + cross.yes.no, { population }),
      couldAmongNonProviders: describeShare(nonProviderCould.yes, nonProviderCould.yes + nonProviderCould.no, {
        population,
      }),
      needs: {
        staff: counts.staff,
        funding: {
          count: counts.fundingCount,
          groups,
          sumEur:
            convertible.length > 0
              ? Math.round(convertible.reduce((sum, group) => sum + (group.sumEur ?? 0), 0) * 100) / 100
              : null,
        },
        cooperation: { count: partners.answered, partners },
        lawChange: {
          count: counts.lawChangeCount,
          share: describeShare(counts.lawChangeCount, summary.respondents, { population }),
          quotes: quotesOf(answersByQuestion.get(q.lawChangeWhat) ?? [], q.lawChangeWhat, quotable),
        },
      },
      extraQuotes:
        block === 'shelter'
          ? shelterTextQuestions.map((questionId) => ({
              questionId,
              quotes: quotesOf(answersByQuestion.get(questionId) ?? [], questionId, quotable),
            }))
          : [],
    });
  }
  for (const block of closingBlocks) {
    const counts = summary.closingBlocks[block];
    blocks.push({
      kind: 'closing',
      block,
      provides: summariseYesNo(counts.provides, population),
      provided: coded(`${block}_provided_what`, providedCodebooks[block]),
    });
  }

  const byDisposition = Object.fromEntries(dispositions.map((disposition) => [disposition, 0])) as Record<
    Disposition,
    number
  >;
  const casesByType = new Map<string, { cases: number; completes: number }>();
  for (const row of caseCounts) {
    if ((dispositions as readonly string[]).includes(row.disposition))
      byDisposition[row.disposition as Disposition] += row.count;
    const type = row.institutionType ?? '';
    const entry = casesByType.get(type) ?? { cases: 0, completes: 0 };
    entry.cases += row.count;
    if (row.disposition === 'complete') entry.completes += row.count;
    casesByType.set(type, entry);
  }
  const outcomes = countOutcomes(byDisposition);
  const { rates, eligibility } = computeOutcomeRates(outcomes, { e });

  const typeOrder = (type: string) =>
    (institutionTypes as readonly string[]).includes(type)
      ? (institutionTypes as readonly string[]).indexOf(type)
      : institutionTypes.length;
  const typeCounts = new Map<string, number>();
  for (const row of respondentCounts.byType)
    typeCounts.set(row.value || 'unknown', (typeCounts.get(row.value || 'unknown') ?? 0) + row.count);
  const byInstitutionType = [...typeCounts]
    .map(([institutionType, count]) => ({
      institutionType,
      count,
      share: describeShare(count, summary.respondents, { population }),
    }))
    .sort((a, b) => b.count - a.count || typeOrder(a.institutionType) - typeOrder(b.institutionType));

  const territoryByCode = new Map(territories.map((territory) => [territory.code, territory]));
  const territoryCounts = new Map<string, { label: string; count: number }>();
  for (const row of respondentCounts.byTerritory) {
    // An ATVK parish or town counts under its municipality; a 2004 region name stays as written.
    const territory = territoryByCode.get(row.value);
    const municipality = territory ? (territoryByCode.get(territory.municipalityCode) ?? territory) : undefined;
    const key = municipality?.code ?? (row.value || 'unknown');
    const entry = territoryCounts.get(key) ?? { label: municipality?.name ?? (row.value || 'unknown'), count: 0 };
    entry.count += row.count;
    territoryCounts.set(key, entry);
  }
  const byTerritory = [...territoryCounts]
    .map(([territory, entry]) => ({ territory, ...entry }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'lv'));

  const themeTotals = themes.map((theme) => ({
    theme,
    answers: blocks.reduce((sum, block) => sum + (block.provided.themes[theme] ?? 0), 0),
  }));

  return {
    wave: { id: wave.id, key: wave.key, name: wave.name, status: wave.status, questionnaireKey: wave.questionnaireKey },
    respondents: summary.respondents,
    cases: {
      total: caseCounts.reduce((sum, row) => sum + row.count, 0),
      byDisposition,
      byInstitutionType: [...casesByType]
        .map(([institutionType, entry]) => ({
          institutionType: institutionType || 'unknown',
          ...entry,
          rate: describeShare(entry.completes, entry.cases),
        }))
        .sort((a, b) => typeOrder(a.institutionType) - typeOrder(b.institutionType)),
    },
    outcomes,
    rates,
    eligibility,
    population: population ?? null,
    byInstitutionType,
    byTerritory,
    blocks,
    themes: themeTotals.filter((theme) => theme.answers > 0).sort((a, b) => b.answers - a.answers),
    respondentsWithoutHelp: summary.respondentsWithoutHelp,
  };
}

/** Rebuilds a wave's kept answer counts from its responses (after a restore, or to check them). */
export async function recountWave(db: Kysely<Database>, waveKey: string): Promise<void> {
  const wave = await getWaveByKey(db, waveKey);
  await db.transaction().execute((trx) => recountAnswers(trx, wave.id));
}

/** Stores the analyst's choice of e and of the population size for a wave (null = estimate / no correction). */
export async function saveAnalysisSetting(
  db: Kysely<Database>,
  waveKey: string,
  setting: { eligibilityRate: number | null; population: number | null },
  accountId: string | null,
): Promise<void> {
  const wave = await getWaveByKey(db, waveKey);
  if (setting.eligibilityRate !== null && !(setting.eligibilityRate >= 0 && setting.eligibilityRate <= 1)) {
    const detail = { path: 'eligibility_rate', messageKey: 'analysis.error.eligibility_rate' };
    throw new AppError('invalid_input', 'error.invalid_input', [detail]);
  }
  await upsertAnalysisSetting(db, wave.id, setting, accountId);
}

/** The analyst's stored settings for a wave. */
export async function getAnalysisSetting(
  db: Kysely<Database>,
  waveKey: string,
): Promise<{ eligibilityRate: number | null; population: number | null }> {
  const wave = await getWaveByKey(db, waveKey);
  return selectAnalysisSetting(db, wave.id);
}

type ContractYesNo = { yes: number; no: number; not_answered: number };

/** The analysis JSON contract of issue 4 (item 8), with a few more keys; percentages in percent, rates as fractions. */
export function toAnalysisJson(analysis: WaveAnalysis) {
  const yesNo = (summary: YesNoSummary) => ({
    yes: summary.yes,
    no: summary.no,
    not_answered: summary.notAnswered,
    percent_yes: summary.share.percent,
    ci95: summary.share.ci95,
  });
  const byType: Record<string, number> = Object.fromEntries(institutionTypes.map((type) => [type, 0]));
  for (const row of analysis.byInstitutionType) byType[row.institutionType] = row.count;
  const rates = Object.fromEntries(
    outcomeRateNames.map((name) => [
      name,
      analysis.rates[name] === null ? null : roundFraction(analysis.rates[name] as number),
    ]),
  );
  const categories = (question: CodedQuestion) => ({
    answered: question.answered,
    reviewed: question.reviewed,
    categories: Object.fromEntries(
      question.categories.map((category) => [
        category.code,
        { count: category.count, percent: category.share.percent, examples: category.examples },
      ]),
    ),
    groups: Object.fromEntries(
      question.groups.map((group) => [group.code, { count: group.count, percent: group.share.percent }]),
    ),
  });
  const blocks: Record<string, unknown> = {};
  for (const block of analysis.blocks) {
    if (block.kind === 'closing') {
      blocks[block.block] = { provides: yesNo(block.provides), provided_what: categories(block.provided) };
      continue;
    }
    const cross = (row: Record<YesNoValue, number>): ContractYesNo => ({
      yes: row.yes,
      no: row.no,
      not_answered: row.not_answered,
    });
    blocks[block.block] = {
      provides: yesNo(block.provides),
      provided_what: categories(block.provided),
      could_with_support: yesNo(block.couldWithSupport),
      could_with_support_by_provides: {
        yes: cross(block.couldWithSupportByProvides.yes),
        no: cross(block.couldWithSupportByProvides.no),
        not_answered: cross(block.couldWithSupportByProvides.not_answered),
      },
      needs: {
        staff: block.needs.staff,
        funding: {
          count: block.needs.funding.count,
          groups: block.needs.funding.groups.map((group) => ({
            currency: group.currency,
            basis: group.basis,
            count: group.count,
            min: group.min,
            median: group.median,
            max: group.max,
            sum: group.sum,
            sum_eur: group.sumEur,
          })),
          sum_eur: block.needs.funding.sumEur,
        },
        cooperation: {
          count: block.needs.cooperation.count,
          partners: categories(block.needs.cooperation.partners).categories,
        },
        law_change: { count: block.needs.lawChange.count },
      },
    };
  }
  return {
    wave: analysis.wave.key,
    wave_name: analysis.wave.name,
    respondents: analysis.respondents,
    cases: { total: analysis.cases.total, by_disposition: analysis.cases.byDisposition },
    by_institution_type: byType,
    by_territory: Object.fromEntries(analysis.byTerritory.map((row) => [row.label, row.count])),
    response_rates: rates,
    eligibility_rate: { e: roundFraction(analysis.eligibility.e), source: analysis.eligibility.source },
    population: analysis.population,
    blocks,
    themes: Object.fromEntries(analysis.themes.map((theme) => [theme.theme, theme.answers])),
  };
}

export type BlockComparison = {
  block: Block;
  a: YesNoSummary;
  b: YesNoSummary;
  change: ReturnType<typeof describeChange>;
};

/** Two waves side by side: each block's share of providers with its interval, and the change from a to b. */
export async function compareWaves(
  db: Kysely<Database>,
  keyA: string,
  keyB: string,
): Promise<{ a: WaveAnalysis; b: WaveAnalysis; blocks: BlockComparison[] }> {
  const [a, b] = await Promise.all([analyseWave(db, keyA), analyseWave(db, keyB)]);
  const blocks = allBlocks.map((block) => {
    const left = a.blocks.find((candidate) => candidate.block === block)!.provides;
    const right = b.blocks.find((candidate) => candidate.block === block)!.provides;
    return {
      block,
      a: left,
      b: right,
      change: describeChange(
        { count: left.yes, base: left.yes + left.no },
        { count: right.yes, base: right.yes + right.no },
      ),
    };
  });
  return { a, b, blocks };
}
