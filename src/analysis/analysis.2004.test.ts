// Every figure the 2004 study printed, computed by the analysis from the reconstructed 2004 wave (loaded into the
// test database by the survey engine's reference loader). The expected numbers are the study's own
// (docs/wave-2004.md cites the study, quotes each figure and maps it to its columns); nothing in the code under test
// knows them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { loadConfig } from '../config.js';
import { openTestDatabase } from '../testing/test-database.js';
import { loadDemoData } from '../demo/demo.service.js';
import { analysisCommands } from './analysis.cli.js';
import { analyseWave, toAnalysisJson, type HelpBlockAnalysis, type WaveAnalysis } from './analysis.service.js';
import type { HelpBlock } from './questions.js';

let db: Kysely<Database>;
let close: () => Promise<void>;
let analysis: WaveAnalysis;
let json: ReturnType<typeof toAnalysisJson>;

before(async () => {
  ({ db, close } = await openTestDatabase());
  // The reconstructed 2004 wave is demonstration data, loaded as `npx atlas demo load` does.
  await loadDemoData(db);
  analysis = await analyseWave(db, 'lv-2004');
  json = toAnalysisJson(analysis);
});
after(() => close());

function help(block: HelpBlock): HelpBlockAnalysis {
  const found = analysis.blocks.find((candidate) => candidate.block === block);
  assert.ok(found && found.kind === 'help', block);
  return found;
}

test('§1: 111 questionnaires of 600 came back — AAPOR RR1 0.185', () => {
  assert.equal(json.respondents, 111);
  assert.equal(analysis.cases.total, 600);
  assert.equal(json.response_rates.RR1, 0.185);
  // No case is known to be ineligible, so e = 1 and RR3 equals RR1.
  assert.equal(json.eligibility_rate.e, 1);
  assert.equal(json.response_rates.RR3, 0.185);
  for (const name of [
    'RR1',
    'RR2',
    'RR3',
    'RR4',
    'RR5',
    'RR6',
    'COOP1',
    'COOP2',
    'COOP3',
    'COOP4',
    'REF1',
    'REF2',
    'REF3',
    'CON1',
    'CON2',
    'CON3',
  ]) {
    assert.ok(name in json.response_rates, name);
  }
});

test('§1: 88% of the responding institutions are municipal', () => {
  assert.equal(json.by_institution_type.municipal, 98);
  const municipal = analysis.byInstitutionType.find((row) => row.institutionType === 'municipal');
  assert.equal(Math.round(municipal?.share.percent ?? 0), 88);
  assert.equal(
    Object.values(json.by_institution_type).reduce((sum, count) => sum + count, 0),
    111,
  );
});

test('conclusion 1: municipal institutions answered most actively', () => {
  const rates = analysis.cases.byInstitutionType.filter((row) => row.cases > 0);
  const municipal = rates.find((row) => row.institutionType === 'municipal');
  assert.ok(municipal);
  for (const row of rates)
    if (row !== municipal) assert.ok((municipal.rate.percent ?? 0) > (row.rate.percent ?? 0), row.institutionType);
});

// Section: the study's yes-count and printed (whole) percentage; employment's is the documented assumption.
const printed: Record<HelpBlock, { yes: number; percent: number }> = {
  documents: { yes: 68, percent: 61 },
  legal: { yes: 45, percent: 41 },
  employment: { yes: 36, percent: 32 },
  material: { yes: 69, percent: 62 },
  housing: { yes: 54, percent: 49 },
  drugs: { yes: 19, percent: 17 },
  alcohol: { yes: 22, percent: 20 },
  shelter: { yes: 8, percent: 7 },
  psychological: { yes: 28, percent: 25 },
};

