// The planners' unmet-need page: the filter, the overview, SVG charts beside tables of the same counts, and the
// answer times. A view of the report model only (planning.service.ts); every count arrives already suppressed.
import { raw } from 'hono/html';
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';
import { StaffTable } from '../http/staff-components.js';
import { helpTypeCodes } from '../registry/help-types.js';
import { chartColours, renderChartSvg, type BarChart } from '../report/chart.js';
import {
  helpTypeLabel,
  type CountRow,
  type CountTable,
  type DurationFigure,
  type UnmetNeedReport,
} from './planning.service.js';
import { formatCount } from './suppression.js';

/** The page's address with the filter kept (for the CSV link and the filter form). */
export function unmetNeedQuery(report: UnmetNeedReport): string {
  const params = new URLSearchParams({ from: report.filter.from, to: report.filter.to });
  if (report.filter.helpType) params.set('help', report.filter.helpType);
  return params.toString();
}

/** A horizontal bar chart of a table; a hidden count draws no bar (a dash), and its text says "<5". */
export function countChart(id: string, title: string, rows: CountRow[], language: Language, t: Translate): BarChart {
  return {
    id,
    title,
    description: t('planning.chart_description', {
      title,
      rows: rows.map((row) => `${row.label} ${formatCount(row.count, language)}`).join('; '),
    }),
    orientation: 'horizontal',
    categories: rows.map((row) => row.label),
    series: [{ name: t('planning.count'), values: rows.map((row) => row.count), colour: chartColours.neutral }],
    unit: 'count',
    language,
  };
}

function CountSection(props: {
  id: string;
  title: string;
  table: { rows: CountRow[]; total: number | null };
  firstHeader: string;
  note?: string;
  showTotal?: boolean;
  t: Translate;
  language: Language;
}) {
  const { t, language, table } = props;
  const rows =
    props.showTotal === false
      ? table.rows
      : [...table.rows, { code: '', label: t('planning.total'), count: table.total }];
  return (
    <section aria-labelledby={props.id} class="card">
      <h2 id={props.id}>{props.title}</h2>
      {props.note && <p class="hint">{props.note}</p>}
      {table.rows.length === 0 ? (
        <p class="notice">{t('planning.none')}</p>
      ) : (
        <>
          <figure class="report-chart">
            {raw(renderChartSvg(countChart(`${props.id}-chart`, props.title, table.rows, language, t)))}
          </figure>
          <StaffTable
            labelledBy={props.id}
            columns={[
              { header: props.firstHeader, cell: (row: CountRow) => row.label, rowHeader: true },
              { header: t('planning.count'), cell: (row: CountRow) => formatCount(row.count, language), numeric: true },
            ]}
            rows={rows}
          />
        </>
      )}
    </section>
  );
}

function hours(value: number, language: Language): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
}

function TimesSection(props: { report: UnmetNeedReport; t: Translate; language: Language }) {
  const { t, language, report } = props;
  const rows: Array<{ label: string; figure: DurationFigure }> = [
    { label: t('planning.time_view'), figure: report.timeToFirstView },
    { label: t('planning.time_accept'), figure: report.timeToAccept },
  ];
  const quartile = (figure: DurationFigure, key: 'lower' | 'median' | 'upper') =>
    figure.quartiles ? hours(figure.quartiles[key], language) : '—';
  return (
    <section aria-labelledby="times" class="card">
      <h2 id="times">{t('planning.times')}</h2>
      <StaffTable
        labelledBy="times"
        columns={[
          { header: t('planning.measure'), cell: (row) => row.label, rowHeader: true },
          { header: t('planning.count'), cell: (row) => formatCount(row.figure.count, language), numeric: true },
          { header: t('planning.quartile_lower'), cell: (row) => quartile(row.figure, 'lower'), numeric: true },
          { header: t('planning.median'), cell: (row) => quartile(row.figure, 'median'), numeric: true },
          { header: t('planning.quartile_upper'), cell: (row) => quartile(row.figure, 'upper'), numeric: true },
        ]}
        rows={rows}
      />
    </section>
  );
}

