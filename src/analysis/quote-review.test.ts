// Respondents' own words are published only after review (issue 15, item 6), bulk coding, and small-sample marks,
// over the reconstructed 2004 wave (closed, 111 respondents with free text), through real HTTP and a real database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { createAccountForTest, formPost, getAs, signInForTest, type TestSession } from '../accounts/testing.js';
import type { Database } from '../db/database.js';
import { loadDemoData } from '../demo/demo.service.js';
import type { AppEnvironment } from '../http/context.js';
import { buildWaveReport } from '../report/report.service.js';
import { getWaveByKey } from '../surveys/wave.service.js';
import { readPdfText } from '../testing/pdf.js';
import { createTestApp } from '../testing/test-database.js';
import { listCodedQuestions, quotedQuestionIds } from './analysis.service.js';
import { languages } from '../core/language.js';
import { categoryLabel } from './codebook.js';
import { isSmallBase, smallBaseMark } from './proportion.js';
import { allBlocks } from './questions.js';
import { quoteHash } from './quote-review.service.js';

let app: Hono<AppEnvironment>;
let db: Kysely<Database>;
let close: () => Promise<void>;
let analyst: TestSession;
let analystId: string;
let waveId: string;
/** Every distinct answer the report could quote, long enough not to occur in the report's own words by chance. */
let quotable: Array<{ questionId: string; text: string }>;

before(async () => {
  ({ app, db, close } = await createTestApp());
  await loadDemoData(db);
  const account = await createAccountForTest(db, { role: 'analyst' });
  analystId = account.id;
  analyst = await signInForTest(app, db, account);
  waveId = (await getWaveByKey(db, 'lv-2004')).id;
  const rows = await db
    .selectFrom('analysis_answer_count')
    .select(['item', 'value'])
    .where('wave_id', '=', waveId)
    .where('item', 'in', quotedQuestionIds())
    .execute();
  // An answer worded exactly like a code's label ("Palīdz sakārtot sadzīves problēmas") appears as that code.
  const labels = new Set(
    allBlocks.flatMap((block) =>
      listCodedQuestions(block).flatMap(({ codebook }) =>
        codebook.categories.flatMap((category) =>
          languages.map((language) => categoryLabel(codebook, category.code, language)),
        ),
      ),
    ),
  );
  quotable = rows
    .filter((row) => row.value.trim().length >= 20 && !labels.has(row.value.trim()))
    .map((row) => ({ questionId: row.item, text: row.value }));
  assert.ok(quotable.length > 20, `the 2004 wave has free text to quote (${quotable.length})`);
});
after(() => close());

const squeeze = (text: string) => text.replace(/\s+/g, ' ');