test('§2–10: each help block’s yes-count and percentage, with a Wilson interval around it', () => {
  const blocks = json.blocks as Record<
    string,
    {
      provides: {
        yes: number;
        no: number;
        not_answered: number;
        percent_yes: number | null;
        ci95: [number, number] | null;
      };
    }
  >;
  for (const [block, expected] of Object.entries(printed)) {
    const provides = blocks[block]!.provides;
    assert.equal(provides.yes, expected.yes, `${block} yes`);
    assert.equal(provides.not_answered, 0, `${block}: everyone answered`);
    assert.equal(Math.round(provides.percent_yes ?? -1), expected.percent, `${block} %`);
    const [low, high] = provides.ci95 ?? [NaN, NaN];
    assert.ok(low < (provides.percent_yes ?? 0) && (provides.percent_yes ?? 0) < high, `${block} interval`);
  }
  // The contract's worked example: documents 68 of 111 → 61.3% [52.0, 69.8].
  assert.deepEqual(blocks.documents!.provides, {
    yes: 68,
    no: 43,
    not_answered: 0,
    percent_yes: 61.3,
    ci95: [52.0, 69.8],
  });
});

test('Figure 6: help with treatment for drug addiction — Yes 19, No 92', () => {
  const drugs = help('drugs').provides;
  assert.equal(drugs.yes, 19);
  assert.equal(drugs.no, 92);
});

test('§11: 14 institutions give other help, 5 a comprehensive programme; "only two" offer a real programme', () => {
  const blocks = json.blocks as Record<
    string,
    { provides: { yes: number }; provided_what: { answered: number; groups: Record<string, { count: number }> } }
  >;
  assert.equal(blocks.other!.provides.yes, 14);
  assert.equal(blocks.other!.provided_what.answered, 14);
  assert.equal(blocks.programme!.provides.yes, 5);
  assert.equal(blocks.programme!.provided_what.groups.comprehensive?.count, 2);
});

test('§2: in 55 of 68 cases the documents help was material; information second; certificates, archive, transport', () => {
  const provided = help('documents').provided;
  assert.equal(provided.answered, 68);
  assert.equal(provided.groups.find((group) => group.code === 'material')?.count, 55);
  const count = (code: string) => provided.categories.find((category) => category.code === code)?.count;
  assert.equal(count('information'), 54);
  assert.ok((count('information') ?? 0) < 55, 'information is the second most widespread kind');
  assert.equal(count('certificates'), 7);
  assert.equal(count('archive_search'), 3);
  assert.equal(count('transport'), 4);
  assert.equal(count('residents_only'), 19, '"many" answers: only for former residents');
  for (const category of provided.categories)
    if (category.count > 0) assert.ok(category.examples.length > 0, `${category.code} has example quotes`);
});

test('§2: 62%, or 42, of the documents providers could help with state support; §3: 53%, or 24, for legal help', () => {
  const documents = help('documents');
  assert.deepEqual(documents.couldWithSupportByProvides.yes, { yes: 42, no: 26, not_answered: 0 });
  assert.equal(Math.round(documents.couldAmongProviders.percent ?? 0), 62);
  const legal = help('legal');
  assert.equal(legal.couldWithSupportByProvides.yes.yes, 24);
  assert.equal(Math.round(legal.couldAmongProviders.percent ?? 0), 53);
});

// could with support, staff, funding (sums named), cooperation, law change — as printed; legal funding 13,
// employment 8, drugs 5, shelter 3 and psychological readiness 18 are documented assumptions.
const needs: Record<HelpBlock, [number, number, number, number, number]> = {
  documents: [42, 14, 25, 17, 40],
  legal: [24, 13, 13, 9, 18],
  employment: [20, 10, 8, 11, 22],
  material: [38, 11, 27, 22, 21],
  housing: [23, 4, 11, 9, 24],
  drugs: [13, 7, 5, 10, 9],
  alcohol: [14, 8, 12, 10, 12],
  shelter: [3, 3, 3, 4, 4],
  psychological: [18, 11, 14, 17, 16],
};

