import type { Context } from 'hono';
import type { AppEnvironment } from '../http/context.js';
import { CsrfField } from '../http/csrf.js';
import type { Language } from '../core/language.js';
import type { Translate } from '../core/i18n.js';
import {
  formQuestions,
  isRelevant,
  keyQuestions,
  listQuestions,
  pagedBlocks,
  type AnswerProblem,
  type Audience,
} from './questionnaire.model.js';
import type { Block, Question, QuestionnaireDefinition } from './questionnaire.schema.js';
import { localize } from './questionnaire.service.js';
import type { PlausibilityWarning } from './plausibility.js';
import type { Answers } from './survey.table.js';

// The questionnaire as HTML, shared by the online form and staff keying in paper forms: plain form controls that
// work without JavaScript, labels tied to inputs, hints and errors tied through aria-describedby.

/** Problems on a page in the reader's language, keyed by question id. */
export function describeProblems(
  definition: QuestionnaireDefinition,
  problems: AnswerProblem[],
  language: Language,
  t: Translate,
): Map<string, string> {
  const labels = new Map(
    listQuestions(definition).map((question) => [question.id, localize(question.label, language)]),
  );
  return new Map(
    problems.map((problem) => [
      problem.questionId,
      t(`survey.answer.${problem.code}`, { related: labels.get(problem.relatedQuestionId ?? '') ?? '' }),
    ]),
  );
}

/** Plausibility warnings as messages by question id: "99 999 is far more than usual (over 20). Please check." */
export function describeWarnings(
  warnings: PlausibilityWarning[],
  language: Language,
  t: Translate,
): Map<string, string> {
  const number = (value: number) => new Intl.NumberFormat(language).format(value);
  return new Map(
    warnings.map((warning) => [
      warning.questionId,
      t(warning.messageKey, { value: number(warning.value), maximum: number(warning.maximum) }),
    ]),
  );
}

/** How an answer reads to a person: "Jā", the choice's label, or the text itself. */
export function displayAnswer(
  question: Question,
  value: string | undefined,
  language: Language,
  t: Translate,
): string | null {
  if (value === undefined || value === '') return null;
  if (question.type === 'yes_no')
    return value === 'yes' ? t('survey.page.yes') : value === 'no' ? t('survey.page.no') : value;
  if (question.type === 'choice')
    return localize(question.choices?.find((choice) => choice.value === value)?.label, language) || value;
  if (question.type === 'number') return value.replace('.', language === 'en' ? '.' : ',');
  return value;
}

/** "Part 3 of 12" with a <progress> bar; the bar is for the eye, the text for everyone. */
export function PartProgress(props: { t: Translate; current: number; total: number }) {
  const text = props.t('survey.page.part', { current: props.current, total: props.total });
  return (
    <div class="progress">
      <p class="hint" id="part-progress">
        {text}
      </p>
      <progress max={props.total} value={props.current} aria-labelledby="part-progress">
        {text}
      </progress>
    </div>
  );
}

/** Where this block stands among the pages the audience goes through (1-based), and how many there are. */
export function blockPosition(
  definition: QuestionnaireDefinition,
  blockId: string,
  audience: Audience,
  answers: Answers,
): { current: number; total: number } {
  const blocks = pagedBlocks(definition, audience, answers);
  const index = blocks.findIndex((block) => block.id === blockId);
  return { current: index < 0 ? 1 : index + 1, total: blocks.length };
}

