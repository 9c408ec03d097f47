// The report in every format shows the 2004 study's figures (expected values are the study's, written here),
// and a wave with no answers, or a block nobody answered, gives a report that says so instead of NaN.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { loadDemoData } from '../demo/demo.service.js';
import { loadConfig } from '../config.js';
import { importResponses } from '../surveys/response-csv.service.js';
import { createWave } from '../surveys/wave.service.js';
import { countPixels, drawPdfPage, readPdfPages, readPdfText } from '../testing/pdf.js';
import { openTestDatabase } from '../testing/test-database.js';
import { translate } from '../core/i18n.js';
import { layoutChart, renderChartSvg } from './chart.js';
import { reportCommands } from './report.cli.js';
import { buildWaveReport, renderReport } from './report.service.js';

let db: Kysely<Database>;
let close: () => Promise<void>;

before(async () => {
  ({ db, close } = await openTestDatabase());
  // The reconstructed 2004 wave is demonstration data, loaded as `npx atlas demo load` does.
  await loadDemoData(db);
});
after(() => close());

/** Collapses whitespace, so a phrase broken over two lines in the PDF is still found. */
function flat(text: string): string {
  // A line may break after a dash ("52,0–" / "69,8%"): joined back without the space.
  return text.replace(/\s+/g, ' ').replace(/– /g, '–');
}

// The study's figures as the English report writes them.
const englishFigures = [
  'Questionnaires went to 600 institutions; 111 came back completed. The response rate (AAPOR RR1) is 18.5%.',
  'Most respondents are municipal bodies: 98 of 111 (88.3%).',
  '68 of the 111 institutions that answered this question give this help: 61.3% (95% CI 52.0–69.8%).',
  '45 of the 111 institutions that answered this question give this help: 40.5%',
  '69 of the 111 institutions that answered this question give this help: 62.2%',
  '54 of the 111 institutions that answered this question give this help: 48.6%',
  '19 of the 111 institutions that answered this question give this help: 17.1%',
  '22 of the 111 institutions that answered this question give this help: 19.8%',
  '8 of the 111 institutions that answered this question give this help: 7.2%',
  '28 of the 111 institutions that answered this question give this help: 25.2%',
  'Material help: 55 of 68 answers (80.9%).',
  'Of the institutions that already give this help and answered the question, 42 of 68 (61.8%) could give it if state support were ensured.',
  'Of the institutions that already give this help and answered the question, 24 of 45 (53.3%) could give it if state support were ensured.',
  '14 institutions; 19.5 posts in all, 0.5 to 3 each',
  '25 institutions named a sum',
  'Office of Citizenship and Migration Affairs (PMLP) (17)',
  '40 institutions think the law needs to change',
  '13 institutions; 14 posts in all, 0.5 to 2 each',
  '12 institutions answered although they give none of the kinds of help the questionnaire asked about.',
];

test('the English HTML report shows the study’s figures, its charts with text alternatives, and Figure 6', async () => {
  const { analysis, model } = await buildWaveReport(db, 'lv-2004', 'en');
  const html = String((await renderReport(analysis, model, 'html')).body);
  const text = flat(
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"'),
  );
  for (const figure of englishFigures) assert.ok(text.includes(figure), figure);
  assert.match(html, /<svg[^>]*role="img"[^>]*aria-labelledby="chart-drugs-title chart-drugs-desc"/);
  assert.ok(
    text.includes('Help with treatment for drug addiction: yes 19, no 92, not answered 0.'),
    'Figure 6 as text',
  );
  assert.ok(html.includes('<title id="chart-shares-title">Institutions giving each kind of help (%)</title>'));
  assert.ok(!/NaN|undefined|Infinity/.test(html));
  // Funding ranges: 50 Ls per person up to 4600 Ls (documents), 320,000 Ls (housing), 30 Ls to 7200 Ls (psychological).
  for (const row of [
    ['LVL', 'per person', '8', '50', '60', '100'],
    ['LVL', 'per year', '13', '200', '1,200', '4,600'],
  ]) {
    assert.ok(text.includes(row.join(' ')), row.join(' '));
  }
  assert.ok(text.includes('320,000'));
  assert.ok(text.includes('7,200'));
  // Honest method notes: the high rates explained with the wave's own count of unknowns, bases that differ said so,
  // codes nobody reviewed called automatic, and no grand total across one-off, yearly and per-person sums.
  assert.ok(text.includes(`none of the ${analysis.outcomes.U} cases of unknown eligibility was eligible`));
  assert.match(text, /Base for each bar: the respondents who answered yes or no \(\d+ to 111\)/);
  assert.ok(text.includes('no analyst has reviewed them yet'));
  assert.ok(!/sum of all|all the sums/i.test(text));
});

