// Pages that keep the registry true: the public "Report a mistake" form and the verification link's "Is this still
// right?", and the staff pages — change feed, stale listings, the reports queue, survey differences — plus the
// follow / invite panel on a staff institution page. Views only: the routes load everything.
import type { Context } from 'hono';
import { formatCalendarDate, formatMoment } from '../core/dates.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { renderPage } from '../http/layout.js';
import { StaffForm, StaffTable, type StaffPaging } from '../http/staff-components.js';
import type { FeedEvent } from './follow.service.js';
import type { MistakeReport } from './mistake-report.service.js';
import { honeypotField, reportMaxLength } from './mistake-report.service.js';
import type { Difference, InstitutionDifferences } from './survey-differences.service.js';
import type { StaleListing } from './verification.service.js';
import type { MistakeReportStatus } from './upkeep.table.js';

type C = Context<AppEnvironment>;

const upkeepStyle = `
.hp-field{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.report-body{white-space:pre-wrap;overflow-wrap:anywhere}
.upkeep-panel form{display:inline}
`;

function UpkeepStyle() {
  return <style dangerouslySetInnerHTML={{ __html: upkeepStyle }} />;
}

// ---- public: report a mistake -------------------------------------------------------------------------------

export type ReportFormModel = {
  /** Where the form posts: the public form, or the one a verification link opens for the institution itself. */
  action: string;
  institution: { id: string; name: string };
  services: Array<{ id: string; name: string }>;
  values: { service: string; body: string };
  formTime: string;
  errors: Record<string, string>;
  /** A refusal of the whole form (spam, too fast, too many). */
  message: string | null;
  sent: boolean;
};

