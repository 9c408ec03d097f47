// The report as data: sections of paragraphs, tables, charts and quotes, in one language, built from a wave's
// analysis. The HTML page, the HTML file, the PDF and the JSON all render this one model, so they cannot disagree
// (STYLE.md: query → report model → SVG chart → HTML/PDF bytes).
import type {
  BlockAnalysis,
  CodedQuestion,
  HelpBlockAnalysis,
  Quotes,
  WaveAnalysis,
  YesNoSummary,
} from '../analysis/analysis.service.js';
import { categoryLabel } from '../analysis/codebook.js';
import { allBlocks, dispositions, helpBlocks, type Block } from '../analysis/questions.js';
import { isSmallBase, smallBaseLimit, smallBaseMark, type Share } from '../analysis/proportion.js';
import { outcomeRateNames } from '../analysis/response-rates.js';
import { formatCalendarDate, latvianToday } from '../core/dates.js';
import type { Language } from '../core/language.js';
import { translatorFor, type Translate } from '../core/i18n.js';
import { chartColours, type BarChart } from './chart.js';

export type ReportTable = {
  kind: 'table';
  id: string;
  caption: string;
  columns: Array<{ label: string; numeric?: boolean; wide?: boolean }>;
  rows: string[][];
  /** Said under the table in words (no tooltip): e.g. which percentages rest on fewer than 30 answers. */
  note?: string;
};
export type ReportContent =
  | { kind: 'paragraph'; text: string }
  | { kind: 'notice'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'list'; items: string[]; ordered: boolean }
  | { kind: 'quotes'; heading: string; items: Array<{ text: string; count: number }>; more: string | null }
  | { kind: 'chart'; chart: BarChart }
  | ReportTable;
export type ReportSection = { id: string; heading: string; content: ReportContent[] };
export type ReportModel = {
  language: Language;
  title: string;
  subtitle: string;
  generated: string;
  notes: string[];
  sections: ReportSection[];
};

/** What the questionnaire says about each block, in the report's language (falls back to the report's own titles). */
export type QuestionnaireTexts = { questions: Partial<Record<Block, string>> };

type Formatter = {
  language: Language;
  t: Translate;
  integer: (value: number) => string;
  decimal: (value: number) => string;
  oneDecimal: (value: number) => string;
  percent: (value: number | null) => string;
  /** A share's percentage, marked when its base is small (proportion.ts). */
  share: (share: Share) => string;
  rate: (value: number | null) => string;
  interval: (value: readonly [number, number] | null) => string;
};

function formatterFor(language: Language): Formatter {
  const integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const oneDecimal = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const none = '—';
  return {
    language,
    t: translatorFor(language),
    integer: (value) => integer.format(value),
    decimal: (value) => decimal.format(value),
    oneDecimal: (value) => oneDecimal.format(value),
    percent: (value) => (value === null ? none : `${oneDecimal.format(value)}%`),
    share: (share) =>
      share.percent === null
        ? none
        : `${oneDecimal.format(share.percent)}%${isSmallBase(share.base) ? ` ${smallBaseMark}` : ''}`,
    rate: (value) => (value === null ? none : `${oneDecimal.format(Math.round(value * 1000) / 10)}%`),
    interval: (value) => (value === null ? none : `${oneDecimal.format(value[0])}–${oneDecimal.format(value[1])}%`),
  };
}

const MAX_TERRITORY_ROWS = 40;

/** The words under a table when any of its percentages rests on fewer than smallBaseLimit answers. */
function smallBaseNote(shares: Share[], f: Formatter): { note?: string } {
  return shares.some((share) => share.percent !== null && isSmallBase(share.base))
    ? { note: f.t('report.small_base_note', { mark: smallBaseMark, limit: smallBaseLimit }) }
    : {};
}