test('the Latvian PDF is searchable text with every Latvian letter, the study’s figures and the charts', async () => {
  const { analysis, model } = await buildWaveReport(db, 'lv-2004', 'lv');
  const pdf = (await renderReport(analysis, model, 'pdf')).body as Buffer;
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = flat(await readPdfText(pdf));
  for (const figure of [
    'Anketas tika nosūtītas 600 iestādēm; aizpildītas un atpakaļ saņemtas 111. Atbildētības rādītājs (AAPOR RR1) ir 18,5%.',
    'Lielākā daļa atbildējušo ir pašvaldību iestādes: 98 no 111 (88,3%).',
    '68 no 111 iestādēm, kas atbildēja uz šo jautājumu, sniedz šo palīdzību: 61,3% (95% TI 52,0–69,8%).',
    'Materiāla palīdzība: 55 no 68 atbildēm (80,9%).',
    'Palīdzība ārstēties no narkomānijas: atbildes (skaits)',
    'Pilsonības un migrācijas lietu pārvalde (PMLP) (17)',
    'No iestādēm, kas šo palīdzību jau sniedz un atbildēja uz jautājumu, 42 no 68 (61,8%) to varētu sniegt, ja tiktu nodrošināts valsts atbalsts.',
    '14 iestādes; kopā 19,5 slodzes, no 0,5 līdz 3 katrā',
    '25 iestādes nosauca summu',
    '40 iestādes uzskata, ka vajadzīgi likumu grozījumi',
    '12 iestādes atbildēja, lai gan nesniedz nevienu no aptaujā minētajiem palīdzības veidiem.',
    // Every help block's yes-count and share (employment's count is the documented assumption).
    ...[
      [68, '61,3'],
      [45, '40,5'],
      [36, '32,4'],
      [69, '62,2'],
      [54, '48,6'],
      [19, '17,1'],
      [22, '19,8'],
      [8, '7,2'],
      [28, '25,2'],
    ].map(
      ([yes, percent]) => `${yes} no 111 iestādēm, kas atbildēja uz šo jautājumu, sniedz šo palīdzību: ${percent}%`,
    ),
  ]) {
    assert.ok(text.includes(figure), figure);
  }
  for (const letter of 'āčēģīķļņšūž') assert.ok(text.includes(letter), `the letter ${letter}`);
  assert.ok(!/NaN|undefined/.test(text));
  // Figure 6's bars are labelled 19 and 92 next to "Jā" and "Nē".
  const figure6 = text.slice(text.indexOf('Palīdzība ārstēties no narkomānijas: atbildes (skaits)'));
  assert.match(figure6.slice(0, 200), /19.*92|92.*19/);
});

