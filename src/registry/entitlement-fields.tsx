// The service form's part for the person's right (entitlement.ts): the law or binding regulation, the article, a
// link to the text, and for a benefit its amount and limits. Its own file so the service form renders it with one
// line; the markup is the registry form's own (field, hint, field-error; ids `field-<name>`).
import type { Translate } from '../core/i18n.js';
import type { Entitlement } from './entitlement.js';

type EntitlementValues = {
  legal_basis_act: string;
  legal_basis_article: string;
  legal_basis_url: string;
  benefit_amount: string;
  benefit_limits: string;
};
const fieldNames = [
  'legal_basis_act',
  'legal_basis_article',
  'legal_basis_url',
  'benefit_amount',
  'benefit_limits',
] as const satisfies ReadonlyArray<keyof EntitlementValues>;

/** The labels of the fields, for the form's error summary. */
export function entitlementFieldLabels(t: Translate): Record<string, string> {
  return Object.fromEntries(fieldNames.map((name) => [name, t(`registry.field.${name}`)]));
}

/** The five fields in one group with a heading and a short explanation. */
export function EntitlementFields(props: {
  t: Translate;
  values: EntitlementValues;
  errors: Record<string, string | undefined>;
}) {
  const { t } = props;
  return (
    <fieldset class="entitlement-fields">
      <legend>{t('registry.entitlement.legend')}</legend>
      <p class="hint">{t('registry.entitlement.hint')}</p>
      {fieldNames.map((name) => {
        const id = `field-${name}`;
        const error = props.errors[name];
        const multiline = name === 'benefit_limits';
        return (
          <div class={error ? 'field has-error' : 'field'}>
            <label for={id}>{t(`registry.field.${name}`)}</label>
            <p class="hint" id={`${id}-hint`}>
              {t(`registry.hint.${name}`)}
            </p>
            {error && <p class="field-error">{error}</p>}
            {multiline ? (
              <textarea
                id={id}
                name={name}
                rows={3}
                aria-describedby={`${id}-hint`}
                aria-invalid={error ? 'true' : undefined}
              >
                {props.values[name]}
              </textarea>
            ) : (
              <input
                id={id}
                name={name}
                type="text"
                value={props.values[name]}
                inputmode={name === 'legal_basis_url' ? 'url' : undefined}
                autocomplete="off"
                aria-describedby={`${id}-hint`}
                aria-invalid={error ? 'true' : undefined}
              />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** The staff view of a service: the right, as term and description rows of its facts list. */
export function EntitlementDetails(props: { t: Translate; entitlement: Entitlement }) {
  const { t, entitlement } = props;
  const rows: Array<[string, unknown]> = [];
  if (entitlement.law)
    rows.push([t('registry.field.legal_basis_act'), [entitlement.law, entitlement.article].filter(Boolean).join(', ')]);
  if (entitlement.url)
    rows.push([
      t('registry.field.legal_basis_url'),
      <a href={entitlement.url} rel="noopener noreferrer">
        {entitlement.url}
      </a>,
    ]);
  if (entitlement.amount) rows.push([t('registry.field.benefit_amount'), entitlement.amount]);
  if (entitlement.limits) rows.push([t('registry.field.benefit_limits'), entitlement.limits]);
  return (
    <>
      {rows.map(([term, description]) => (
        <>
          <dt>{term}</dt>
          <dd>{description}</dd>
        </>
      ))}
    </>
  );
}
