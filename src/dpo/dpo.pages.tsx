import type { Context } from 'hono';
import type { AppEnvironment } from '../http/context.js';
import { renderPage } from '../http/layout.js';
import { StaffForm, type FieldProblem } from '../http/staff-components.js';

type AppContext = Context<AppEnvironment>;

// The DPO's page: one person id, then an export (a download) or an erasure (a confirmed POST). No list of people
// and no search by name: the officer comes with an id from a request, and sees nothing they did not ask for.

function DataSubjectRightsPage(props: {
  c: AppContext;
  values: { person_id: string; reason: string };
  problems: FieldProblem[];
  erased: boolean;
}) {
  const { c, values } = props;
  const t = c.get('t');
  return (
    <>
      <h1>{t('dpo.title')}</h1>
      <p>{t('dpo.intro')}</p>
      {props.erased && (
        <p class="notice" role="status">
          {t('dpo.erased')}
        </p>
      )}
      <form method="get" action="/staff/dpo/export.json">
        <div class="field">
          <label for="export-person">{t('dpo.person_id')}</label>
          <p class="hint" id="export-person-hint">
            {t('dpo.person_id_hint')}
          </p>
          <input id="export-person" name="person" required aria-describedby="export-person-hint" autocomplete="off" />
        </div>
        <div class="actions">
          <button type="submit">{t('dpo.export')}</button>
        </div>
      </form>
      <h2>{t('dpo.erase.title')}</h2>
      <p>{t('dpo.erase.intro')}</p>
      <StaffForm c={c} action="/staff/dpo/erase" submitLabel={t('dpo.erase.submit')} problems={props.problems}>
        <div class="field">
          <label for="person_id">{t('dpo.person_id')}</label>
          <input id="person_id" name="person_id" value={values.person_id} required autocomplete="off" />
        </div>
        <div class="field">
          <label for="reason">{t('dpo.erase.reason')}</label>
          <input id="reason" name="reason" value={values.reason} required maxlength={200} />
        </div>
        <div class="field">
          <input type="checkbox" id="confirm" name="confirm" value="yes" />
          <label for="confirm">{t('dpo.erase.confirm')}</label>
        </div>
      </StaffForm>
    </>
  );
}

/** The page, with status 400 when the erasure form came back with problems. */
export function renderDataSubjectRightsPage(
  c: AppContext,
  props: { values: { person_id: string; reason: string }; problems: FieldProblem[]; erased: boolean },
) {
  const page = <DataSubjectRightsPage c={c} {...props} />;
  return renderPage(c, c.get('t')('dpo.title'), page, { status: props.problems.length > 0 ? 400 : 200 });
}