test('the PDF’s pages, drawn as pictures, show the text and the charts', async () => {
  const { analysis, model } = await buildWaveReport(db, 'lv-2004', 'lv');
  const pdf = (await renderReport(analysis, model, 'pdf')).body as Buffer;
  const pages = await readPdfPages(pdf);
  const figurePage =
    pages.findIndex((page) => flat(page).includes('Palīdzība ārstēties no narkomānijas: atbildes (skaits)')) + 1;
  assert.ok(figurePage > 0, 'Figure 6 is on a page');

  const isText = (red: number, green: number, blue: number) => red < 110 && green < 110 && blue < 110;
  // The bars' blue (chartColours in chart.ts); text and rules are grey or black.
  const isBlue = (red: number, _green: number, blue: number) => blue > 120 && blue > red + 80;

  const first = await drawPdfPage(pdf, 1);
  assert.ok(first.width > 300 && first.height > first.width, `an A4 page upright: ${first.width}×${first.height}`);
  assert.ok(countPixels(first, isText) > 2000, 'the first page shows text');

  const figure = await drawPdfPage(pdf, figurePage);
  assert.ok(countPixels(figure, isText) > 1000, 'Figure 6’s page shows text');
  assert.ok(countPixels(figure, isBlue) > 1000, 'Figure 6’s page shows its bars');
});

test('the JSON report carries the analysis contract and every table', async () => {
  const { analysis, model } = await buildWaveReport(db, 'lv-2004', 'en');
  const json = JSON.parse(String((await renderReport(analysis, model, 'json')).body));
  assert.equal(json.respondents, 111);
  assert.equal(json.response_rates.RR1, 0.185);
  assert.equal(json.blocks.drugs.provides.yes, 19);
  assert.equal(json.blocks.drugs.provides.no, 92);
  const overview = json.tables.find((table: { id: string }) => table.id === 'overview');
  assert.deepEqual(overview.rows[5].slice(0, 3), ['Help with treatment for drug addiction', '19', '92']);
  assert.ok(json.tables.length >= 40, `${json.tables.length} tables`);
  assert.ok(json.conclusions.length >= 5);
});

test('`npx atlas report --format pdf` writes a PDF; without --out it refuses', async () => {
  const command = reportCommands[0]!;
  const config = loadConfig({ NODE_ENV: 'test' });
  const out = `/tmp/atlas-report-test-${process.pid}.pdf`;
  const code = await command.run({
    db,
    config,
    args: ['--wave', 'lv-2004', '--lang', 'en', '--format', 'pdf', '--out', out],
    print: () => {},
    progress: () => {},
  });
  assert.equal(code, 0);
  const text = flat(await readPdfText(readFileSync(out)));
  rmSync(out);
  assert.ok(text.includes('Most respondents are municipal bodies: 98 of 111 (88.3%).'));
  assert.equal(
    await command.run({
      db,
      config,
      args: ['--wave', 'lv-2004', '--format', 'pdf'],
      print: () => {},
      progress: () => {},
    }),
    2,
  );
});

test('a wave with no responses gives a report that says so, in every format', async () => {
  await createWave(db, {
    questionnaireKey: 'lv-2004',
    name: 'Empty wave',
    key: 'empty-wave',
    sample: { source: 'import' },
  });
  const { analysis, model } = await buildWaveReport(db, 'empty-wave', 'en');
  assert.equal(analysis.respondents, 0);
  const html = String((await renderReport(analysis, model, 'html')).body);
  assert.ok(html.includes('This wave has no completed response yet, so there is nothing to analyse.'));
  assert.ok(html.includes('No sample is recorded for this wave'));
  const json = String((await renderReport(analysis, model, 'json')).body);
  const pdf = flat(await readPdfText((await renderReport(analysis, model, 'pdf')).body as Buffer));
  assert.ok(pdf.includes('This wave has no completed response yet'));
  for (const output of [html, json, pdf]) assert.ok(!/NaN|Infinity|undefined/.test(output));
  const parsed = JSON.parse(json);
  assert.equal(parsed.blocks.documents.provides.percent_yes, null);
  assert.equal(parsed.blocks.documents.provides.ci95, null);
  assert.equal(parsed.response_rates.RR1, null);
  assert.equal(analysis.outcomes.U, 0);
  assert.ok(!html.includes('cases of unknown eligibility'), 'no warning about unknowns a wave does not have');
});