/** `/staff/planning/unmet-need`: filter, overview, the tables with their charts, the answer times, the CSV link. */
export function UnmetNeedPage(props: { report: UnmetNeedReport; t: Translate; language: Language }) {
  const { report, t, language } = props;
  const overview: Array<{ label: string; count: number | null }> = [
    { label: t('planning.sent'), count: report.sent },
    { label: t('planning.declines'), count: report.declines },
    { label: t('planning.expiries'), count: report.expiries },
    { label: t('planning.records'), count: report.noSuitableByHelpType.total },
  ];
  const groups: CountTable = {
    rows: report.declinesByGroup.rows.map((row) => ({ ...row, label: t(`planning.group.${row.code}`) })),
    total: report.declinesByGroup.total,
  };
  const reasons: CountTable = {
    rows: report.declinesByReason.map((row) => ({
      ...row,
      label: `${row.label} (${t(`planning.group.${row.group}`)})`,
    })),
    total: report.declines,
  };
  const section = { t, language };
  return (
    <>
      <h1>{t('planning.title')}</h1>
      <p>{t('planning.intro')}</p>
      <p>
        <a href={report.filter.helpType ? `/coverage?help=${report.filter.helpType}` : '/coverage'}>
          {t('planning.coverage_link')}
        </a>
      </p>
      <form method="get" action="/staff/planning/unmet-need" class="card">
        <h2>{t('planning.filter')}</h2>
        <div class="field">
          <label for="from">{t('planning.from')}</label>
          <input type="date" id="from" name="from" value={report.filter.from} />
        </div>
        <div class="field">
          <label for="to">{t('planning.to')}</label>
          <input type="date" id="to" name="to" value={report.filter.to} />
        </div>
        <div class="field">
          <label for="help">{t('planning.help_type')}</label>
          <select id="help" name="help">
            <option value="">{t('planning.all_help')}</option>
            {helpTypeCodes.map((code) => (
              <option value={code} selected={code === report.filter.helpType}>
                {helpTypeLabel(code, language)}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit">{t('planning.show')}</button>
          <a class="button secondary" href={`/staff/planning/unmet-need.csv?${unmetNeedQuery(report)}`}>
            {t('planning.csv')}
          </a>
        </div>
      </form>
      <section aria-labelledby="overview" class="card">
        <h2 id="overview">{t('planning.overview')}</h2>
        <StaffTable
          labelledBy="overview"
          columns={[
            { header: t('planning.measure'), cell: (row) => row.label, rowHeader: true },
            { header: t('planning.count'), cell: (row) => formatCount(row.count, language), numeric: true },
          ]}
          rows={overview}
        />
      </section>
      <CountSection
        id="by-group"
        title={t('planning.declines_by_group')}
        table={groups}
        firstHeader={t('planning.group')}
        {...section}
      />
      <CountSection
        id="by-reason"
        title={t('planning.declines_by_reason')}
        table={reasons}
        firstHeader={t('planning.reason')}
        {...section}
      />
      <TimesSection report={report} {...section} />
      <CountSection
        id="by-help"
        title={t('planning.referrals_by_help')}
        note={t('planning.referrals_by_help_note')}
        table={report.referralsByHelpType}
        firstHeader={t('planning.help_type')}
        showTotal={false}
        {...section}
      />
      <CountSection
        id="by-place"
        title={t('planning.referrals_by_place')}
        table={report.referralsByMunicipality}
        firstHeader={t('planning.municipality')}
        {...section}
      />
      <CountSection
        id="records-help"
        title={t('planning.records_by_help')}
        table={report.noSuitableByHelpType}
        firstHeader={t('planning.help_type')}
        {...section}
      />
      <CountSection
        id="records-place"
        title={t('planning.records_by_place')}
        table={report.noSuitableByMunicipality}
        firstHeader={t('planning.municipality')}
        {...section}
      />
      <CountSection
        id="bed-nights-place"
        title={t('planning.bed_nights_by_place')}
        table={report.unmetBedNightsByMunicipality}
        firstHeader={t('planning.municipality')}
        {...section}
      />
      <CountSection
        id="bed-nights-night"
        title={t('planning.bed_nights_by_night')}
        table={report.unmetBedNightsByNight}
        firstHeader={t('planning.night')}
        {...section}
      />
    </>
  );
}