/** The page's visible text, entities decoded. */
function visibleText(html: string): string {
  return squeeze(
    html
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

async function publicReport(): Promise<{ html: string; pdf: string }> {
  const page = await app.request('/reports/lv-2004?lang=lv');
  assert.equal(page.status, 200);
  const pdf = await app.request('/reports/lv-2004/report.pdf?lang=lv');
  assert.equal(pdf.status, 200);
  return {
    html: visibleText(await page.text()),
    pdf: squeeze(await readPdfText(new Uint8Array(await pdf.arrayBuffer()))),
  };
}

const quoted = (report: { html: string; pdf: string }, text: string) => ({
  html: report.html.includes(squeeze(text)),
  pdf: report.pdf.includes(squeeze(text)),
});

test('a public report of a closed wave with unreviewed free text quotes none of it, in HTML or PDF', async () => {
  const report = await publicReport();
  for (const { text } of quotable)
    assert.deepEqual(quoted(report, text), { html: false, pdf: false }, `not published: "${text}"`);
  // Codes and counts are still there, and staff still read every answer.
  assert.match(report.html, /Kāda tieši bija palīdzība|Ko tieši sniedza|Kategorija/);
  const staff = visibleText(await (await getAs(app, '/staff/analysis/lv-2004?lang=lv', analyst)).text());
  assert.ok(
    quotable.some(({ text }) => staff.includes(squeeze(text))),
    'the staff report quotes the answers',
  );
});

test('after an analyst approves one answer, the public report quotes it and still none of the others', async () => {
  const queue = await (await getAs(app, '/staff/analysis/lv-2004/quotes?lang=lv', analyst)).text();
  /** Every page of the pending queue, as the analyst pages through it. */
  const pendingPages = async () => {
    const pages: string[] = [];
    for (let page = 1; page <= 100; page += 1) {
      const html = await (
        await getAs(app, `/staff/analysis/lv-2004/quotes?status=pending&page=${page}`, analyst)
      ).text();
      pages.push(html);
      if (!html.includes(`page=${page + 1}`)) break;
    }
    return pages.join('\n');
  };
  // The answer to approve: the shelter's longest stay quoted by the staff report ("60 naktis gadā …").
  const chosen = quotable.find(
    (candidate) => candidate.questionId === 'shelter_max_stay' && candidate.text.includes('60 naktis gadā'),
  )!;
  assert.ok(chosen, 'the 2004 wave has the "60 naktis gadā" answer');
  const hash = quoteHash(chosen.text);
  assert.ok((await pendingPages()).includes(`value="${hash}"`), 'the answer waits in the review queue');
  const pendingBefore = Number(/Gaida pārbaudi \((\d+)\)/.exec(visibleText(queue))?.[1]);

  const approved = await formPost(
    app,
    '/staff/analysis/lv-2004/quotes',
    { question_id: chosen.questionId, hash, decision: 'approved' },
    analyst,
  );
  assert.equal(approved.status, 303);
  // Another answer is rejected: it stays out, as do all the unreviewed ones.
  const rejected = quotable.find((candidate) => candidate !== chosen && candidate.questionId === 'shelter_max_stay')!;
  assert.equal(
    (
      await formPost(
        app,
        '/staff/analysis/lv-2004/quotes',
        { question_id: rejected.questionId, hash: quoteHash(rejected.text), decision: 'rejected' },
        analyst,
      )
    ).status,
    303,
  );

  const report = await publicReport();
  assert.deepEqual(quoted(report, chosen.text), { html: true, pdf: true });
  for (const other of quotable.filter((candidate) => candidate.text !== chosen.text))
    assert.deepEqual(quoted(report, other.text), { html: false, pdf: false }, `not published: "${other.text}"`);

  const after = visibleText(await (await getAs(app, '/staff/analysis/lv-2004/quotes?lang=lv', analyst)).text());
  assert.equal(Number(/Gaida pārbaudi \((\d+)\)/.exec(after)?.[1]), pendingBefore - 2);
  const events = await db
    .selectFrom('audit_event')
    .select(['action', 'account_id', 'entity_id', 'details'])
    .where('action', 'in', ['analysis.quote.approve', 'analysis.quote.reject'])
    .orderBy('occurred_at')
    .execute();
  assert.deepEqual(
    events.map((event) => [event.action, event.account_id, event.entity_id, event.details.textHash]),
    [
      ['analysis.quote.approve', analystId, waveId, hash],
      ['analysis.quote.reject', analystId, waveId, quoteHash(rejected.text)],
    ],
  );
  // The audit trail names the answer by its hash, never by its words.
  assert.ok(events.every((event) => !JSON.stringify(event.details).includes(chosen.text)));
  // A hash that names no answer of the wave is refused.
  const unknown = await formPost(
    app,
    '/staff/analysis/lv-2004/quotes',
    { question_id: chosen.questionId, hash: quoteHash('nav tādas atbildes'), decision: 'approved' },
    analyst,
  );
  assert.equal(unknown.status, 404);
});

test('bulk coding gives one code to every ticked answer at once, and is audited', async () => {
  const [{ questionId, codebook }] = listCodedQuestions('documents') as [ReturnType<typeof listCodedQuestions>[number]];
  const page = await (
    await getAs(app, `/staff/analysis/lv-2004/coding/documents?question=${questionId}`, analyst)
  ).text();
  const respondents = [...page.matchAll(/form="bulk-coding" id="pick-([^"]+)"/g)].map((match) => match[1]!);
  assert.ok(respondents.length >= 3, 'the page lists answers with a checkbox each');
  const ticked = respondents.slice(0, 3);
  const category = codebook.categories.at(-1)!.code;

  const refused = await formPost(
    app,
    '/staff/analysis/lv-2004/coding/documents/bulk?lang=en',
    { question_id: questionId, category },
    analyst,
  );
  assert.equal(refused.status, 400);
  assert.match(await refused.text(), /Tick at least one answer/);

  const applied = await formPost(
    app,
    '/staff/analysis/lv-2004/coding/documents/bulk',
    { question_id: questionId, category, respondent: ticked },
    analyst,
  );
  assert.equal(applied.status, 303);
  assert.match(applied.headers.get('location') ?? '', /coded=3/);
  const codes = await db
    .selectFrom('answer_code')
    .select(['respondent_id', 'category', 'account_id'])
    .where('wave_id', '=', waveId)
    .where('question_id', '=', questionId)
    .where('category', '=', category)
    .orderBy('respondent_id')
    .execute();
  assert.deepEqual(
    codes.map((row) => [row.respondent_id, row.account_id]),
    [...ticked].sort().map((id) => [id, analystId]),
  );
  const event = await db
    .selectFrom('audit_event')
    .select(['account_id', 'details'])
    .where('action', '=', 'analysis.coding.bulk')
    .executeTakeFirstOrThrow();
  assert.equal(event.account_id, analystId);
  assert.deepEqual(event.details, { questionId, category, respondentIds: ticked });
});

test('percentages on fewer than 30 answers are marked, with the reason in words beside the table', async () => {
  const { analysis, model } = await buildWaveReport(db, 'lv-2004', 'en');
  const tables = model.sections.flatMap((section) => section.content.filter((item) => item.kind === 'table'));
  let small = 0;
  let large = 0;
  for (const block of analysis.blocks) {
    const table = tables.find((candidate) => candidate.id === `${block.block}-provided`);
    if (!table) continue;
    const percentColumn = 2; // category, count, percent[, examples]
    const marked = table.rows.map((row) => row[percentColumn]!.endsWith(` ${smallBaseMark}`));
    if (isSmallBase(block.provided.answered)) {
      small += 1;
      assert.ok(marked.every(Boolean), `${block.block}: ${block.provided.answered} answers, every share marked`);
      assert.match(table.note ?? '', /Fewer than 30 answers/);
    } else {
      large += 1;
      assert.ok(!marked.some(Boolean), `${block.block}: ${block.provided.answered} answers, nothing marked`);
      assert.equal(table.note, undefined);
    }
  }
  assert.ok(small > 0 && large > 0, `both kinds occur in 2004 (small ${small}, large ${large})`);
  const html = visibleText(await (await app.request('/reports/lv-2004?lang=en')).text());
  assert.match(html, /\* Fewer than 30 answers: with so few, one answer moves the percentage a lot/);
});