test('a block nobody answered is reported as unanswered, not as 0% or NaN', async () => {
  const wave = await createWave(db, {
    questionnaireKey: 'lv-2004',
    name: 'Partial wave',
    key: 'partial-wave',
    sample: { source: 'import' },
  });
  const columns = [
    'respondent_id',
    'institution_type',
    'territory',
    'mode',
    'documents_provides',
    'documents_provided_what',
    'legal_provides',
  ];
  const csv = [
    columns.join(','),
    'R001,municipal,Rīga,post,yes,Vienreizējs pabalsts 10 Ls,no',
    'R002,ngo,Rīga,email,no,,',
  ].join('\n');
  await importResponses(db, wave, `${csv}\n`);
  const { analysis, model } = await buildWaveReport(db, 'partial-wave', 'en');
  assert.equal(analysis.respondents, 2);
  const shelter = model.sections.find((section) => section.id === 'shelter');
  assert.ok(shelter?.content.some((item) => item.kind === 'notice' && item.text === 'Nobody answered this question.'));
  assert.ok(!shelter?.content.some((item) => item.kind === 'chart'), 'no chart of nothing');
  const legal = analysis.blocks.find((block) => block.block === 'legal');
  assert.deepEqual(
    [legal?.provides.yes, legal?.provides.no, legal?.provides.notAnswered, legal?.provides.share.percent],
    [0, 1, 1, 0],
  );
  const html = String((await renderReport(analysis, model, 'html')).body);
  const pdf = flat(await readPdfText((await renderReport(analysis, model, 'pdf')).body as Buffer));
  for (const output of [html, pdf]) {
    assert.ok(!/NaN|Infinity|undefined/.test(output));
    assert.ok(output.includes('Nobody answered this question.'));
  }
});

test('report sentences agree with their numbers: Latvian 1, 21 and 11, Russian 1, 3 and 5, English 1 and 2', () => {
  assert.equal(translate('lv', 'report.quotes.more', { count: 1 }), 'un vēl 1 cita atbilde');
  assert.equal(translate('lv', 'report.quotes.more', { count: 21 }), 'un vēl 21 cita atbilde');
  assert.equal(translate('lv', 'report.quotes.more', { count: 11 }), 'un vēl 11 citas atbildes');
  assert.equal(translate('ru', 'report.quotes.more', { count: 1 }), 'и ещё 1 другой ответ');
  assert.equal(translate('ru', 'report.quotes.more', { count: 3 }), 'и ещё 3 других ответа');
  assert.equal(translate('ru', 'report.quotes.more', { count: 5 }), 'и ещё 5 других ответов');
  assert.match(translate('en', 'report.need.funding_detail', { count: 1 }), /^1 institution named/);
  assert.match(translate('en', 'report.need.funding_detail', { count: 2 }), /^2 institutions named/);
  assert.match(translate('lv', 'report.general.without_help', { count: 1 }), /^1 iestāde atbildēja/);
});

test('charts: a title and a text alternative, bars in proportion, the same layout for SVG and PDF', () => {
  const chart = {
    id: 'c',
    title: 'Figure 6 <test>',
    description: 'Yes 19, No 92',
    orientation: 'vertical' as const,
    categories: ['Yes', 'No'],
    series: [{ name: 'n', values: [19, 92], colour: '#0072B2' }],
    unit: 'count' as const,
    language: 'en',
  };
  const svg = renderChartSvg(chart);
  assert.match(svg, /<title id="c-title">Figure 6 &lt;test&gt;<\/title><desc id="c-desc">Yes 19, No 92<\/desc>/);
  const bars = layoutChart(chart).primitives.filter((primitive) => primitive.kind === 'rect');
  assert.equal(bars.length, 2);
  const [yes, no] = bars as Array<{ height: number }>;
  assert.ok(Math.abs(yes!.height / no!.height - 19 / 92) < 1e-9, 'bar heights are proportional to the counts');
  assert.equal((svg.match(/<rect /g) ?? []).length, 2, 'the SVG draws exactly the laid-out bars');
});
