// The public report pages: the list of closed waves' reports and one report, the same body the staff see.
import { raw } from 'hono/html';
import type { Translate } from '../core/i18n.js';
import type { Wave } from '../surveys/wave.service.js';
import { ReportBody, reportStyles } from './report.html.js';
import type { ReportModel } from './report.model.js';

/** `/reports`: the reports anyone may read, one per closed wave. */
export function ReportListPage(props: { t: Translate; waves: readonly Pick<Wave, 'key' | 'name'>[] }) {
  const { t, waves } = props;
  return (
    <>
      <h1>{t('analysis.public.title')}</h1>
      <p>{t('analysis.public.intro')}</p>
      {waves.length === 0 ? (
        <p class="notice">{t('analysis.public.none')}</p>
      ) : (
        <ul>
          {waves.map((wave) => (
            <li>
              <a href={`/reports/${encodeURIComponent(wave.key)}`}>{wave.name}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** `/reports/<wave>`: one wave's report with its PDF download. */
export function PublicReportPage(props: { t: Translate; waveKey: string; model: ReportModel }) {
  const { t } = props;
  return (
    <>
      <style>{raw(reportStyles)}</style>
      <p>
        <a href={`/reports/${encodeURIComponent(props.waveKey)}/report.pdf`}>{t('analysis.wave.report_pdf')}</a>
      </p>
      <ReportBody model={props.model} contentsLabel={t('report.contents')} />
    </>
  );
}