/** Builds the report of one wave's analysis in one language. */
export function buildReport(
  analysis: WaveAnalysis,
  options: { language: Language; texts?: QuestionnaireTexts; generatedOn?: Date; synthetic?: boolean },
): ReportModel {
  const f = formatterFor(options.language);
  const { t } = f;
  const generated = latvianToday(options.generatedOn);
  const notes = [t('report.generated', { date: formatCalendarDate(generated, options.language) })];
  if (options.synthetic) notes.push(t('report.synthetic_note'));
  const sections: ReportSection[] = [];
  if (analysis.respondents === 0) {
    sections.push({
      id: 'general',
      heading: t('report.section.general'),
      content: [{ kind: 'notice', text: t('report.no_responses') }, ...sampleContent(analysis, f)],
    });
    sections.push(methodsSection(analysis, f));
    return {
      language: options.language,
      title: t('report.title'),
      subtitle: analysis.wave.name,
      generated,
      notes,
      sections,
    };
  }
  sections.push(summarySection(analysis, f));
  sections.push(generalSection(analysis, f));
  sections.push(overviewSection(analysis, f));
  let number = 2;
  for (const block of analysis.blocks) {
    if (block.kind !== 'help') continue;
    sections.push(helpBlockSection(block, number, f, options.texts));
    number += 1;
  }
  sections.push(otherSection(analysis, number, f, options.texts));
  sections.push(conclusionsSection(analysis, f));
  sections.push(methodsSection(analysis, f));
  return {
    language: options.language,
    title: t('report.title'),
    subtitle: analysis.wave.name,
    generated,
    notes,
    sections,
  };
}

function blockTitle(block: Block, f: Formatter): string {
  return f.t(`report.block.${block}`);
}

function shareSentence(summary: YesNoSummary, f: Formatter): string {
  const base = summary.yes + summary.no;
  const [low, high] = summary.share.ci95 ?? [0, 0];
  return f.t('report.block.provides', {
    yes: f.integer(summary.yes),
    base: f.integer(base),
    percent: f.percent(summary.share.percent),
    low: f.oneDecimal(low),
    high: f.percent(high),
  });
}

function summarySection(analysis: WaveAnalysis, f: Formatter): ReportSection {
  const { t } = f;
  const items: string[] = [];
  if (analysis.cases.total > 0)
    items.push(
      t('report.general.sent', {
        cases: f.integer(analysis.cases.total),
        respondents: f.integer(analysis.respondents),
        rr1: f.rate(analysis.rates.RR1),
      }),
    );
  const top = analysis.byInstitutionType[0];
  if (top)
    items.push(
      t('report.general.types', {
        type: t(`report.type.${top.institutionType}`),
        count: f.integer(top.count),
        respondents: f.integer(analysis.respondents),
        percent: f.percent(top.share.percent),
      }),
    );
  for (const block of analysis.blocks) {
    if (block.provides.yes + block.provides.no === 0) continue;
    items.push(
      `${blockTitle(block.block, f)}: ${f.integer(block.provides.yes)} (${f.percent(block.provides.share.percent)})`,
    );
  }
  return { id: 'summary', heading: t('report.section.summary'), content: [{ kind: 'list', items, ordered: false }] };
}

function sampleContent(analysis: WaveAnalysis, f: Formatter): ReportContent[] {
  const { t } = f;
  if (analysis.cases.total === 0) return [{ kind: 'paragraph', text: t('report.general.no_cases') }];
  const content: ReportContent[] = [
    {
      kind: 'paragraph',
      text: t('report.general.sent', {
        cases: f.integer(analysis.cases.total),
        respondents: f.integer(analysis.respondents),
        rr1: f.rate(analysis.rates.RR1),
      }),
    },
  ];
  content.push({
    kind: 'table',
    id: 'dispositions',
    caption: t('report.table.dispositions'),
    columns: [
      { label: t('report.column.disposition') },
      { label: t('report.count'), numeric: true },
      { label: t('report.percent'), numeric: true },
    ],
    rows: [
      ...dispositions
        .filter((disposition) => analysis.cases.byDisposition[disposition] > 0)
        .map((disposition) => {
          const count = analysis.cases.byDisposition[disposition];
          return [
            t(`report.disposition.${disposition}`),
            f.integer(count),
            f.percent(Math.round((1000 * count) / analysis.cases.total) / 10),
          ];
        }),
      [t('report.total'), f.integer(analysis.cases.total), f.percent(100)],
    ],
  });
  content.push({
    kind: 'table',
    id: 'rates',
    caption: t('report.table.rates'),
    columns: [{ label: t('report.column.rate') }, { label: t('report.column.value'), numeric: true }],
    rows: outcomeRateNames.map((name) => [name, f.rate(analysis.rates[name])]),
  });
  if (analysis.cases.byInstitutionType.length > 1) {
    content.push({
      kind: 'table',
      id: 'response-by-type',
      caption: t('report.table.response_by_type'),
      columns: [
        { label: t('report.column.type') },
        { label: t('report.column.cases'), numeric: true },
        { label: t('report.column.completes'), numeric: true },
        { label: t('report.percent'), numeric: true },
        { label: t('report.ci95'), numeric: true },
      ],
      rows: analysis.cases.byInstitutionType.map((row) => [
        t(`report.type.${row.institutionType}`),
        f.integer(row.cases),
        f.integer(row.completes),
        f.share(row.rate),
        f.interval(row.rate.ci95),
      ]),
      ...smallBaseNote(
        analysis.cases.byInstitutionType.map((row) => row.rate),
        f,
      ),
    });
  }
  return content;
}