function QuestionField(props: {
  question: Question;
  value: string;
  error: string | undefined;
  language: Language;
  t: Translate;
}) {
  const { question, value, error, language, t } = props;
  const id = `q-${question.id}`;
  const hintId = question.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const label = localize(question.label, language);
  const hint = question.hint ? (
    <p class="hint" id={hintId}>
      {localize(question.hint, language)}
    </p>
  ) : null;
  const errorText = error ? (
    <p class="field-error" id={errorId}>
      <span class="visually-hidden">{t('survey.field_error')}: </span>
      {error}
    </p>
  ) : null;
  const fieldClass = error ? 'field has-error' : 'field';

  if (question.type === 'yes_no' || (question.type === 'choice' && !question.requiredIf)) {
    const options =
      question.type === 'yes_no'
        ? [
            { value: 'yes', label: t('survey.page.yes') },
            { value: 'no', label: t('survey.page.no') },
          ]
        : (question.choices ?? []).map((choice) => ({ value: choice.value, label: localize(choice.label, language) }));
    return (
      <div class={fieldClass}>
        <fieldset id={id} aria-describedby={describedBy}>
          <legend>{label}</legend>
          {hint}
          {errorText}
          {options.map((option, index) => (
            <label for={`${id}-${index}`}>
              <input
                type="radio"
                id={`${id}-${index}`}
                name={question.id}
                value={option.value}
                checked={value === option.value}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
      </div>
    );
  }
  if (question.type === 'choice') {
    // A select with an empty choice: an optional answer chosen by mistake can be taken back without JavaScript.
    return (
      <div class={fieldClass}>
        <label for={id}>{label}</label>
        {hint}
        {errorText}
        <select id={id} name={question.id} aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined}>
          <option value="">{t('survey.page.choose')}</option>
          {(question.choices ?? []).map((choice) => (
            <option value={choice.value} selected={value === choice.value}>
              {localize(choice.label, language)}
            </option>
          ))}
        </select>
      </div>
    );
  }
  return (
    <div class={fieldClass}>
      <label for={id}>{label}</label>
      {hint}
      {errorText}
      {question.type === 'text' && question.multiline ? (
        <textarea
          id={id}
          name={question.id}
          rows={4}
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
        >
          {value}
        </textarea>
      ) : (
        <input
          type="text"
          id={id}
          name={question.id}
          value={value}
          inputmode={question.type === 'number' ? 'decimal' : undefined}
          autocomplete="off"
          spellcheck={question.type === 'number' ? false : undefined}
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
          class={question.type === 'number' ? 'number-input' : undefined}
        />
      )}
    </div>
  );
}

/**
 * One page (or its follow-up step) of a block as a form. `values` are what to show in the fields (saved answers,
 * or exactly what was typed when the page comes back with errors).
 */
export function BlockForm(props: {
  c: Context<AppEnvironment>;
  block: Block;
  questions: Question[];
  values: Record<string, string>;
  errors: Map<string, string>;
  /** Unlikely values staff must confirm before they are stored (plausibility.ts), by question id. */
  warnings?: Map<string, string>;
  action: string;
  step: 1 | 2;
  backLabel?: string;
  submitLabel: string;
}) {
  const { c, block, questions, values, errors } = props;
  const warnings = props.warnings ?? new Map<string, string>();
  const t = c.get('t');
  const language = c.get('language');
  const shown = questions.map((question) => question.id);
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField c={c} />
      <input type="hidden" name="_shown" value={shown.join(',')} />
      <input type="hidden" name="_step" value={String(props.step)} />
      {errors.size > 0 && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>{t('survey.page.error_summary')}</h2>
          <ul>
            {questions
              .filter((question) => errors.has(question.id))
              .map((question) => (
                <li>
                  <a href={`#q-${question.id}`}>
                    {localize(question.label, language)}: {errors.get(question.id)}
                  </a>
                </li>
              ))}
          </ul>
          <p>{t('survey.page.error_saved')}</p>
        </div>
      )}
      {warnings.size > 0 && (
        <div class="notice warning" role="alert">
          <h2>{t('survey.plausibility.summary')}</h2>
          <ul>
            {questions
              .filter((question) => warnings.has(question.id))
              .map((question) => (
                <li>
                  <a href={`#confirm-${question.id}`}>
                    {localize(question.label, language)}: {warnings.get(question.id)}
                  </a>
                </li>
              ))}
          </ul>
        </div>
      )}
      {props.step === 2 && <p class="notice">{t('survey.page.follow_up')}</p>}
      {questions.map((question) => (
        <>
          {question.heading && <h2>{localize(question.heading, language)}</h2>}
          <QuestionField
            question={question}
            value={values[question.id] ?? ''}
            error={errors.get(question.id)}
            language={language}
            t={t}
          />
          {warnings.has(question.id) && (
            <div class="notice warning">
              <p>{warnings.get(question.id)}</p>
              <label for={`confirm-${question.id}`}>
                <input type="checkbox" id={`confirm-${question.id}`} name="_confirm" value={question.id} />
                <span>{t('survey.plausibility.confirm')}</span>
              </label>
            </div>
          )}
        </>
      ))}
      <div class="actions">
        <button type="submit" name="_action" value="next">
          {props.submitLabel}
        </button>
        {props.backLabel && (
          <button type="submit" name="_action" value="back" class="secondary">
            {props.backLabel}
          </button>
        )}
      </div>
      <input type="hidden" name="_block" value={block.id} />
    </form>
  );
}

/** Every block with its answers as a definition list, each block with a link to change it. */
export function AnswersSummary(props: {
  c: Context<AppEnvironment>;
  definition: QuestionnaireDefinition;
  answers: Answers;
  audience: Audience;
  changeHref?: (block: Block) => string;
}) {
  const { c, definition, answers } = props;
  const t = c.get('t');
  const language = c.get('language');
  return (
    <>
      {pagedBlocks(definition, props.audience, answers).map((block) => (
        <section class="card">
          <h2>{localize(block.title, language)}</h2>
          <dl class="answers">
            {formQuestions(block, props.audience)
              .filter((question) => isRelevant(question, answers))
              .map((question) => {
                const shown = displayAnswer(question, answers[question.id], language, t);
                return (
                  <>
                    <dt>{localize(question.label, language)}</dt>
                    <dd class={shown === null ? 'unanswered' : undefined}>{shown ?? t('survey.page.not_answered')}</dd>
                  </>
                );
              })}
          </dl>
          {props.changeHref && (
            <p>
              <a href={props.changeHref(block)}>
                {t('survey.page.change')}
                <span class="visually-hidden"> — {localize(block.title, language)}</span>
              </a>
            </p>
          )}
        </section>
      ))}
    </>
  );
}

/** The help blocks whose key question ("does your institution …?") has no answer yet. */
export function unansweredBlocks(definition: QuestionnaireDefinition, answers: Answers): Block[] {
  const unanswered = new Set(
    keyQuestions(definition)
      .filter((question) => (answers[question.id] ?? '') === '')
      .map((question) => question.id),
  );
  return definition.blocks.filter((block) => block.questions.some((question) => unanswered.has(question.id)));
}
