// The duty worker's page /staff/beds (two taps at 360 px, no JavaScript) and the reminder link's page. Views only:
// the routes load everything.
import type { Context } from 'hono';
import type { Translate } from '../core/i18n.js';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import { ErrorSummary } from '../http/staff-components.js';
import { BedsTonight, type BedWords } from './beds.components.js';
import type { BedFigure } from './beds.service.js';
import { blockReasons } from './beds.table.js';

type AppContext = Context<AppEnvironment>;

/** One service on the duty worker's page. */
export type StaffBedService = {
  id: string;
  name: string;
  figure: BedFigure | null;
  words: BedWords | null;
  /** The registry's bed count, offered as the maximum when no figure was given yet. */
  registryBeds: number | null;
};

// Raw, like the card's: big targets for a thumb at 360 px.
const bedsStyle = `
.beds-service{border:1px solid var(--border,#bbb);border-radius:.4rem;padding:.75rem;margin:0 0 1rem}
.beds-service h2{margin:0 0 .4rem;font-size:1.2rem}
.beds-figure{font-size:1.6rem;font-weight:700;margin:.2rem 0}
.beds-buttons{display:grid;grid-template-columns:1fr 1fr;gap:.5rem;margin:.5rem 0}
.beds-buttons button{min-height:3.2rem;font-size:1.15rem;width:100%}
.beds-buttons .same{grid-column:1 / span 2}
.beds-set{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
.beds-set input{width:6rem;min-height:2.8rem;font-size:1.2rem}
.beds-set button{min-height:2.8rem}
.beds-saved{border-left:5px solid var(--ok,#2a7);padding-left:.6rem;font-weight:600}
`;

function BedsStyles() {
  return <style dangerouslySetInnerHTML={{ __html: bedsStyle }} />;
}

function ServiceBeds(props: { c: AppContext; service: StaffBedService; t: Translate }) {
  const { c, service, t } = props;
  const action = `/staff/beds/${service.id}`;
  const figure = service.figure;
  const field = (name: string) => `${name}-${service.id}`;
  if (!figure)
    return (
      <section class="beds-service" id={`service-${service.id}`} aria-labelledby={`name-${service.id}`}>
        <h2 id={`name-${service.id}`}>{service.name}</h2>
        <p>{t('beds.staff.never')}</p>
        <form method="post" action={action} class="stack">
          <CsrfField c={c} />
          <input type="hidden" name="action" value="setup" />
          <label for={field('maximum')}>{t('beds.staff.maximum')}</label>
          <input
            type="number"
            inputmode="numeric"
            min="0"
            id={field('maximum')}
            name="maximum"
            value={service.registryBeds === null ? '' : String(service.registryBeds)}
          />
          <label for={field('available')}>{t('beds.staff.set')}</label>
          <input type="number" inputmode="numeric" min="0" id={field('available')} name="available" />
          <label for={field('men')}>{t('beds.staff.men')}</label>
          <input type="number" inputmode="numeric" min="0" id={field('men')} name="men" value="0" />
          <label for={field('women')}>{t('beds.staff.women')}</label>
          <input type="number" inputmode="numeric" min="0" id={field('women')} name="women" value="0" />
          <label for={field('accessible')}>{t('beds.staff.accessible')}</label>
          <input type="number" inputmode="numeric" min="0" id={field('accessible')} name="accessible" value="0" />
          <div class="actions">
            <button type="submit">{t('beds.staff.save')}</button>
          </div>
        </form>
      </section>
    );
  return (
    <section class="beds-service" id={`service-${service.id}`} aria-labelledby={`name-${service.id}`}>
      <h2 id={`name-${service.id}`}>{service.name}</h2>
      <p class="beds-figure">
        {t('beds.staff.empty_now', { count: figure.empty })} {t('beds.staff.of_maximum', { maximum: figure.maximum })}
      </p>
      {figure.held > 0 && <p>{t('beds.staff.held', { count: figure.held })}</p>}
      {figure.blocked > 0 && <p>{t('beds.staff.blocked', { count: figure.blocked })}</p>}
      {service.words && <p>{t('beds.staff.public', { text: service.words.text })}</p>}
      <form method="post" action={action}>
        <CsrfField c={c} />
        <div class="beds-buttons">
          <button type="submit" name="action" value="minus">
            {t('beds.staff.minus')}
          </button>
          <button type="submit" name="action" value="plus">
            {t('beds.staff.plus')}
          </button>
          <button type="submit" name="action" value="same" class="same">
            {t('beds.staff.same', { count: figure.empty })}
          </button>
        </div>
      </form>
      <form method="post" action={action} class="beds-set">
        <CsrfField c={c} />
        <input type="hidden" name="action" value="set" />
        <div>
          <label for={field('available')}>{t('beds.staff.set')}</label>
          <br />
          <input
            type="number"
            inputmode="numeric"
            min="0"
            max={String(figure.maximum)}
            id={field('available')}
            name="available"
            value={String(figure.empty)}
          />
        </div>
        <button type="submit">{t('beds.staff.save')}</button>
      </form>
      <details>
        <summary>{t('beds.staff.block')}</summary>
        <form method="post" action={action} class="stack">
          <CsrfField c={c} />
          <input type="hidden" name="action" value="block" />
          <label for={field('places')}>{t('beds.staff.block_places')}</label>
          <input type="number" inputmode="numeric" min="1" id={field('places')} name="places" value="1" />
          <label for={field('reason')}>{t('beds.staff.block_reason')}</label>
          <select id={field('reason')} name="reason">
            {blockReasons.map((reason) => (
              <option value={reason}>{t(`beds.reason.${reason}`)}</option>
            ))}
          </select>
          <label for={field('until')}>{t('beds.staff.block_until')}</label>
          <input type="date" id={field('until')} name="until" />
          <div class="actions">
            <button type="submit">{t('beds.staff.save')}</button>
          </div>
        </form>
        <form method="post" action={action}>
          <CsrfField c={c} />
          <div class="beds-buttons">
            <button type="submit" name="action" value="walk_in" class="secondary">
              {t('beds.staff.walk_in')}
            </button>
            <button type="submit" name="action" value="walk_out" class="secondary">
              {t('beds.staff.walk_out')}
            </button>
          </div>
        </form>
      </details>
    </section>
  );
}