function generalSection(analysis: WaveAnalysis, f: Formatter): ReportSection {
  const { t } = f;
  const content = sampleContent(analysis, f);
  const top = analysis.byInstitutionType[0];
  if (top)
    content.push({
      kind: 'paragraph',
      text: t('report.general.types', {
        type: t(`report.type.${top.institutionType}`),
        count: f.integer(top.count),
        respondents: f.integer(analysis.respondents),
        percent: f.percent(top.share.percent),
      }),
    });
  content.push({
    kind: 'table',
    id: 'by-type',
    caption: t('report.table.by_type'),
    columns: [
      { label: t('report.column.type') },
      { label: t('report.count'), numeric: true },
      { label: t('report.percent'), numeric: true },
      { label: t('report.ci95'), numeric: true },
    ],
    rows: [
      ...analysis.byInstitutionType.map((row) => [
        t(`report.type.${row.institutionType}`),
        f.integer(row.count),
        f.share(row.share),
        f.interval(row.share.ci95),
      ]),
      [t('report.total'), f.integer(analysis.respondents), f.percent(100), ''],
    ],
    ...smallBaseNote(
      analysis.byInstitutionType.map((row) => row.share),
      f,
    ),
  });
  content.push({ kind: 'chart', chart: typesChart(analysis, f) });
  if (analysis.respondentsWithoutHelp > 0)
    content.push({
      kind: 'paragraph',
      text: t('report.general.without_help', { count: analysis.respondentsWithoutHelp }),
    });
  const territories = analysis.byTerritory.slice(0, MAX_TERRITORY_ROWS);
  content.push({
    kind: 'table',
    id: 'by-territory',
    caption: t('report.table.by_territory'),
    columns: [{ label: t('report.column.territory') }, { label: t('report.count'), numeric: true }],
    rows: territories.map((row) => [row.label === 'unknown' ? t('report.none') : row.label, f.integer(row.count)]),
  });
  return { id: 'general', heading: t('report.section.general'), content };
}

function typesChart(analysis: WaveAnalysis, f: Formatter): BarChart {
  const rows = analysis.byInstitutionType;
  return {
    id: 'chart-types',
    title: f.t('report.chart.types'),
    description: f.t('report.chart.types_desc', {
      list: rows.map((row) => `${f.t(`report.type.${row.institutionType}`)} ${f.integer(row.count)}`).join(', '),
    }),
    orientation: 'horizontal',
    categories: rows.map((row) => f.t(`report.type.${row.institutionType}`)),
    series: [{ name: f.t('report.count'), values: rows.map((row) => row.count), colour: chartColours.neutral }],
    unit: 'count',
    language: f.language,
  };
}

/** Blocks with an answered "provides" question, largest share first. */
function rankedBlocks(analysis: WaveAnalysis): BlockAnalysis[] {
  return analysis.blocks
    .filter((block) => block.provides.share.percent !== null)
    .sort(
      (a, b) => (b.provides.share.percent ?? 0) - (a.provides.share.percent ?? 0) || b.provides.yes - a.provides.yes,
    );
}