function ReportMistakeForm(props: { c: C; model: ReportFormModel }) {
  const { c, model } = props;
  const t = c.get('t');
  const bodyError = model.errors['report-body'];
  return (
    <>
      <UpkeepStyle />
      <p>
        <a href={`/institutions/${model.institution.id}`}>
          {t('upkeep.report.back', { name: model.institution.name })}
        </a>
      </p>
      <h1>{t('upkeep.report.title')}</h1>
      {model.sent && (
        <p class="notice" role="status">
          {t('upkeep.report.thanks')}
        </p>
      )}
      <p>{t('upkeep.report.intro', { name: model.institution.name })}</p>
      <p class="hint">{t('upkeep.report.privacy')}</p>
      {(model.message || bodyError) && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>{model.message ?? t('error.invalid_input')}</h2>
          {bodyError && (
            <ul>
              <li>
                <a href="#report-body">{bodyError}</a>
              </li>
            </ul>
          )}
        </div>
      )}
      <form method="post" action={model.action} novalidate>
        <CsrfField c={c} />
        <input type="hidden" name="form_time" value={model.formTime} />
        {model.services.length > 0 && (
          <div class="field">
            <label for="report-service">{t('upkeep.report.service')}</label>
            <select id="report-service" name="service">
              <option value="">{t('upkeep.report.service_whole')}</option>
              {model.services.map((service) => (
                <option value={service.id} selected={model.values.service === service.id}>
                  {service.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class={bodyError ? 'field has-error' : 'field'}>
          <label for="report-body">{t('upkeep.report.body')}</label>
          <p class="hint" id="report-body-hint">
            {t('upkeep.report.body_hint', { max: reportMaxLength })}
          </p>
          {bodyError && <p class="field-error">{bodyError}</p>}
          <textarea
            id="report-body"
            name="body"
            rows={6}
            maxlength={reportMaxLength}
            aria-describedby="report-body-hint"
            aria-invalid={bodyError ? 'true' : undefined}
          >
            {model.values.body}
          </textarea>
        </div>
        {/* People never see this field; programs that fill in every field do, and their reports are refused. */}
        <div class="hp-field" aria-hidden="true">
          <label for="report-website">{t('upkeep.report.honeypot')}</label>
          <input id="report-website" type="text" name={honeypotField} value="" tabindex={-1} autocomplete="off" />
        </div>
        <div class="actions">
          <button type="submit">{t('upkeep.report.submit')}</button>
        </div>
      </form>
    </>
  );
}

export function renderReportMistakePage(c: C, model: ReportFormModel, status: 200 | 400 | 429 = 200) {
  return renderPage(c, c.get('t')('upkeep.report.title'), <ReportMistakeForm c={c} model={model} />, {
    status,
  });
}

// ---- public: "Is this still right?" -------------------------------------------------------------------------

export type VerifyPageModel = {
  institution: { id: string; name: string; email: string | null; website: string | null; phones: string[] };
  services: Array<{ name: string; helpTypes: string }>;
  state: 'open' | 'used' | 'expired' | 'confirmed' | 'corrected';
  action: string;
};

function VerifyPage(props: { c: C; model: VerifyPageModel }) {
  const { c, model } = props;
  const t = c.get('t');
  const institution = model.institution;
  if (model.state !== 'open') {
    return (
      <>
        <h1>{t(`upkeep.verify.${model.state}_title`)}</h1>
        <p>{t(`upkeep.verify.${model.state}_text`, { name: institution.name })}</p>
        <p>
          <a href={`/institutions/${institution.id}`}>{t('upkeep.verify.see_listing')}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t('upkeep.verify.title')}</h1>
      <p>{t('upkeep.verify.intro', { name: institution.name })}</p>
      <section aria-labelledby="verify-listing">
        <h2 id="verify-listing">{institution.name}</h2>
        <dl>
          {institution.phones.length > 0 && (
            <>
              <dt>{t('institution.phone')}</dt>
              <dd>{institution.phones.join(', ')}</dd>
            </>
          )}
          {institution.email && (
            <>
              <dt>{t('institution.email')}</dt>
              <dd>{institution.email}</dd>
            </>
          )}
          {institution.website && (
            <>
              <dt>{t('institution.website')}</dt>
              <dd>{institution.website}</dd>
            </>
          )}
        </dl>
        {model.services.length > 0 && (
          <ul>
            {model.services.map((service) => (
              <li>
                <strong>{service.name}</strong>
                {service.helpTypes !== '' && ` — ${service.helpTypes}`}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href={`/institutions/${institution.id}`}>{t('upkeep.verify.see_listing')}</a>
        </p>
      </section>
      <form method="post" action={model.action}>
        <CsrfField c={c} />
        <div class="actions">
          <button type="submit">{t('upkeep.verify.confirm')}</button>
        </div>
      </form>
      <h2>{t('upkeep.verify.wrong_heading')}</h2>
      <ul>
        <li>
          <a href={`/staff/institutions/${institution.id}/edit`}>{t('upkeep.verify.edit_signed_in')}</a>
        </li>
        <li>
          <a href={`${model.action}/correct`}>{t('upkeep.verify.edit_public')}</a>
        </li>
      </ul>
    </>
  );
}

export function renderVerifyPage(c: C, model: VerifyPageModel, status: 200 | 409 = 200) {
  return renderPage(c, c.get('t')('upkeep.verify.title'), <VerifyPage c={c} model={model} />, { status });
}

// ---- staff: the panel on an institution's page --------------------------------------------------------------

/** Follow / stop following, invite an editor (administrators), the institution's reports. */
export function InstitutionUpkeepPanel(props: {
  c: C;
  institutionId: string;
  following: boolean;
  canInvite: boolean;
  canSeeReports: boolean;
}) {
  const { c, institutionId } = props;
  const t = c.get('t');
  return (
    <section class="upkeep-panel" aria-labelledby="upkeep-panel">
      <UpkeepStyle />
      <h2 id="upkeep-panel">{t('upkeep.panel.heading')}</h2>
      <p class="hint">{t(props.following ? 'upkeep.panel.following' : 'upkeep.panel.not_following')}</p>
      <div class="actions">
        <form method="post" action={`/staff/institutions/${institutionId}/follow`}>
          <CsrfField c={c} />
          <input type="hidden" name="follow" value={props.following ? '0' : '1'} />
          <button type="submit" class="secondary">
            {t(props.following ? 'upkeep.panel.unfollow' : 'upkeep.panel.follow')}
          </button>
        </form>
        <a class="button secondary" href="/staff/registry/feed">
          {t('upkeep.feed.title')}
        </a>
        {props.canInvite && (
          <a
            class="button secondary"
            href={`/staff/accounts/invite?role=institution_editor&organization=${institutionId}`}
          >
            {t('upkeep.panel.invite_editor')}
          </a>
        )}
        {props.canSeeReports && (
          <a class="button secondary" href={`/staff/registry/reports?institution=${institutionId}`}>
            {t('upkeep.reports.title')}
          </a>
        )}
      </div>
    </section>
  );
}

// ---- staff: change feed -------------------------------------------------------------------------------------

function FeedPage(props: { c: C; events: FeedEvent[]; followed: Array<{ id: string; name: string }> }) {
  const { c } = props;
  const t = c.get('t');
  const language = c.get('language');
  return (
    <>
      <h1>{t('upkeep.feed.title')}</h1>
      <p>{t('upkeep.feed.intro')}</p>
      {props.followed.length === 0 ? (
        <p class="notice">{t('upkeep.feed.none_followed')}</p>
      ) : (
        <>
          <h2 id="feed-followed">{t('upkeep.feed.followed', { count: props.followed.length })}</h2>
          <ul>
            {props.followed.map((institution) => (
              <li>
                <a href={`/staff/institutions/${institution.id}`}>{institution.name}</a>
              </li>
            ))}
          </ul>
          <h2 id="feed-changes">{t('upkeep.feed.changes')}</h2>
          <StaffTable
            labelledBy="feed-changes"
            rows={props.events}
            empty={t('upkeep.feed.empty')}
            columns={[
              { header: t('upkeep.feed.column_when'), cell: (event) => formatMoment(event.date, language) },
              {
                header: t('upkeep.feed.column_institution'),
                rowHeader: true,
                cell: (event) => <a href={`/staff/institutions/${event.organizationId}`}>{event.organizationName}</a>,
              },
              {
                header: t('upkeep.feed.column_what'),
                cell: (event) => t(`upkeep.feed.record.${event.resourceType}`),
              },
              { header: t('upkeep.feed.column_action'), cell: (event) => t(`upkeep.feed.action.${event.action}`) },
              { header: t('upkeep.feed.column_fields'), cell: (event) => event.fields.join(', ') },
            ]}
          />
        </>
      )}
    </>
  );
}

export function renderFeedPage(c: C, props: Omit<Parameters<typeof FeedPage>[0], 'c'>) {
  return renderPage(c, c.get('t')('upkeep.feed.title'), <FeedPage c={c} {...props} />, { wide: true });
}

// ---- staff: stale listings ----------------------------------------------------------------------------------

function StalePage(props: {
  c: C;
  listings: StaleListing[];
  total: number;
  verifiedBefore: string;
  paging: StaffPaging;
}) {
  const { c } = props;
  const t = c.get('t');
  const language = c.get('language');
  return (
    <>
      <h1>{t('upkeep.stale.title')}</h1>
      <p>
        {t('upkeep.stale.intro', {
          count: props.total,
          date: formatCalendarDate(props.verifiedBefore, language),
        })}
      </p>
      <StaffTable
        caption={t('upkeep.stale.caption')}
        rows={props.listings}
        empty={t('upkeep.stale.empty')}
        paging={props.paging}
        columns={[
          {
            header: t('upkeep.stale.column_institution'),
            rowHeader: true,
            cell: (listing) => <a href={`/staff/institutions/${listing.id}`}>{listing.name}</a>,
          },
          {
            header: t('upkeep.stale.column_verified'),
            cell: (listing) =>
              listing.lastVerifiedOn
                ? formatCalendarDate(listing.lastVerifiedOn.slice(0, 10), language)
                : t('upkeep.stale.never'),
          },
          {
            header: t('upkeep.stale.column_phone'),
            cell: (listing) =>
              listing.phones.length === 0
                ? '—'
                : listing.phones.map((phone, index) => (
                    <>
                      {index > 0 && ', '}
                      <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>
                    </>
                  )),
          },
          {
            header: t('upkeep.stale.column_email'),
            cell: (listing) => (listing.email ? <a href={`mailto:${listing.email}`}>{listing.email}</a> : '—'),
          },
          {
            header: t('upkeep.stale.column_asked'),
            cell: (listing) => (listing.lastAskedAt ? formatMoment(listing.lastAskedAt, language) : '—'),
          },
        ]}
      />
    </>
  );
}

export function renderStalePage(c: C, props: Omit<Parameters<typeof StalePage>[0], 'c'>) {
  return renderPage(c, c.get('t')('upkeep.stale.title'), <StalePage c={c} {...props} />, { wide: true });
}

// ---- staff: the reports queue -------------------------------------------------------------------------------

function ReportsPage(props: {
  c: C;
  status: MistakeReportStatus;
  institutionId: string | null;
  reports: MistakeReport[];
  total: number;
  paging: StaffPaging;
  closed: boolean;
}) {
  const { c, status } = props;
  const t = c.get('t');
  const language = c.get('language');
  const query = props.institutionId ? `&institution=${props.institutionId}` : '';
  return (
    <>
      <UpkeepStyle />
      <h1>{t('upkeep.reports.title')}</h1>
      {props.closed && (
        <p class="notice" role="status">
          {t('upkeep.reports.closed_notice')}
        </p>
      )}
      <p>{t('upkeep.reports.intro')}</p>
      <nav aria-label={t('upkeep.reports.status_navigation')} class="actions">
        {(['open', 'fixed', 'rejected'] as const).map((candidate) =>
          candidate === status ? (
            <span aria-current="page">
              <strong>{t(`upkeep.reports.status.${candidate}`)}</strong>
            </span>
          ) : (
            <a href={`/staff/registry/reports?status=${candidate}${query}`}>
              {t(`upkeep.reports.status.${candidate}`)}
            </a>
          ),
        )}
      </nav>
      <p>{t('upkeep.reports.count', { count: props.total })}</p>
      <StaffTable
        caption={t(`upkeep.reports.status.${status}`)}
        rows={props.reports}
        paging={props.paging}
        columns={[
          { header: t('upkeep.reports.column_received'), cell: (report) => formatMoment(report.createdAt, language) },
          {
            header: t('upkeep.reports.column_listing'),
            rowHeader: true,
            cell: (report) => (
              <>
                <a href={`/staff/institutions/${report.organizationId}`}>{report.organizationName}</a>
                {report.serviceName && <> — {report.serviceName}</>}
              </>
            ),
          },
          {
            header: t('upkeep.reports.column_text'),
            cell: (report) => <span class="report-body">{report.body}</span>,
          },
          {
            header: t('upkeep.reports.column_action'),
            cell: (report) =>
              report.status === 'open' ? (
                <form method="post" action={`/staff/registry/reports/${report.id}/close`}>
                  <CsrfField c={c} />
                  <div class="actions">
                    <button type="submit" name="outcome" value="fixed">
                      {t('upkeep.reports.fixed')}
                    </button>
                    <button type="submit" name="outcome" value="rejected" class="secondary">
                      {t('upkeep.reports.rejected')}
                    </button>
                  </div>
                </form>
              ) : (
                report.closedAt && formatMoment(report.closedAt, language)
              ),
          },
        ]}
      />
    </>
  );
}

export function renderReportsPage(c: C, props: Omit<Parameters<typeof ReportsPage>[0], 'c'>) {
  return renderPage(c, c.get('t')('upkeep.reports.title'), <ReportsPage c={c} {...props} />, { wide: true });
}

// ---- staff: survey answers against the registry -------------------------------------------------------------

function differenceText(c: C, difference: Difference): string {
  const t = c.get('t');
  const helpType = difference.helpType ? t(`upkeep.help_type.${difference.helpType}`) : '';
  return t(`upkeep.differences.${difference.kind}.${difference.survey ? 'yes' : 'no'}`, { help_type: helpType });
}

function DifferencesPage(props: {
  c: C;
  waves: Array<{ key: string; name: string }>;
  waveKey: string | null;
  institutions: InstitutionDifferences[];
  accepted: boolean;
  errors?: Record<string, string>;
}) {
  const { c, waveKey } = props;
  const t = c.get('t');
  const language = c.get('language');
  const withDifferences = props.institutions.filter((institution) => institution.differences.length > 0);
  return (
    <>
      <h1>{t('upkeep.differences.title')}</h1>
      {props.accepted && (
        <p class="notice" role="status">
          {t('upkeep.differences.accepted')}
        </p>
      )}
      <p>{t('upkeep.differences.intro')}</p>
      <form method="get" action="/staff/registry/differences" class="actions">
        <div class="field">
          <label for="differences-wave">{t('upkeep.differences.wave')}</label>
          <select id="differences-wave" name="wave">
            {props.waves.map((wave) => (
              <option value={wave.key} selected={wave.key === waveKey}>
                {wave.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {t('upkeep.differences.show')}
        </button>
      </form>
      {waveKey && (
        <p>
          {t('upkeep.differences.summary', {
            completed: props.institutions.length,
            count: withDifferences.length,
          })}
        </p>
      )}
      {withDifferences.map((institution) => (
        <section aria-labelledby={`differences-${institution.organizationId}`} class="card">
          <h2 id={`differences-${institution.organizationId}`}>
            <a href={`/staff/institutions/${institution.organizationId}`}>{institution.name}</a>
          </h2>
          {institution.completedAt && (
            <p class="hint">
              {t('upkeep.differences.completed', { date: formatMoment(institution.completedAt, language) })}
            </p>
          )}
          <ul>
            {institution.differences.map((difference) => (
              <li>
                {differenceText(c, difference)}{' '}
                <StaffForm
                  c={c}
                  action="/staff/registry/differences/accept"
                  submitLabel={t('upkeep.differences.accept')}
                >
                  <input type="hidden" name="wave" value={waveKey ?? ''} />
                  <input type="hidden" name="organization" value={institution.organizationId} />
                  <input type="hidden" name="difference" value={difference.key} />
                </StaffForm>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function renderDifferencesPage(c: C, props: Omit<Parameters<typeof DifferencesPage>[0], 'c'>) {
  return renderPage(c, c.get('t')('upkeep.differences.title'), <DifferencesPage c={c} {...props} />, {
    wide: true,
  });
}