/** `/staff/beds`: every service with beds of the signed-in worker's institution, each with its buttons. */
export function StaffBedsPage(props: {
  c: AppContext;
  services: StaffBedService[];
  savedName: string | null;
  error: string | null;
}) {
  const { c, services } = props;
  const t = c.get('t');
  return (
    <>
      <BedsStyles />
      <h1>{t('beds.staff.title')}</h1>
      <p>{t('beds.staff.intro')}</p>
      <ErrorSummary c={c} problems={[]} message={props.error ?? undefined} />
      {props.savedName && (
        <p class="beds-saved" role="status">
          {t('beds.staff.saved', { name: props.savedName })}
        </p>
      )}
      {services.length === 0 && <p>{t('beds.staff.none')}</p>}
      {services.map((service) => (
        <ServiceBeds c={c} service={service} t={t} />
      ))}
    </>
  );
}

/** The reminder link's page: "still 3 free tonight?", one button to confirm, one field to change. */
export function ReminderPage(props: { c: AppContext; serviceName: string; figure: BedFigure; action: string }) {
  const { c, figure } = props;
  const t = c.get('t');
  return (
    <>
      <BedsStyles />
      <h1>{t('beds.reminder.title', { count: figure.empty })}</h1>
      <p>{props.serviceName}</p>
      <form method="post" action={props.action}>
        <CsrfField c={c} />
        <div class="beds-buttons">
          <button type="submit" name="action" value="same" class="same">
            {t('beds.reminder.yes', { count: figure.empty })}
          </button>
        </div>
      </form>
      <form method="post" action={props.action} class="beds-set">
        <CsrfField c={c} />
        <input type="hidden" name="action" value="set" />
        <div>
          <label for="available">{t('beds.reminder.change')}</label>
          <br />
          <input
            type="number"
            inputmode="numeric"
            min="0"
            max={String(figure.maximum)}
            id="available"
            name="available"
            value={String(figure.empty)}
          />
        </div>
        <button type="submit">{t('beds.staff.save')}</button>
      </form>
    </>
  );
}

/** After the reminder link was used. */
export function ReminderDonePage(props: { t: Translate; figure: BedFigure; words: BedWords }) {
  return (
    <>
      <h1>{props.t('beds.reminder.done', { count: props.figure.empty })}</h1>
      <BedsTonight words={props.words} />
    </>
  );
}