function overviewSection(analysis: WaveAnalysis, f: Formatter): ReportSection {
  const { t } = f;
  const ranked = rankedBlocks(analysis);
  const content: ReportContent[] = [];
  if (ranked.length > 0) {
    const bases = ranked.map((block) => block.provides.yes + block.provides.no);
    const [smallestBase, largestBase] = [Math.min(...bases), Math.max(...bases)];
    content.push({
      kind: 'chart',
      chart: {
        id: 'chart-shares',
        title: t('report.chart.shares'),
        description: t('report.chart.shares_desc', {
          list: ranked
            .map((block) => `${t(`report.short.${block.block}`)} ${f.percent(block.provides.share.percent)}`)
            .join(', '),
        }),
        orientation: 'horizontal',
        categories: ranked.map((block) => t(`report.short.${block.block}`)),
        series: [
          {
            name: t('report.column.provides'),
            values: ranked.map((block) => block.provides.share.percent),
            colour: chartColours.yes,
          },
        ],
        intervals: ranked.map((block) => block.provides.share.ci95),
        unit: 'percent',
        language: f.language,
        // Blocks answered by different numbers of respondents say so, rather than claim one base for all bars.
        note:
          smallestBase === largestBase
            ? t('report.chart.base_note', { base: f.integer(largestBase) })
            : t('report.chart.base_note_range', { min: f.integer(smallestBase), max: f.integer(largestBase) }),
      },
    });
  }
  content.push({
    kind: 'table',
    id: 'overview',
    caption: t('report.table.overview'),
    columns: [
      { label: t('report.column.block') },
      { label: t('report.yes'), numeric: true },
      { label: t('report.no'), numeric: true },
      { label: t('report.not_answered'), numeric: true },
      { label: t('report.percent'), numeric: true },
      { label: t('report.ci95'), numeric: true },
    ],
    rows: allBlocks.map((key) => {
      const block = analysis.blocks.find((candidate) => candidate.block === key)!;
      const summary = block.provides;
      return [
        blockTitle(key, f),
        f.integer(summary.yes),
        f.integer(summary.no),
        f.integer(summary.notAnswered),
        f.share(summary.share),
        f.interval(summary.share.ci95),
      ];
    }),
    ...smallBaseNote(
      analysis.blocks.map((block) => block.provides.share),
      f,
    ),
  });
  const help = analysis.blocks.filter((block): block is HelpBlockAnalysis => block.kind === 'help');
  content.push({
    kind: 'table',
    id: 'needs-overview',
    caption: t('report.table.needs_overview'),
    columns: [
      { label: t('report.column.block') },
      { label: t('report.column.could'), numeric: true },
      { label: t('report.column.staff'), numeric: true },
      { label: t('report.column.funding'), numeric: true },
      { label: t('report.column.cooperation'), numeric: true },
      { label: t('report.column.law_change'), numeric: true },
    ],
    rows: help.map((block) => [
      blockTitle(block.block, f),
      f.integer(block.couldWithSupport.yes),
      f.integer(block.needs.staff.count),
      f.integer(block.needs.funding.count),
      f.integer(block.needs.cooperation.count),
      f.integer(block.needs.lawChange.count),
    ]),
  });
  const needSeries = [
    {
      name: t('report.column.staff'),
      values: help.map((block) => block.needs.staff.count),
      colour: chartColours.series[0]!,
    },
    {
      name: t('report.column.funding'),
      values: help.map((block) => block.needs.funding.count),
      colour: chartColours.series[1]!,
    },
    {
      name: t('report.column.cooperation'),
      values: help.map((block) => block.needs.cooperation.count),
      colour: chartColours.series[2]!,
    },
    {
      name: t('report.column.law_change'),
      values: help.map((block) => block.needs.lawChange.count),
      colour: chartColours.series[3]!,
    },
  ];
  content.push({
    kind: 'chart',
    chart: {
      id: 'chart-needs',
      title: t('report.chart.needs'),
      description: t('report.chart.needs_desc', {
        list: help
          .map(
            (block) =>
              `${t(`report.short.${block.block}`)}: ${[block.needs.staff.count, block.needs.funding.count, block.needs.cooperation.count, block.needs.lawChange.count].map(f.integer).join(' / ')}`,
          )
          .join('; '),
      }),
      orientation: 'horizontal',
      categories: help.map((block) => t(`report.short.${block.block}`)),
      series: needSeries,
      unit: 'count',
      language: f.language,
    },
  });
  return { id: 'overview', heading: t('report.section.overview'), content };
}