test('§2–10: every needs count — state support, staff, sums, cooperation, law change', () => {
  const blocks = json.blocks as Record<
    string,
    {
      could_with_support: { yes: number };
      needs: {
        staff: { count: number };
        funding: { count: number };
        cooperation: { count: number };
        law_change: { count: number };
      };
    }
  >;
  for (const [block, [could, staff, funding, cooperation, lawChange]] of Object.entries(needs)) {
    const actual = blocks[block]!;
    assert.equal(actual.could_with_support.yes, could, `${block} could`);
    assert.equal(actual.needs.staff.count, staff, `${block} staff`);
    assert.equal(actual.needs.funding.count, funding, `${block} funding`);
    assert.equal(actual.needs.cooperation.count, cooperation, `${block} cooperation`);
    assert.equal(actual.needs.law_change.count, lawChange, `${block} law change`);
  }
});

test('§9: the 3 that could offer shelter with state money do not offer it yet', () => {
  assert.equal(help('shelter').couldWithSupportByProvides.no.yes, 3);
  assert.equal(help('shelter').couldAmongNonProviders.count, 3);
});

test('funding ranges in lats as printed', () => {
  const groups = (block: HelpBlock) => help(block).needs.funding.groups;
  const min = (block: HelpBlock) => Math.min(...groups(block).map((group) => group.min));
  const max = (block: HelpBlock) => Math.max(...groups(block).map((group) => group.max));
  assert.ok(groups('documents').every((group) => group.currency === 'LVL'));
  const documentsPerPerson = groups('documents').find((group) => group.basis === 'per_person');
  assert.equal(documentsPerPerson?.min, 50, '§2: from 50 Ls per person');
  assert.equal(max('documents'), 4600, '§2: up to 4600 Ls');
  assert.equal(help('legal').needs.staff.min, 0.5, '§3: 0.5 – 2 employees');
  assert.equal(help('legal').needs.staff.max, 2);
  assert.deepEqual(
    groups('legal').map((group) => group.basis),
    ['per_year'],
    '§3: per year',
  );
  assert.equal(min('legal'), 100, '§3: from 100 Ls');
  assert.equal(max('legal'), 3000, '§3: to 3000 Ls');
  assert.equal(min('employment'), 1000, '§4: from 1000 Ls');
  assert.equal(max('employment'), 6000, '§4: to 6000 Ls');
  assert.equal(min('material'), 150, '§5: from 150 Ls');
  assert.equal(max('material'), 3000, '§5: to 3000 Ls');
  assert.equal(max('housing'), 320000, '§6: up to 320 000 Ls');
  assert.equal(
    groups('psychological').find((group) => group.basis === 'per_person')?.min,
    30,
    '§10: from 30 Ls per person',
  );
  assert.equal(max('psychological'), 7200, '§10: to 7200 Ls');
  // Every sum in lats is converted to euro at 0.702804 LVL per EUR: 4600 Ls alone is 6545.20 EUR.
  const documentsEuro = help('documents').needs.funding.sumEur ?? 0;
  const documentsLats = groups('documents').reduce((sum, group) => sum + group.sum, 0);
  assert.ok(Math.abs(documentsEuro - documentsLats / 0.702804) < 0.05, `${documentsEuro} EUR for ${documentsLats} Ls`);
});

test('cooperation partners grouped as the study reports them', () => {
  const partner = (block: HelpBlock, code: string) =>
    help(block).needs.cooperation.partners.categories.find((category) => category.code === code)?.count ?? 0;
  assert.equal(partner('documents', 'pmlp'), 17, '§2: Office of Citizenship and Migration Affairs');
  assert.equal(partner('legal', 'lawyers'), 9, '§3: advocates and lawyers');
  assert.equal(partner('employment', 'municipality'), 11, '§4: public organisations, municipalities, employers');
  assert.equal(partner('employment', 'employers'), 11);
  assert.ok(partner('employment', 'ngos') > 0);
  assert.equal(partner('material', 'social_services'), 22, '§5: social services');
  assert.equal(partner('housing', 'municipality'), 9, '§6: the municipality');
  assert.equal(partner('drugs', 'medical'), 10, '§7: medical institutions');
  assert.equal(partner('alcohol', 'medical'), 10, '§8: medical institutions');
  assert.equal(partner('shelter', 'probation'), 4, '§9: the probation service');
  assert.equal(partner('psychological', 'specialists'), 17, '§10: specialists');
});

