// The answer counts the triggers keep must always equal a recount from the responses, whatever is written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { createWave, type Wave } from '../surveys/wave.service.js';
import { openTestDatabase } from '../testing/test-database.js';
import { recountAnswers, selectAnswerCounts } from './analysis.repository.js';
import { analyseWave } from './analysis.service.js';

let db: Kysely<Database>;
let close: () => Promise<void>;
let wave: Wave;

before(async () => {
  ({ db, close } = await openTestDatabase());
  wave = await createWave(db, {
    questionnaireKey: 'lv-2004',
    name: 'Counting wave',
    key: 'counting',
    sample: { source: 'import' },
  });
});
after(() => close());

async function keptCounts(): Promise<string[]> {
  return (await selectAnswerCounts(db, wave.id)).map((row) => `${row.item}=${row.value}:${row.count}`).sort();
}

/** The kept counts, then a recount from scratch: they must be the same. */
async function assertCountsMatchRecount(label: string): Promise<string[]> {
  const kept = await keptCounts();
  await recountAnswers(db, wave.id);
  assert.deepEqual(kept, await keptCounts(), label);
  return kept;
}

async function insertResponse(
  respondentId: string,
  status: 'complete' | 'in_progress',
  answers: Record<string, string>,
): Promise<void> {
  await db
    .insertInto('survey_response')
    .values({
      id: randomUUID(),
      wave_id: wave.id,
      respondent_id: respondentId,
      status,
      answers: JSON.stringify(answers),
      updated_at: new Date(),
    })
    .execute();
}

test('inserts, edits, completions, reopenings and deletions keep the counts equal to a recount', async () => {
  await insertResponse('R1', 'complete', {
    documents_provides: 'yes',
    documents_could_with_support: 'no',
    documents_provided_what: ' Vienreizējs pabalsts ',
    documents_needs_funding_amount: '50',
    documents_needs_funding_currency: 'LVL',
    documents_needs_funding_basis: 'per_person',
  });
  await insertResponse('R2', 'in_progress', { documents_provides: 'no' });
  let counts = await assertCountsMatchRecount('after inserts');
  assert.ok(counts.includes('respondents=:1'), 'only the complete response counts');
  assert.ok(counts.includes('documents_cell=yes|no:1'));
  assert.ok(counts.includes('documents_funding=50|LVL|per_person:1'));
  assert.ok(counts.includes('documents_provided_what=Vienreizējs pabalsts:1'), 'answers are trimmed');

  await db
    .updateTable('survey_response')
    .set({ status: 'complete' })
    .where('wave_id', '=', wave.id)
    .where('respondent_id', '=', 'R2')
    .execute();
  counts = await assertCountsMatchRecount('after a completion');
  assert.ok(counts.includes('respondents=:2'));

  await db
    .updateTable('survey_response')
    .set({ answers: JSON.stringify({ documents_provides: 'yes', documents_could_with_support: 'yes' }) })
    .where('wave_id', '=', wave.id)
    .where('respondent_id', '=', 'R1')
    .execute();
  counts = await assertCountsMatchRecount('after an edit');
  assert.ok(!counts.some((entry) => entry.startsWith('documents_funding=')), 'a withdrawn sum leaves no count behind');

  await db
    .updateTable('survey_response')
    .set({ status: 'in_progress' })
    .where('wave_id', '=', wave.id)
    .where('respondent_id', '=', 'R2')
    .execute();
  await assertCountsMatchRecount('after reopening a response');
  await db.deleteFrom('survey_response').where('wave_id', '=', wave.id).where('respondent_id', '=', 'R1').execute();
  assert.deepEqual(
    await assertCountsMatchRecount('after a deletion'),
    [],
    'nothing complete is left, so nothing is counted',
  );
});

test('a bulk insert is counted in one go, and the analysis reads the counts', async () => {
  await sql`
    INSERT INTO survey_response (id, wave_id, respondent_id, status, answers)
    SELECT gen_random_uuid(), ${wave.id}, 'B' || g, 'complete',
      jsonb_build_object('drugs_provides', CASE WHEN g % 5 = 0 THEN 'yes' ELSE 'no' END, 'drugs_needs_staff', (g % 3)::text)
    FROM generate_series(1, 500) AS g`.execute(db);
  await assertCountsMatchRecount('after a bulk insert');
  const analysis = await analyseWave(db, 'counting');
  const drugs = analysis.blocks.find((block) => block.block === 'drugs');
  assert.equal(analysis.respondents, 500);
  assert.deepEqual([drugs?.provides.yes, drugs?.provides.no], [100, 400]);
  assert.ok(
    drugs?.kind === 'help' && drugs.needs.staff.count === 334,
    'staff 1 or 2: every g but the 166 multiples of 3 in 1–500',
  );
});

test('deleting a wave deletes its counts', async () => {
  await db.deleteFrom('wave').where('id', '=', wave.id).execute();
  assert.deepEqual(await selectAnswerCounts(db, wave.id), []);
});