function yesNoChart(block: BlockAnalysis, f: Formatter): BarChart {
  const { t } = f;
  const title = blockTitle(block.block, f);
  const summary = block.provides;
  const categories = [t('report.yes'), t('report.no')];
  const values: number[] = [summary.yes, summary.no];
  if (summary.notAnswered > 0) {
    categories.push(t('report.not_answered'));
    values.push(summary.notAnswered);
  }
  return {
    id: `chart-${block.block}`,
    title: t('report.chart.yes_no', { title }),
    description: t('report.chart.yes_no_desc', {
      title,
      yes: f.integer(summary.yes),
      no: f.integer(summary.no),
      missing: f.integer(summary.notAnswered),
    }),
    orientation: 'vertical',
    categories,
    series: [{ name: t('report.count'), values, colour: chartColours.yes }],
    unit: 'count',
    language: f.language,
  };
}

function providesContent(block: BlockAnalysis, f: Formatter, question: string | undefined): ReportContent[] {
  const { t } = f;
  const content: ReportContent[] = [];
  if (question) content.push({ kind: 'paragraph', text: `${t('report.question')}: ${question}` });
  if (block.provides.yes + block.provides.no === 0) {
    content.push({ kind: 'notice', text: t('report.nobody_answered') });
    return content;
  }
  content.push({ kind: 'paragraph', text: shareSentence(block.provides, f) });
  if (block.provides.notAnswered > 0)
    content.push({
      kind: 'paragraph',
      text: t('report.block.provides_missing', { count: block.provides.notAnswered }),
    });
  content.push({
    kind: 'table',
    id: `${block.block}-provides`,
    caption: t('report.table.provides'),
    columns: [
      { label: t('report.yes'), numeric: true },
      { label: t('report.no'), numeric: true },
      { label: t('report.not_answered'), numeric: true },
      { label: t('report.base'), numeric: true },
      { label: t('report.percent'), numeric: true },
      { label: t('report.ci95'), numeric: true },
    ],
    rows: [
      [
        f.integer(block.provides.yes),
        f.integer(block.provides.no),
        f.integer(block.provides.notAnswered),
        f.integer(block.provides.yes + block.provides.no),
        f.share(block.provides.share),
        f.interval(block.provides.share.ci95),
      ],
    ],
    ...smallBaseNote([block.provides.share], f),
  });
  content.push({ kind: 'chart', chart: yesNoChart(block, f) });
  return content;
}

function codedContent(question: CodedQuestion, f: Formatter, caption: string, id: string): ReportContent[] {
  const { t } = f;
  if (question.answered === 0) return [{ kind: 'notice', text: t('report.no_text_answers') }];
  const content: ReportContent[] = [
    { kind: 'paragraph', text: t('report.block.what_answered', { count: question.answered }) },
  ];
  for (const group of question.groups) {
    content.push({
      kind: 'paragraph',
      text: t('report.block.group', {
        label: labelOf(question, group.code, f),
        count: f.integer(group.count),
        answered: f.integer(question.answered),
        percent: f.percent(group.share.percent),
      }),
    });
  }
  const categories = [...question.categories]
    .filter((category) => category.count > 0)
    .sort((a, b) => b.count - a.count);
  // The public report quotes only approved answers: with none approved, the table is codes and counts alone.
  const withExamples = categories.some((category) => category.examples.length > 0);
  content.push({
    kind: 'table',
    id,
    caption,
    columns: [
      { label: t('report.category') },
      { label: t('report.count'), numeric: true },
      { label: t('report.percent'), numeric: true },
      ...(withExamples ? [{ label: t('report.examples'), wide: true }] : []),
    ],
    rows: categories.map((category) => [
      labelOf(question, category.code, f),
      f.integer(category.count),
      f.share(category.share),
      ...(withExamples ? [category.examples.map((example) => `“${example}”`).join(' · ')] : []),
    ]),
    ...smallBaseNote(
      categories.map((category) => category.share),
      f,
    ),
  });
  return content;
}

