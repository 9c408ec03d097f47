import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLv2004Questionnaire } from './lv2004/questionnaire-lv2004.js';
import {
  answeredShare,
  checkCompleteAnswers,
  checkDefinition,
  evaluateExpression,
  keyQuestions,
  listColumns,
  mergeAnswers,
  nextBlock,
  normalizeAnswer,
  pagedBlocks,
  planBlockSteps,
} from './questionnaire.model.js';
import { questionnaireDefinitionSchema, type Question } from './questionnaire.schema.js';

const definition = buildLv2004Questionnaire();
const block = (id: string) => definition.blocks.find((candidate) => candidate.id === id)!;
const question = (id: string) =>
  definition.blocks.flatMap((candidate) => candidate.questions).find((candidate) => candidate.id === id)!;

const helpBlocks = [
  'documents',
  'legal',
  'employment',
  'material',
  'housing',
  'drugs',
  'alcohol',
  'shelter',
  'psychological',
];
const needs = [
  'provides',
  'provided_what',
  'could_with_support',
  'needs_staff',
  'needs_funding_amount',
  'needs_funding_currency',
  'needs_funding_basis',
  'needs_cooperation',
  'needs_law_change',
  'needs_law_change_what',
];

test('the 2004 questionnaire has exactly the contract columns, in the contract order', () => {
  const expected = [
    'respondent_id',
    'institution_type',
    'territory',
    'mode',
    ...helpBlocks.flatMap((id) => [
      ...needs.map((suffix) => `${id}_${suffix}`),
      ...(id === 'shelter' ? ['shelter_admission_terms', 'shelter_max_stay'] : []),
    ]),
    'other_provides',
    'other_provided_what',
    'programme_provides',
    'programme_provided_what',
  ];
  assert.deepEqual(listColumns(definition), expected);
  assert.equal(questionnaireDefinitionSchema.safeParse(definition).success, true);
  assert.deepEqual(checkDefinition(definition), []);
});

test("today's version asks the same questions, with sums in euro only", () => {
  const current = buildLv2004Questionnaire(['EUR']);
  assert.deepEqual(listColumns(current), listColumns(definition), 'the same columns, so waves compare');
  assert.deepEqual(checkDefinition(current), []);
  const currency = current.blocks
    .flatMap((block) => block.questions)
    .find((question) => question.id === 'documents_needs_funding_currency')!;
  assert.deepEqual(
    currency.choices?.map((choice) => choice.value),
    ['EUR'],
  );
});

test('every label, hint and choice is written in Latvian, Russian and English', () => {
  const texts = definition.blocks.flatMap((candidate) => [
    candidate.title,
    ...candidate.questions.flatMap((q) => [q.label, q.hint, q.heading, ...(q.choices ?? []).map((c) => c.label)]),
  ]);
  for (const text of texts.filter(Boolean)) {
    for (const language of ['lv', 'ru', 'en'] as const)
      assert.ok(text![language].trim().length > 0, `${JSON.stringify(text)} lacks ${language}`);
  }
  assert.match(question('documents_provides').label.lv, /pases iegūšanā/);
  assert.match(question('drugs_provides').label.ru, /наркомании/);
});

test('expressions: an unanswered question is empty, never "no"', () => {
  assert.equal(evaluateExpression('documents_provides = yes', { documents_provides: 'yes' }), true);
  assert.equal(evaluateExpression('documents_provides = yes', {}), false);
  assert.equal(evaluateExpression('documents_provides = no', {}), false);
  assert.equal(evaluateExpression("a != '' or b != ''", { b: 'x' }), true);
  assert.equal(evaluateExpression("a != '' and b != ''", { b: 'x' }), false);
  assert.throws(() => evaluateExpression('documents_provides == yes', {}), /cannot read/);
});

test('checkDefinition refuses a follow-up that looks forward or an unknown question', () => {
  const broken = structuredClone(definition);
  broken.blocks[1]!.questions[0]!.relevant = 'legal_provides = yes';
  assert.match(checkDefinition(broken).join('\n'), /documents_provides: relevant reads legal_provides/);
});

test('numbers accept a decimal comma and spaces, and are stored in one canonical form', () => {
  const staff = question('documents_needs_staff');
  assert.deepEqual(normalizeAnswer(staff, ' 0,5 '), { value: '0.5' });
  assert.deepEqual(normalizeAnswer(staff, '10 000'), { value: '10000' });
  assert.deepEqual(normalizeAnswer(staff, '2.50'), { value: '2.5' });
  assert.deepEqual(normalizeAnswer(staff, 'two'), { problem: 'not_a_number' });
  assert.deepEqual(normalizeAnswer(staff, '-1'), { problem: 'negative' });
  assert.deepEqual(normalizeAnswer(question('documents_provides'), 'maybe'), { problem: 'not_yes_no' });
  assert.deepEqual(normalizeAnswer(question('documents_needs_funding_currency'), 'USD'), { problem: 'not_a_choice' });
});

