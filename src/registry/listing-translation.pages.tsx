// The staff forms' Russian and English fields: one fieldset per language under the Latvian fields, every field
// optional, each text box marked with its language (lang="ru") so spelling and screen readers follow it.
import type { Translate } from '../core/i18n.js';
import { translatedLanguages, type TranslatedLanguage } from './listing-text.js';
import { translationFieldName, type TranslationValues } from './listing-translation.form.js';

const fieldId = (name: string) => `field-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** Short one-line fields; the rest are text areas. */
const singleLineFields: ReadonlySet<string> = new Set(['name', 'fees_description']);
/** Fields without a Latvian box on the staff form (imported only): carried through the form unchanged. */
const hiddenFields: ReadonlySet<string> = new Set(['hours_note']);

/** Form errors keyed `translations.<field>_<language>` as the fields are named (`<field>_<language>`). */
export function flattenTranslationErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [path.replace(/^translations\./, ''), message]),
  );
}

/** The error-summary labels of the translation fields ("Description — In Russian"). */
export function translationLabels(fields: readonly string[], t: Translate): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const language of translatedLanguages)
    for (const field of fields)
      labels[translationFieldName(field, language)] =
        `${t(`listing.field.${field}`)} — ${t(`listing.translations.${language}`)}`;
  return labels;
}

/** One fieldset per translated language with a box for each field; lists (what to bring) one item a line. */
export function TranslationFields(props: {
  fields: readonly string[];
  values: TranslationValues;
  errors: Record<string, string>;
  t: Translate;
}) {
  const { t } = props;
  return (
    <section class="translations" aria-labelledby="translations-heading">
      <h2 id="translations-heading">{t('listing.translations.legend')}</h2>
      <p class="hint">{t('listing.translations.hint')}</p>
      {translatedLanguages.map((language) => (
        <LanguageFieldset {...props} language={language} />
      ))}
    </section>
  );
}

function LanguageFieldset(props: {
  fields: readonly string[];
  values: TranslationValues;
  errors: Record<string, string>;
  t: Translate;
  language: TranslatedLanguage;
}) {
  const { t, language } = props;
  return (
    <fieldset>
      <legend>{t(`listing.translations.${language}`)}</legend>
      {props.fields.map((field) => {
        const name = translationFieldName(field, language);
        const value = props.values[name] ?? '';
        if (hiddenFields.has(field)) return value === '' ? null : <input type="hidden" name={name} value={value} />;
        const id = fieldId(name);
        const error = props.errors[name];
        return (
          <div class={error ? 'field has-error' : 'field'}>
            <label for={id}>{t(`listing.field.${field}`)}</label>
            {error && <p class="field-error">{error}</p>}
            {singleLineFields.has(field) ? (
              <input
                id={id}
                name={name}
                type="text"
                lang={language}
                value={value}
                autocomplete="off"
                aria-invalid={error ? 'true' : undefined}
              />
            ) : (
              <textarea id={id} name={name} rows={3} lang={language} aria-invalid={error ? 'true' : undefined}>
                {value}
              </textarea>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