function labelOf(question: CodedQuestion, code: string, f: Formatter): string {
  return categoryLabel(question.codebook, code, f.language);
}

function quotesContent(t: Translate, heading: string, quotes: Quotes): ReportContent[] {
  if (quotes.items.length === 0) return [];
  const shown = quotes.items.reduce((sum, item) => sum + item.count, 0);
  const more = quotes.answered - shown;
  return [
    { kind: 'quotes', heading, items: quotes.items, more: more > 0 ? t('report.quotes.more', { count: more }) : null },
  ];
}

function helpBlockSection(
  block: HelpBlockAnalysis,
  number: number,
  f: Formatter,
  texts: QuestionnaireTexts | undefined,
): ReportSection {
  const { t } = f;
  const title = blockTitle(block.block, f);
  const content = providesContent(block, f, texts?.questions[block.block]);
  if (block.provides.yes > 0)
    content.push(...codedContent(block.provided, f, t('report.table.provided_what'), `${block.block}-provided`));
  for (const extra of block.extraQuotes)
    content.push(...quotesContent(t, t(`report.quotes.${extra.questionId}`), extra.quotes));

  const cross = block.couldWithSupportByProvides;
  const couldAnswered = block.couldWithSupport.yes + block.couldWithSupport.no;
  if (couldAnswered > 0) {
    content.push({ kind: 'heading', text: t('report.table.could') });
    if (block.couldAmongProviders.base > 0) {
      content.push({
        kind: 'paragraph',
        text: t('report.block.could_providers', {
          yes: f.integer(block.couldAmongProviders.count),
          base: f.integer(block.couldAmongProviders.base),
          percent: f.percent(block.couldAmongProviders.percent),
        }),
      });
    }
    if (block.couldAmongNonProviders.base > 0) {
      content.push({
        kind: 'paragraph',
        text: t('report.block.could_non_providers', {
          yes: f.integer(block.couldAmongNonProviders.count),
          base: f.integer(block.couldAmongNonProviders.base),
          percent: f.percent(block.couldAmongNonProviders.percent),
        }),
      });
    }
    content.push({ kind: 'paragraph', text: t('report.block.could_total', { count: block.couldWithSupport.yes }) });
    const rowLabel = { yes: t('report.yes'), no: t('report.no'), not_answered: t('report.not_answered') };
    content.push({
      kind: 'table',
      id: `${block.block}-could`,
      caption: t('report.table.could'),
      columns: [
        { label: t('report.column.provides') },
        { label: t('report.yes'), numeric: true },
        { label: t('report.no'), numeric: true },
        { label: t('report.not_answered'), numeric: true },
      ],
      rows: (['yes', 'no', 'not_answered'] as const).map((provides) => [
        rowLabel[provides],
        f.integer(cross[provides].yes),
        f.integer(cross[provides].no),
        f.integer(cross[provides].not_answered),
      ]),
    });
  }

  content.push({ kind: 'heading', text: t('report.table.needs') });
  const needs = block.needs;
  const none = t('report.need.none');
  content.push({
    kind: 'table',
    id: `${block.block}-needs`,
    caption: t('report.table.needs'),
    columns: [
      { label: t('report.column.need') },
      { label: t('report.count'), numeric: true },
      { label: t('report.column.detail') },
    ],
    rows: [
      [
        t('report.need.staff'),
        f.integer(needs.staff.count),
        needs.staff.count > 0
          ? t('report.need.staff_detail', {
              count: needs.staff.count,
              total: f.decimal(needs.staff.total ?? 0),
              min: f.decimal(needs.staff.min ?? 0),
              max: f.decimal(needs.staff.max ?? 0),
            })
          : none,
      ],
      [
        t('report.need.funding'),
        f.integer(needs.funding.count),
        needs.funding.count > 0 ? t('report.need.funding_detail', { count: needs.funding.count }) : none,
      ],
      [
        t('report.need.cooperation'),
        f.integer(needs.cooperation.count),
        needs.cooperation.count > 0
          ? needs.cooperation.partners.categories
              .filter((category) => category.count > 0)
              .sort((a, b) => b.count - a.count)
              .map(
                (category) => `${labelOf(needs.cooperation.partners, category.code, f)} (${f.integer(category.count)})`,
              )
              .join(', ')
          : none,
      ],
      [
        t('report.need.law_change'),
        f.integer(needs.lawChange.count),
        needs.lawChange.count > 0 ? t('report.need.law_change_detail', { count: needs.lawChange.count }) : none,
      ],
    ],
  });
  if (needs.funding.groups.length > 0) {
    content.push({
      kind: 'table',
      id: `${block.block}-funding`,
      caption: t('report.table.funding'),
      columns: [
        { label: t('report.column.currency') },
        { label: t('report.column.basis') },
        { label: t('report.count'), numeric: true },
        { label: t('report.column.min'), numeric: true },
        { label: t('report.column.median'), numeric: true },
        { label: t('report.column.max'), numeric: true },
        { label: t('report.column.sum_eur'), numeric: true },
      ],
      rows: needs.funding.groups.map((group) => [
        group.currency ?? t('report.currency.unknown'),
        group.basis ? t(`report.basis.${group.basis}`) : t('report.basis.unknown'),
        f.integer(group.count),
        f.decimal(group.min),
        f.decimal(group.median),
        f.decimal(group.max),
        group.sumEur === null ? t('report.none') : f.decimal(group.sumEur),
      ]),
    });
    // No grand total: one-off, yearly and per-person sums do not add up to anything (the table sums each apart).
  }
  content.push(...quotesContent(t, t('report.quotes.law_change'), needs.lawChange.quotes));
  return { id: block.block, heading: t('report.section.block', { number: String(number), title }), content };
}

