// The staff wave pages through HTTP: a new wave starts from the current questionnaire when nobody touches the
// field, and a responses CSV whose export fails partway ends as a failed download, not a complete-looking file.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createAccountForTest, formPost, getAs, signInForTest, type TestSession } from '../accounts/testing.js';
import { serveApp } from '../http/server.js';
import { createTestApp } from '../testing/test-database.js';
import { listQuestionnaires } from './questionnaire.service.js';
import { currentQuestionnaire } from './staff-waves.routes.js';
import { getWaveByKey } from './wave.service.js';
import { addTestInstitution } from '../registry/registry.fixtures.js';

let context: Awaited<ReturnType<typeof createTestApp>>;
let staff: TestSession;

before(async () => {
  context = await createTestApp();
  const { db } = context;
  staff = await signInForTest(context.app, db, await createAccountForTest(db, { role: 'analyst' }));
  const riga = await db
    .selectFrom('territory')
    .select('code')
    .where('name_lv', '=', 'Rīga')
    .where('level', '=', 1)
    .executeTakeFirstOrThrow();
  await addTestInstitution(db, {
    name: 'A biedrība',
    type: 'ngo',
    email: 'a@example.lv',
    isDemo: true,
    location: { territoryCode: riga.code },
  });
});

after(async () => {
  await context.close();
});

/** What a browser sends for an untouched `<select>`: the value of its selected option. */
function selectedOption(html: string, selectName: string): string | undefined {
  const select = new RegExp(`<select[^>]*name="${selectName}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return /<option value="([^"]*)" selected/.exec(select)?.[1];
}

/** Creates a wave through the staff form, leaving the questionnaire as the form offers it; returns the wave key. */
async function createWaveThroughForm(name: string): Promise<string> {
  const form = await getAs(context.app, '/staff/waves/new', staff);
  assert.equal(form.status, 200);
  const questionnaireKey = selectedOption(await form.text(), 'questionnaireKey');
  assert.ok(questionnaireKey, 'the form preselects a questionnaire');
  const created = await formPost(
    context.app,
    '/staff/waves',
    { name, questionnaireKey, institutionTypes: ['ngo'] },
    staff,
  );
  assert.equal(created.status, 303);
  return decodeURIComponent(created.headers.get('location')!.replace('/staff/waves/', ''));
}

test('the current questionnaire is the newest one no other version replaces', async () => {
  const questionnaires = await listQuestionnaires(context.db);
  const lv2004 = questionnaires.find((questionnaire) => questionnaire.key === 'lv-2004');
  const lv2026 = questionnaires.find((questionnaire) => questionnaire.key === 'lv-2026');
  assert.ok(lv2004 && lv2026);
  assert.equal(lv2026.replacesId, lv2004.id);
  assert.equal(currentQuestionnaire(questionnaires)?.key, 'lv-2026');
  // Listed in any order, the replaced version never wins; a newer version replacing lv-2026 would.
  assert.equal(currentQuestionnaire([...questionnaires].reverse())?.key, 'lv-2026');
  const lv2030 = { ...lv2026, id: randomUUID(), key: 'lv-2030', version: 3, replacesId: lv2026.id };
  assert.equal(currentQuestionnaire([...questionnaires, lv2030])?.key, 'lv-2030');
});

test('a wave created without touching the questionnaire field uses the current questionnaire', async () => {
  const key = await createWaveThroughForm('Vilnis ar noklusēto anketu');
  const wave = await getWaveByKey(context.db, key);
  assert.equal(wave.questionnaireKey, 'lv-2026');
});

test('a form with errors keeps the questionnaire the person chose and names the wrong field', async () => {
  const response = await formPost(
    context.app,
    '/staff/waves',
    { name: '', questionnaireKey: 'lv-2004', institutionTypes: ['ngo'] },
    staff,
  );
  assert.equal(response.status, 400);
  const html = await response.text();
  assert.equal(selectedOption(html, 'questionnaireKey'), 'lv-2004');
  assert.match(html, /<div class="error-summary"[^>]*>[\s\S]*<a href="#name">/);
  assert.match(html, /<form method="post" action="\/staff\/waves"[^>]*>\s*<input type="hidden" name="_csrf"/);
});

test('the responses CSV downloads whole when the export succeeds', async () => {
  const key = await createWaveThroughForm('Vilnis eksportam');
  const response = await getAs(context.app, `/staff/waves/${key}/responses.csv`, staff);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-disposition'), `attachment; filename="responses-${key}.csv"`);
  const text = await response.text();
  assert.match(text, /^respondent_id,/);
  const audited = await context.db
    .selectFrom('audit_event')
    .select('action')
    .where('action', '=', 'survey.responses.export')
    .where('entity_id', '=', key)
    .execute();
  assert.equal(audited.length, 1, 'the export is audited');
});

test('a responses CSV whose export fails partway ends as a failed download', async () => {
  const key = await createWaveThroughForm('Vilnis ar kļūdu eksportā');
  // The export reads the questionnaire, writes the header row, then reads the responses page by page: with the
  // responses table gone, the header has left with status 200 when the first page fails.
  await sql`alter table survey_response rename to survey_response_away`.execute(context.db);
  try {
    const response = await getAs(context.app, `/staff/waves/${key}/responses.csv`, staff);
    assert.equal(response.status, 200);
    const reader = response.body!.getReader();
    const received: string[] = [];
    const decoder = new TextDecoder();
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'complete';
        received.push(decoder.decode(value, { stream: true }));
      }
    })();
    await assert.rejects(reading, /download failed partway/);
    assert.match(received.join(''), /^respondent_id,/, 'the header row arrived before the failure');

    // Over a real connection the server drops it before the closing chunk: the browser's download fails.
    const { server, url } = await serveApp(context.app, { port: 0, hostname: '127.0.0.1' });
    try {
      const overHttp = await fetch(`${url}/staff/waves/${encodeURIComponent(key)}/responses.csv`, {
        headers: { cookie: staff.cookie },
      });
      assert.equal(overHttp.status, 200);
      await assert.rejects(overHttp.text(), /terminated/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  } finally {
    await sql`alter table survey_response_away rename to survey_response`.execute(context.db);
  }
});
