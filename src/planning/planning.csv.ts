import type { Translate } from '../core/i18n.js';
import type { CountRow, UnmetNeedReport } from './planning.service.js';
import { formatCount } from './suppression.js';

// The unmet-need report as CSV: one line per figure (table, code, label, count), counts under 5 as "<5" exactly
// as on the page. Pure: the route sends what this returns.

const field = (text: string) => (/[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** The report's figures as CSV text, with a header line; labels in the reader's language. */
export function renderUnmetNeedCsv(report: UnmetNeedReport, t: Translate): string {
  const lines: string[][] = [['table', 'code', 'label', 'count']];
  const add = (table: string, code: string, label: string, count: number | null) =>
    lines.push([table, code, label, formatCount(count)]);
  add('overview', 'sent', t('planning.sent'), report.sent);
  add('overview', 'declines', t('planning.declines'), report.declines);
  add('overview', 'expiries', t('planning.expiries'), report.expiries);
  add('overview', 'no_suitable_service', t('planning.records'), report.noSuitableByHelpType.total);
  const rows = (table: string, list: CountRow[], label: (row: CountRow) => string = (row) => row.label) => {
    for (const row of list) add(table, row.code, label(row), row.count);
  };
  rows('declines_by_group', report.declinesByGroup.rows, (row) => t(`planning.group.${row.code}`));
  rows('declines_by_reason', report.declinesByReason);
  rows('referrals_by_help_type', report.referralsByHelpType.rows);
  rows('referrals_by_municipality', report.referralsByMunicipality.rows);
  rows('no_suitable_service_by_help_type', report.noSuitableByHelpType.rows);
  rows('no_suitable_service_by_municipality', report.noSuitableByMunicipality.rows);
  rows('unmet_bed_nights_by_municipality', report.unmetBedNightsByMunicipality.rows);
  rows('unmet_bed_nights_by_night', report.unmetBedNightsByNight.rows);
  for (const [code, figure] of [
    ['time_to_first_view_hours', report.timeToFirstView],
    ['time_to_accept_hours', report.timeToAccept],
  ] as const) {
    add(
      'times',
      `${code}.count`,
      t(code === 'time_to_accept_hours' ? 'planning.time_accept' : 'planning.time_view'),
      figure.count,
    );
    if (figure.quartiles)
      for (const key of ['lower', 'median', 'upper'] as const)
        lines.push(['times', `${code}.${key}`, key, String(Math.round(figure.quartiles[key] * 10) / 10)]);
  }
  return lines.map((line) => line.map(field).join(',')).join('\r\n') + '\r\n';
}