function otherSection(
  analysis: WaveAnalysis,
  number: number,
  f: Formatter,
  texts: QuestionnaireTexts | undefined,
): ReportSection {
  const { t } = f;
  const content: ReportContent[] = [];
  for (const block of analysis.blocks) {
    if (block.kind !== 'closing') continue;
    content.push({ kind: 'heading', text: blockTitle(block.block, f) });
    content.push(...providesContent(block, f, texts?.questions[block.block]));
    if (block.provides.yes > 0)
      content.push(...codedContent(block.provided, f, t('report.table.provided_what'), `${block.block}-provided`));
  }
  return { id: 'other', heading: t('report.section.other', { number: String(number) }), content };
}

function conclusionsSection(analysis: WaveAnalysis, f: Formatter): ReportSection {
  const { t } = f;
  const items: string[] = [];
  const rankedTypes = analysis.cases.byInstitutionType
    .filter((row) => row.cases > 0 && row.rate.percent !== null)
    .sort((a, b) => (b.rate.percent ?? 0) - (a.rate.percent ?? 0));
  if (analysis.cases.total > 0 && rankedTypes[0] && rankedTypes.length > 1) {
    items.push(
      t('report.conclusion.response', {
        respondents: f.integer(analysis.respondents),
        cases: f.integer(analysis.cases.total),
        rr1: f.rate(analysis.rates.RR1),
        type: t(`report.type.${rankedTypes[0].institutionType}`),
        rate: f.percent(rankedTypes[0].rate.percent),
      }),
    );
  }
  const top = analysis.byInstitutionType[0];
  if (top && (top.share.percent ?? 0) > 50)
    items.push(
      t('report.conclusion.types', {
        type: t(`report.type.${top.institutionType}`),
        percent: f.percent(top.share.percent),
      }),
    );
  const ranked = rankedBlocks(analysis).filter((block) => (helpBlocks as readonly string[]).includes(block.block));
  const describe = (blocks: BlockAnalysis[]) =>
    blocks
      .map((block) => `${blockTitle(block.block, f).toLowerCase()} (${f.percent(block.provides.share.percent)})`)
      .join(', ');
  if (ranked.length >= 2) {
    items.push(t('report.conclusion.most_common', { list: describe(ranked.slice(0, 3)) }));
    items.push(t('report.conclusion.rarest', { list: describe(ranked.slice(-3).reverse()) }));
  }
  const help = analysis.blocks.filter((block): block is HelpBlockAnalysis => block.kind === 'help');
  const potential = help
    .filter((block) => block.couldAmongNonProviders.count > 0)
    .sort((a, b) => b.couldAmongNonProviders.count - a.couldAmongNonProviders.count);
  if (potential.length > 0)
    items.push(
      t('report.conclusion.potential', {
        list: potential
          .slice(0, 4)
          .map(
            (block) => `${blockTitle(block.block, f).toLowerCase()} (${f.integer(block.couldAmongNonProviders.count)})`,
          )
          .join(', '),
      }),
    );
  const law = help
    .filter((block) => block.needs.lawChange.count > 0)
    .sort((a, b) => b.needs.lawChange.count - a.needs.lawChange.count);
  if (law.length > 0)
    items.push(
      t('report.conclusion.law_change', {
        blocks: f.integer(law.length),
        total: f.integer(help.length),
        list: law
          .slice(0, 3)
          .map((block) => `${blockTitle(block.block, f).toLowerCase()} (${f.integer(block.needs.lawChange.count)})`)
          .join(', '),
      }),
    );
  const funding = help
    .filter((block) => block.needs.funding.count > 0)
    .sort((a, b) => b.needs.funding.count - a.needs.funding.count);
  if (funding.length > 0)
    items.push(
      t('report.conclusion.funding', {
        list: funding
          .slice(0, 3)
          .map((block) => `${blockTitle(block.block, f).toLowerCase()} (${f.integer(block.needs.funding.count)})`)
          .join(', '),
      }),
    );
  const [firstTheme, secondTheme] = analysis.themes;
  if (firstTheme && secondTheme) {
    items.push(
      t('report.conclusion.themes', {
        theme: t(`report.theme.${firstTheme.theme}`),
        count: firstTheme.answers,
        next: `${t(`report.theme.${secondTheme.theme}`)} (${f.integer(secondTheme.answers)})`,
      }),
    );
  }
  const residentsOnly = analysis.blocks.reduce(
    (sum, block) =>
      sum + (block.provided.categories.find((category) => category.code === 'residents_only')?.count ?? 0),
    0,
  );
  if (residentsOnly > 0) items.push(t('report.conclusion.residents_only', { count: residentsOnly }));
  if (analysis.respondentsWithoutHelp > 0)
    items.push(
      t('report.conclusion.without_help', {
        count: f.integer(analysis.respondentsWithoutHelp),
        respondents: f.integer(analysis.respondents),
      }),
    );
  return {
    id: 'conclusions',
    heading: t('report.section.conclusions'),
    content: [{ kind: 'list', items, ordered: true }],
  };
}