test('thousands separators are read in either convention, and "1,000" is asked again, never stored as 1', () => {
  const amount = question('documents_needs_funding_amount');
  assert.deepEqual(normalizeAnswer(amount, '1,200.50'), { value: '1200.5' });
  assert.deepEqual(normalizeAnswer(amount, '1.200,50'), { value: '1200.5' });
  assert.deepEqual(normalizeAnswer(amount, '1,000,000'), { value: '1000000' });
  assert.deepEqual(normalizeAnswer(amount, '1.000.000'), { value: '1000000' });
  assert.deepEqual(normalizeAnswer(amount, '12,5'), { value: '12.5' });
  assert.deepEqual(normalizeAnswer(amount, '1,000'), { problem: 'ambiguous_number' });
  assert.deepEqual(normalizeAnswer(amount, '2.500'), { problem: 'ambiguous_number' });
  assert.deepEqual(normalizeAnswer(amount, '1,0,0'), { problem: 'not_a_number' });
});

test('a page keeps its valid answers when another is wrong, and requires the currency with an amount', () => {
  const documents = block('documents');
  const scope = documents.questions.filter((q) => !q.relevant);
  const { answers, problems } = mergeAnswers(
    definition,
    {},
    { documents_provides: 'no', documents_needs_staff: 'abc', documents_needs_funding_amount: '500' },
    scope,
  );
  assert.equal(answers.documents_provides, 'no');
  assert.equal(answers.documents_needs_funding_amount, '500');
  assert.equal(answers.documents_needs_staff, undefined);
  assert.deepEqual(problems.map((problem) => [problem.questionId, problem.code]).sort(), [
    ['documents_needs_funding_basis', 'required_with'],
    ['documents_needs_funding_currency', 'required_with'],
    ['documents_needs_staff', 'not_a_number'],
  ]);
});

test('changing "yes" to "no" drops the "what exactly" answer', () => {
  const saved = { documents_provides: 'yes', documents_provided_what: 'Apmaksājam pases fotogrāfijas' };
  const scope = [question('documents_provides')];
  const { answers } = mergeAnswers(definition, saved, { documents_provides: 'no' }, scope);
  assert.deepEqual(answers, { documents_provides: 'no' });
});

test('without JavaScript, "what exactly" waits for a second step until "yes" is saved', () => {
  const fresh = planBlockSteps(block('shelter'), 'respondent', {});
  assert.equal(
    fresh.first.some((q) => q.id === 'shelter_provided_what'),
    false,
  );
  assert.deepEqual(fresh.followUps, []);
  const afterYes = planBlockSteps(block('shelter'), 'respondent', {
    shelter_provides: 'yes',
    shelter_needs_law_change: 'yes',
  });
  assert.deepEqual(
    afterYes.followUps.map((q: Question) => q.id),
    ['shelter_provided_what', 'shelter_needs_law_change_what', 'shelter_admission_terms', 'shelter_max_stay'],
  );
});

test('respondents page through 12 blocks; staff also see how the form came back', () => {
  assert.equal(pagedBlocks(definition, 'respondent', {}).length, 12);
  assert.equal(
    block('respondent').questions.some((q) => q.id === 'mode' && q.askedOf === 'staff'),
    true,
  );
  assert.equal(nextBlock(definition, 'respondent', 'respondent', {})?.id, 'documents');
  assert.equal(nextBlock(definition, 'programme', 'respondent', {}), undefined);
});

test("the partial rule counts the eleven help blocks' key questions", () => {
  assert.equal(keyQuestions(definition).length, 11);
  const six = Object.fromEntries(helpBlocks.slice(0, 6).map((id) => [`${id}_provides`, 'no']));
  assert.ok(answeredShare(definition, six) >= 0.5);
  assert.ok(answeredShare(definition, { documents_provides: 'yes' }) < 0.5);
});

test('a whole row from a file reports answers to questions that were not asked', () => {
  const { problems } = checkCompleteAnswers(definition, {
    documents_provides: 'no',
    documents_provided_what: 'something',
  });
  assert.deepEqual(problems, [
    {
      questionId: 'documents_provided_what',
      code: 'not_asked',
      relatedQuestionId: 'documents_provides',
      value: 'something',
    },
  ]);
});