test('conclusions 2 and 9: material help most common, then documents and housing; shelter rarest', () => {
  const order = analysis.blocks
    .filter((block) => block.kind === 'help')
    .sort((a, b) => b.provides.yes - a.provides.yes)
    .map((block) => block.block);
  assert.deepEqual(order, [
    'material',
    'documents',
    'housing',
    'legal',
    'employment',
    'psychological',
    'alcohol',
    'drugs',
    'shelter',
  ]);
});

test('conclusion 8: information is the most widespread form of help across the answers', () => {
  assert.equal(analysis.themes[0]?.theme, 'information');
});

test('§1: some institutions answered although they give no such help (12 said no to every kind)', () => {
  assert.equal(analysis.respondentsWithoutHelp, 12);
});

test('the shelter block quotes its 4 admission terms and 7 maximum stays', () => {
  const [terms, stays] = help('shelter').extraQuotes;
  assert.equal(terms?.quotes.answered, 4);
  assert.equal(stays?.quotes.answered, 7);
  assert.ok(stays?.quotes.items.some((item) => item.text.includes('60 naktis gadā')));
});

test('`npx atlas analysis --wave lv-2004 --format json` prints the contract', async () => {
  const command = analysisCommands.find(
    (candidate) => candidate.name === 'analysis' && candidate.subcommand === undefined,
  );
  assert.ok(command);
  const lines: string[] = [];
  const code = await command.run({
    db,
    config: loadConfig({ NODE_ENV: 'test' }),
    args: ['--wave', 'lv-2004', '--format', 'json'],
    print: (line) => lines.push(line),
    progress: () => {},
  });
  assert.equal(code, 0);
  const printedJson = JSON.parse(lines.join('\n'));
  assert.equal(printedJson.wave, 'lv-2004');
  assert.equal(printedJson.respondents, 111);
  assert.equal(printedJson.by_institution_type.municipal, 98);
  assert.equal(printedJson.response_rates.RR1, 0.185);
  assert.deepEqual(printedJson.blocks.documents.provides, {
    yes: 68,
    no: 43,
    not_answered: 0,
    percent_yes: 61.3,
    ci95: [52, 69.8],
  });
  assert.deepEqual(printedJson.blocks.documents.could_with_support_by_provides.yes, {
    yes: 42,
    no: 26,
    not_answered: 0,
  });
  assert.equal(printedJson.blocks.documents.needs.staff.count, 14);
  assert.equal(printedJson.blocks.documents.needs.funding.count, 25);
  assert.equal(printedJson.blocks.documents.needs.cooperation.count, 17);
  assert.equal(printedJson.blocks.documents.needs.law_change.count, 40);
  assert.equal(printedJson.blocks.other.provides.yes, 14);
  assert.equal(printedJson.blocks.programme.provides.yes, 5);
  const wrong = await command.run({
    db,
    config: loadConfig({ NODE_ENV: 'test' }),
    args: ['--wave'],
    print: () => {},
    progress: () => {},
  });
  assert.equal(wrong, 2, 'a missing value is wrong usage');
});

test('an analyst-set e and a population size change the rates and intervals', async () => {
  const withOptions = toAnalysisJson(await analyseWave(db, 'lv-2004', { eligibilityRate: 0.5, population: 120 }));
  // RR3 = 111 / (111 + 9 + 0.5 · 480) = 111 / 360.
  assert.equal(withOptions.response_rates.RR3, Math.round((1000 * 111) / 360) / 1000);
  assert.equal(withOptions.response_rates.RR1, 0.185);
  const documents = (withOptions.blocks as Record<string, { provides: { ci95: [number, number] } }>).documents!.provides
    .ci95;
  assert.ok(documents[1] - documents[0] < 69.8 - 52.0, 'with N = 120 of 111 answering, the interval narrows');
});