function methodsSection(analysis: WaveAnalysis, f: Formatter): ReportSection {
  const { t } = f;
  const reviewed = analysis.blocks.reduce(
    (sum, block) =>
      sum + block.provided.reviewed + (block.kind === 'help' ? block.needs.cooperation.partners.reviewed : 0),
    0,
  );
  const content: ReportContent[] = [
    { kind: 'paragraph', text: t('report.methods.base') },
    {
      kind: 'paragraph',
      text: t('report.methods.rates', {
        e: f.decimal(Math.round(analysis.eligibility.e * 1000) / 1000),
        source: t(analysis.eligibility.source === 'set' ? 'report.methods.e_set' : 'report.methods.e_estimated'),
      }),
    },
    { kind: 'paragraph', text: t('report.methods.intervals') },
  ];
  // Only a wave with cases of unknown eligibility has RR5/RR6 far above RR1 to warn about.
  if (analysis.outcomes.U > 0)
    content.splice(2, 0, {
      kind: 'paragraph',
      text: t('report.methods.rates_unknown', { unknown: f.integer(analysis.outcomes.U) }),
    });
  if (analysis.population !== null)
    content.push({ kind: 'paragraph', text: t('report.methods.fpc', { population: f.integer(analysis.population) }) });
  content.push({
    kind: 'paragraph',
    text: reviewed > 0 ? t('report.methods.coding', { count: reviewed }) : t('report.methods.coding_unreviewed'),
  });
  content.push({ kind: 'paragraph', text: t('report.methods.currency') });
  return { id: 'methods', heading: t('report.section.methods'), content };
}
