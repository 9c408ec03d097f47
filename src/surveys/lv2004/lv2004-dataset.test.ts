// The reconstructed 2004 wave must reproduce every figure printed in the 2004 study; docs/wave-2004.md cites the
// study, quotes each printed figure and maps it to a column.
// The expected numbers below are the study's own; the CSV files are what is tested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

type Row = Record<string, string>;

const BLOCKS = [
  'documents',
  'legal',
  'employment',
  'material',
  'housing',
  'drugs',
  'alcohol',
  'shelter',
  'psychological',
] as const;
type Block = (typeof BLOCKS)[number];
const RESPONDENTS = 111;
const SAMPLE = 600;

function readCsv(relativePath: string): Row[] {
  const text = readFileSync(new URL(relativePath, import.meta.url), 'utf8');
  return parse(text, { columns: true, skip_empty_lines: true }) as Row[];
}

function readHeader(relativePath: string): string[] {
  const text = readFileSync(new URL(relativePath, import.meta.url), 'utf8');
  const [header] = parse(text, { to_line: 1 }) as string[][];
  assert.ok(header, `${relativePath} has a header row`);
  return header;
}

/** The value of a column; a missing column is a broken contract, not an empty answer. */
function field(row: Row, column: string): string {
  const value = row[column];
  assert.notEqual(value, undefined, `column ${column} exists`);
  return value ?? '';
}

const responses = readCsv('./responses.csv');
const dispositions = readCsv('./dispositions.csv');
const regions2004 = readCsv('../../territories/data/lv_rajoni_2004.csv').map((row) => field(row, 'name_lv'));

function withValue(column: string, value: string, rows: Row[] = responses): Row[] {
  return rows.filter((row) => field(row, column) === value);
}
function countYes(column: string, rows: Row[] = responses): number {
  return withValue(column, 'yes', rows).length;
}
function answered(column: string, rows: Row[] = responses): Row[] {
  return rows.filter((row) => field(row, column) !== '');
}
function providers(block: Block): Row[] {
  return withValue(`${block}_provides`, 'yes');
}
/** The study prints whole percentages, rounded. */
function percent(part: number, whole: number): number {
  return Math.round((100 * part) / whole);
}
function staffNamed(block: Block): Row[] {
  return responses.filter(
    (row) => field(row, `${block}_needs_staff`) !== '' && Number(field(row, `${block}_needs_staff`)) > 0,
  );
}
function fundingNamed(block: Block): Row[] {
  return answered(`${block}_needs_funding_amount`);
}
function amounts(block: Block): number[] {
  return fundingNamed(block).map((row) => Number(field(row, `${block}_needs_funding_amount`)));
}
function cooperationNamed(block: Block): Row[] {
  return answered(`${block}_needs_cooperation`);
}
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}
/** Answers may name several quoted items, joined by "; "; later items start lower-case. */
function answerItems(text: string): string[] {
  return text === '' ? [] : text.split('; ').map(lowerFirst);
}
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

test('responses.csv has the contract columns in the contract order', () => {
  const expected = ['respondent_id', 'institution_type', 'territory', 'mode'];
  for (const block of BLOCKS) {
    expected.push(
      `${block}_provides`,
      `${block}_provided_what`,
      `${block}_could_with_support`,
      `${block}_needs_staff`,
      `${block}_needs_funding_amount`,
      `${block}_needs_funding_currency`,
      `${block}_needs_funding_basis`,
      `${block}_needs_cooperation`,
      `${block}_needs_law_change`,
      `${block}_needs_law_change_what`,
    );
    if (block === 'shelter') expected.push('shelter_admission_terms', 'shelter_max_stay');
  }
  expected.push('other_provides', 'other_provided_what', 'programme_provides', 'programme_provided_what');
  assert.deepEqual(readHeader('./responses.csv'), expected);
  assert.deepEqual(readHeader('./dispositions.csv'), [
    'case_id',
    'respondent_id',
    'institution_type',
    'territory',
    'disposition',
  ]);
});

test('111 anonymous respondents R001–R111 with valid codes in every field', () => {
  assert.equal(responses.length, RESPONDENTS);
  assert.deepEqual(
    responses.map((row) => field(row, 'respondent_id')),
    Array.from({ length: RESPONDENTS }, (_, index) => `R${String(index + 1).padStart(3, '0')}`),
  );
  const types = new Set(['municipal', 'state', 'ngo', 'religious', 'private', 'other']);
  const modes = new Set(['post', 'email', 'fax', 'online', 'paper']);
  const yesNo = new Set(['yes', 'no', '']);
  const bases = new Set(['per_person', 'per_year', 'one_off']);
  for (const row of responses) {
    const id = field(row, 'respondent_id');
    assert.ok(types.has(field(row, 'institution_type')), `${id} institution_type`);
    assert.ok(regions2004.includes(field(row, 'territory')), `${id} territory is a 2004 region`);
    assert.ok(modes.has(field(row, 'mode')), `${id} mode`);
    for (const block of [...BLOCKS, 'other', 'programme']) {
      assert.ok(yesNo.has(field(row, `${block}_provides`)), `${id} ${block}_provides`);
      if (field(row, `${block}_provided_what`) !== '')
        assert.equal(field(row, `${block}_provides`), 'yes', `${id} ${block}: what without yes`);
    }
    for (const block of BLOCKS) {
      for (const suffix of ['could_with_support', 'needs_law_change'])
        assert.ok(yesNo.has(field(row, `${block}_${suffix}`)), `${id} ${block}_${suffix}`);
      const staff = field(row, `${block}_needs_staff`);
      if (staff !== '')
        assert.ok(Number(staff) >= 0 && Number.isInteger(Number(staff) * 2), `${id} ${block} staff ${staff}`);
      const amount = field(row, `${block}_needs_funding_amount`);
      if (amount === '') {
        assert.equal(field(row, `${block}_needs_funding_currency`), '', `${id} ${block} currency without amount`);
        assert.equal(field(row, `${block}_needs_funding_basis`), '', `${id} ${block} basis without amount`);
      } else {
        assert.ok(Number(amount) > 0, `${id} ${block} amount ${amount}`);
        assert.equal(field(row, `${block}_needs_funding_currency`), 'LVL', `${id} ${block} amounts are in 2004 lats`);
        assert.ok(bases.has(field(row, `${block}_needs_funding_basis`)), `${id} ${block} basis`);
      }
      if (field(row, `${block}_needs_law_change_what`) !== '')
        assert.equal(field(row, `${block}_needs_law_change`), 'yes', `${id} ${block} law text without yes`);
    }
    if (field(row, 'shelter_admission_terms') !== '' || field(row, 'shelter_max_stay') !== '')
      assert.equal(field(row, 'shelter_provides'), 'yes', `${id} shelter terms without shelter`);
  }
});

test('section 1: 111 of 600 questionnaires came back, a response rate (AAPOR RR1) of 18.5%', () => {
  assert.equal(dispositions.length, SAMPLE);
  assert.deepEqual(
    dispositions.map((row) => field(row, 'case_id')),
    Array.from({ length: SAMPLE }, (_, index) => `C${String(index + 1).padStart(3, '0')}`),
  );
  const known = new Set([
    'complete',
    'partial',
    'refusal',
    'non_contact',
    'other',
    'unknown_eligibility',
    'not_eligible',
    'undeliverable',
  ]);
  assert.ok(dispositions.every((row) => known.has(field(row, 'disposition'))));
  assert.ok(dispositions.every((row) => regions2004.includes(field(row, 'territory'))));
  const count = (disposition: string) => withValue('disposition', disposition, dispositions).length;
  const completes = count('complete');
  assert.equal(completes, 111);
  // RR1 = I / ((I + P) + (R + NC + O) + (UH + UO)); not_eligible cases leave the base.
  const base =
    completes +
    count('partial') +
    count('refusal') +
    count('non_contact') +
    count('other') +
    count('unknown_eligibility') +
    count('undeliverable');
  assert.equal(base, 600, 'the study divides by all 600 questionnaires sent');
  assert.equal(Math.round((1000 * completes) / base) / 10, 18.5);
  // Each complete case is one respondent, with the same institution type and territory.
  const respondentsById = new Map(responses.map((row) => [field(row, 'respondent_id'), row]));
  const completeIds = withValue('disposition', 'complete', dispositions).map((row) => field(row, 'respondent_id'));
  assert.deepEqual([...completeIds].sort(), [...respondentsById.keys()].sort());
  for (const row of dispositions) {
    const respondent = respondentsById.get(field(row, 'respondent_id'));
    if (field(row, 'disposition') !== 'complete') {
      assert.equal(field(row, 'respondent_id'), '', `${field(row, 'case_id')} only completes carry a respondent`);
      continue;
    }
    assert.ok(respondent);
    assert.equal(field(row, 'institution_type'), field(respondent, 'institution_type'));
    assert.equal(field(row, 'territory'), field(respondent, 'territory'));
  }
});

test('section 1: 88% of the responding institutions are municipal', () => {
  const municipal = withValue('institution_type', 'municipal').length;
  assert.equal(municipal, 98);
  assert.equal(percent(municipal, RESPONDENTS), 88);
});

test('conclusion 1: municipal institutions were the most active in answering', () => {
  const rate = (type: string) =>
    withValue('institution_type', type, withValue('disposition', 'complete', dispositions)).length /
    withValue('institution_type', type, dispositions).length;
  for (const type of ['state', 'ngo', 'religious', 'private', 'other']) assert.ok(rate('municipal') > rate(type), type);
});

// Section, printed share of respondents (base 111, and equally of those who answered the question: everyone did).
const PROVIDES: Record<Block, { yes: number; percent: number }> = {
  documents: { yes: 68, percent: 61 }, // sect. 2: "61%, or 68 institutions"
  legal: { yes: 45, percent: 41 }, // sect. 3: "45 institutions, or 41%"
  employment: { yes: 36, percent: 32 }, // sect. 4: not printed; assumption (docs/wave-2004.md)
  material: { yes: 69, percent: 62 }, // sect. 5: "62%"
  housing: { yes: 54, percent: 49 }, // sect. 6: "49%"
  drugs: { yes: 19, percent: 17 }, // sect. 7: "17%", Figure 6: Yes 19
  alcohol: { yes: 22, percent: 20 }, // sect. 8: "20%"
  shelter: { yes: 8, percent: 7 }, // sect. 9: "7%"
  psychological: { yes: 28, percent: 25 }, // sect. 10: "25%"
};

test('sections 2–10: each help block’s yes-count and printed percentage', () => {
  for (const block of BLOCKS) {
    const { yes, percent: printed } = PROVIDES[block];
    assert.equal(countYes(`${block}_provides`), yes, `${block} yes-count`);
    assert.equal(percent(yes, RESPONDENTS), printed, `${block} % of 111`);
    assert.equal(percent(yes, answered(`${block}_provides`).length), printed, `${block} % of those who answered`);
  }
});

test('Figure 6: help with treatment for drug addiction, Yes 19 and No 92', () => {
  assert.equal(countYes('drugs_provides'), 19);
  assert.equal(withValue('drugs_provides', 'no').length, 92);
});

// "could provide it with state support" / "would need a state order (financial support)"; staff posts; sums named;
// cooperation named; law change needed. Counts the study does not print are assumptions (docs/wave-2004.md).
const NEEDS: Record<Block, { could: number; staff: number; funding: number; cooperation: number; lawChange: number }> =
  {
    documents: { could: 42, staff: 14, funding: 25, cooperation: 17, lawChange: 40 },
    legal: { could: 24, staff: 13, funding: 13, cooperation: 9, lawChange: 18 },
    employment: { could: 20, staff: 10, funding: 8, cooperation: 11, lawChange: 22 },
    material: { could: 38, staff: 11, funding: 27, cooperation: 22, lawChange: 21 },
    housing: { could: 23, staff: 4, funding: 11, cooperation: 9, lawChange: 24 },
    drugs: { could: 13, staff: 7, funding: 5, cooperation: 10, lawChange: 9 },
    alcohol: { could: 14, staff: 8, funding: 12, cooperation: 10, lawChange: 12 },
    shelter: { could: 3, staff: 3, funding: 3, cooperation: 4, lawChange: 4 },
    psychological: { could: 18, staff: 11, funding: 14, cooperation: 17, lawChange: 16 },
  };

test('sections 2–10: every needs count (state support, staff, funding, cooperation, law change)', () => {
  for (const block of BLOCKS) {
    const expected = NEEDS[block];
    assert.equal(countYes(`${block}_could_with_support`), expected.could, `${block} could with support`);
    assert.equal(staffNamed(block).length, expected.staff, `${block} staff`);
    assert.equal(fundingNamed(block).length, expected.funding, `${block} funding amounts`);
    assert.equal(cooperationNamed(block).length, expected.cooperation, `${block} cooperation`);
    assert.equal(countYes(`${block}_needs_law_change`), expected.lawChange, `${block} law change`);
  }
});

test('section 2: 62% (42) could help with documents given state support — of the 68 providers, who alone answered', () => {
  const could = countYes('documents_could_with_support');
  assert.equal(countYes('documents_could_with_support', providers('documents')), could);
  assert.equal(percent(could, providers('documents').length), 62);
  assert.equal(percent(could, answered('documents_could_with_support').length), 62);
});

test('section 3: 53% of the legal-help providers, or 24 institutions, would need a state commission', () => {
  const could = countYes('legal_could_with_support', providers('legal'));
  assert.equal(could, 24);
  assert.equal(countYes('legal_could_with_support'), 24);
  assert.equal(percent(could, providers('legal').length), 53);
  assert.equal(percent(could, answered('legal_could_with_support').length), 53);
});

test('section 2: in 55 of 68 cases the documents help was material, in most cases 10 – 15 Ls', () => {
  const texts = providers('documents').map((row) => field(row, 'documents_provided_what'));
  assert.equal(texts.length, 68);
  assert.ok(
    texts.every((text) => text !== ''),
    'every documents provider said what it did',
  );
  const material = texts.filter((text) => /\bLs\b|pabalst|apmaks|nodev|materiāl/i.test(text));
  assert.equal(material.length, 55);
  const sums = material.flatMap((text) => {
    const match = /(\d+)(?:\s*[–-]\s*(\d+))?\s*Ls/.exec(text);
    return match ? [[Number(match[1]), Number(match[2] ?? match[1])] as const] : [];
  });
  const within10to15 = sums.filter(([low, high]) => low >= 10 && high <= 15).length;
  assert.ok(within10to15 > material.length / 2, `"in most cases 10 – 15 Ls": ${within10to15} of ${material.length}`);
  assert.ok(within10to15 > sums.length - within10to15, 'most named sums are 10 – 15 Ls');
  assert.ok(
    material.some((text) => /jāatstrādā sabiedriski derīgos darbos/.test(text)),
    'in some places worked off in socially useful work',
  );
  // Information: "practically all" providers, yet the second most widespread kind after material help.
  const information = texts.filter((text) => /informācij/i.test(text)).length;
  assert.ok(information < material.length && information >= 0.75 * texts.length, `information ${information}`);
  for (const kind of [/izziņu izsniegšana/, /pašvaldības arhīvā/, /transporta nodrošināšana līdz pilsētai/]) {
    assert.ok(
      texts.some((text) => kind.test(text)),
      String(kind),
    );
  }
  const residentsOnly = texts.filter((text) => /tikai personām, kuras pirms ieslodzījuma dzīvojušas/.test(text)).length;
  assert.ok(residentsOnly >= 10, `"many of the answers" limit help to former residents: ${residentsOnly}`);
});

test('funding ranges in lats as printed for each block', () => {
  const documents = fundingNamed('documents');
  const perPerson = documents
    .filter((row) => field(row, 'documents_needs_funding_basis') === 'per_person')
    .map((row) => Number(field(row, 'documents_needs_funding_amount')));
  assert.equal(Math.min(...amounts('documents')), 50, 'documents: from 50 Ls per person');
  assert.ok(perPerson.includes(50) && perPerson.includes(60), 'documents: 50 Ls, 60 Ls per person');
  assert.equal(Math.max(...amounts('documents')), 4600, 'documents: up to 4600 Ls');

  const legalStaff = staffNamed('legal').map((row) => Number(field(row, 'legal_needs_staff')));
  assert.equal(Math.min(...legalStaff), 0.5, 'legal: 0.5 – 2 employees');
  assert.equal(Math.max(...legalStaff), 2, 'legal: 0.5 – 2 employees');
  assert.equal(Math.min(...amounts('legal')), 100, 'legal: from 100 Ls');
  assert.ok(amounts('legal').includes(300), 'legal: 100 or 300 Ls');
  assert.equal(Math.max(...amounts('legal')), 3000, 'legal: to 3000 Ls');
  assert.ok(
    fundingNamed('legal').every((row) => field(row, 'legal_needs_funding_basis') === 'per_year'),
    'legal: per year',
  );

  assert.equal(Math.min(...amounts('employment')), 1000, 'employment: from 1000 Ls');
  assert.equal(Math.max(...amounts('employment')), 6000, 'employment: to 6000 Ls');
  assert.ok(
    fundingNamed('employment').every((row) => field(row, 'employment_needs_funding_basis') === 'per_year'),
    'employment: per year',
  );

  assert.equal(Math.min(...amounts('material')), 150, 'material: from 150 Ls');
  assert.equal(Math.max(...amounts('material')), 3000, 'material: to 3000 Ls');

  assert.equal(Math.max(...amounts('housing')), 320000, 'housing: up to 320 000 Ls');

  const psychologicalPerPerson = fundingNamed('psychological')
    .filter((row) => field(row, 'psychological_needs_funding_basis') === 'per_person')
    .map((row) => Number(field(row, 'psychological_needs_funding_amount')));
  assert.equal(Math.min(...amounts('psychological')), 30, 'psychological: from 30 Ls');
  assert.ok(psychologicalPerPerson.includes(30), 'psychological: 30 Ls per person');
  assert.equal(Math.max(...amounts('psychological')), 7200, 'psychological: to 7200 Ls');

  // Alcohol: "the sums indicated in this case are relatively large" (housing and shelter sums are for buildings).
  for (const block of ['documents', 'legal', 'employment', 'material', 'drugs', 'psychological'] as const) {
    assert.ok(median(amounts('alcohol')) > median(amounts(block)), `alcohol sums larger than ${block}`);
  }
});

test('staff and funding needs come from the institutions that named a state-support need', () => {
  // Section 9: the 3 that could offer shelter need both funding and staff; section 7: staff posts imply funding.
  for (const block of BLOCKS) {
    for (const row of [...staffNamed(block), ...fundingNamed(block)]) {
      assert.equal(field(row, `${block}_could_with_support`), 'yes', `${field(row, 'respondent_id')} ${block}`);
    }
  }
  const shelterCould = withValue('shelter_could_with_support', 'yes');
  assert.ok(
    shelterCould.every(
      (row) => Number(field(row, 'shelter_needs_staff')) > 0 && field(row, 'shelter_needs_funding_amount') !== '',
    ),
  );
  assert.ok(fundingNamed('drugs').every((row) => Number(field(row, 'drugs_needs_staff')) > 0));
});

test('the cooperation and law-change answers say what the study reports', () => {
  const cooperation: Record<Block, RegExp> = {
    documents: /Pilsonības un migrācijas lietu pārvald/,
    legal: /advokāt|jurist/,
    employment: /darba devēj|pašvaldīb|sabiedrisk/,
    material: /sociāl.*dienest/,
    housing: /pašvaldīb/,
    drugs: /ārstniecības iestād/,
    alcohol: /ārstniecības iestād/,
    shelter: /probācijas dienest/,
    psychological: /speciālist|psiholog/,
  };
  for (const block of BLOCKS) {
    for (const row of cooperationNamed(block))
      assert.match(field(row, `${block}_needs_cooperation`), cooperation[block], block);
  }
  const lawTexts = (block: Block) =>
    answered(`${block}_needs_law_change_what`).map((row) => field(row, `${block}_needs_law_change_what`));
  assert.ok(
    lawTexts('documents').some((text) => /ieslodzījuma vietā/.test(text)),
    'passport while still in prison',
  );
  assert.ok(
    lawTexts('employment').some((text) => /profesij/.test(text)) &&
      lawTexts('employment').some((text) => /nodokļu atlaid/.test(text)),
  );
  assert.ok(
    lawTexts('material').some((text) => /vienotu pabalsta lielumu/.test(text)),
    'one institution: a uniform benefit for all',
  );
  assert.ok(lawTexts('housing').some((text) => /sociālās mājas vai kopmītnes/.test(text)));
  assert.equal(
    lawTexts('alcohol').filter((text) => /piespiedu ārstēšan/.test(text)).length,
    1,
    'one answer: compulsory treatment',
  );
  for (const block of ['drugs', 'alcohol', 'shelter', 'psychological'] as const) {
    assert.ok(
      lawTexts(block).some((text) => /bez maksas/.test(text)),
      `${block}: free of charge`,
    );
  }
});

// The study's quoted answer lists (Latvian, as printed); every free-text answer of these blocks is made of them.
const QUOTED: Record<
  'legal' | 'employment' | 'material' | 'housing' | 'drugs' | 'alcohol' | 'psychological' | 'other' | 'programme',
  string[]
> = {
  legal: [
    'Par vietām, kur lūgt palīdzību dokumentu kārtošanai',
    'Vietas, kur lūgt pabalstu, kādi pabalsti un cik lielā apjomā pienākas',
    'Normatīvā bāze un likumdošana attiecībā uz bijušo ieslodzīto tiesībām uz dažādu veidu palīdzību',
    'Normatīvā bāze, kas regulē tiesības uz dzīvokļa jautājuma risināšanu',
    'Nodarbinātības jautājumi',
    'Iestāžu darba laiks',
    'Konsultācijas par mantojuma, dzīvokļa īres tiesībām, dzīvesvietas deklarēšanu',
    'Katrs gadījums ir atšķirīgs',
  ],
  employment: [
    'Tiek piedāvātas vakantās vietas no Nodarbinātības valsts dienesta rīcībā esošās informācijas',
    'Palīdz nokārtot dokumentus Valsts nodarbinātības dienestā',
    'Iesaistīšana kursos Valsts nodarbinātības dienestā',
    'Tiek piedāvāts sabiedriski derīgais darbs',
    'Konsultācijas, ieteikumi, iespēju robežās konkrētu darbu piedāvājumi',
    'Personīgi kontakti ar darba devējiem, vietējiem zemniekiem',
    'Bezmaksas sludinājumu ievietošana',
    'Informācija par iespējām iegūt profesiju vai pārkvalificēties',
    'Piešķir naudas pabalstu darba meklēšanai',
  ],
  material: [
    'Vienreizējs pabalsts',
    'Pašvaldība piešķir vienreizēju pabalstu pēc atgriešanās no ieslodzījuma vietas, taču ir iespēja pretendēt uz dažādu veidu pašvaldības sociālajiem pabalstiem, kas pārsvarā ir naudas pabalsti',
    '“Sarkanā krusta” apģērbi',
    'Komunālo maksājumu kompensēšana',
    'Patversmes pakalpojumi, ierāda dzīvojamo platību, humānā palīdzība',
    'Ja persona piedalās nodarbinātību veicinošos pasākumos, tad tiek piešķirts pabalsts garantētā minimālā ienākumu līmeņa nodrošināšanai, kas šobrīd ir 18 Ls saskaņā ar MK 2003.gada 25.februāra noteikumiem Nr.95',
    'Palīdz sakārtot sadzīves problēmas',
    'Izsniedz apavus, gultas veļu, nepieciešamības gadījumā remontē piešķirtās telpas',
    'Dušas pakalpojumi, malkas piegāde',
  ],
  housing: [
    'Personas tiek pierakstītas iepriekšējā dzīvesvietā, ja ir iespējams, bet ja tas nav iespējams, šīm personām tiek piešķirts trūcīgas personas statuss un jautājumu par dzīvesvietu risina dzīvokļu komisija',
    'Sniedzam informāciju par dzīvojamo platību pagastā. Pašvaldībai šobrīd pašai brīvu dzīvokļu nav',
    'Saskaņā ar pilsētas domes saistošajiem noteikumiem, ikvienai personai, kura ir atbrīvojusies no ieslodzījuma vietām, tiek piedāvāta dzīvošanai derīga platība',
    'Iespēju robežās piešķir dzīvokli',
    'Visām personām, kuras atgriežas no ieslodzījuma ir garantēta iepriekšējā dzīvesvieta',
    'Palīdz meklēt sadarbojoties ar pašvaldību',
    'Iespējas izvietot nakts patversmē, var palikt tur arī ilgāku laiku, kamēr nokārtojas sadzīves apstākļi',
    'Piedāvā brīvos dzīvokļus vai arī dzīvokļus pašvaldības sociālajā mājā',
    'Ņem dzīvokļu rindā, dzīvokļu reģistra uzskaitē',
    'Piešķir īres tiesības uz dzīvokli pašvaldības mājā',
  ],
  drugs: [
    'Ieteikums griezties kādā no pagastā esošajiem doktorātiem palīdzības saņemšanai',
    'Motivācija, konsultācijas, Anonīmo narkomānu nodarbības, informatīvie pasākumi, psiholoģiskā palīdzība',
    'Sniedz informāciju par visām iestādēm, kuras palīdz atbrīvoties no atkarības, piedāvā iespēju piedalīties profilaktoriskās, izglītojošās aktivitātēs, semināri, akcijas, kampaņas, nometnes, apmācības, utt.',
    'Iespēja ārstēties programmās, kuras nav pārāk dārgas',
    'Psiholoģisko palīdzību',
    'Rehabilitācijas programmu uz vienu gadu (psihosociāla palīdzība), visu gadu pilnā valsts apgādībā',
    'Pilsētā ir atkarības vielu rehabilitācijas centrs',
    'Ja persona lūdz šādu pakalpojumu, tad ir iespējams saņemt pašvaldības apmaksātus pakalpojumus',
    'Ja izsaka vēlēšanos un esam pārliecināti, ka tas varētu aplīdzēt – sūtam uz ārstēšanos',
    'Pabalsta piešķiršana ārsta apmeklējumam, transports',
  ],
  alcohol: [
    'Motivācija, psiholoģiskā palīdzība, komandu darbs',
    'Varam dot iespēju ārstēties Minesotas programmā',
    'Informācija par iespējām ārstēties',
    'Nepieciešamības gadījumā ārstēšanās izdevumu apmaksa',
    'Pieaugušo narkomānijas slimnieku medicīniskā un psiholoģiskā rehabilitācija',
    'Sadarbība ar Anonīmo alkoholiķu klubu, ar mediķiem',
    'Pabalsta piešķiršana ārsta apmeklējumam un zālēm, transports',
    'Motivācija, sociālais darbs',
    'Apmaksājam ārstēšanos narkoloģiskajā dispanserā',
    'Narkologa konsultācijas, ģimenes psihoterapija',
  ],
  psychological: [
    'sarunas ar klientiem',
    'iespējams atnākt pie sociālā darbinieka un aprunāties par savām problēmām',
    'sarunas, motivēšana jauniem dzīves apstākļiem',
    'piedāvā apmeklēt psihologu, palīdz organizēt šīs tikšanās',
    'individuālās, grupu konsultācijas',
    'krīzes terapija, psiholoģiskais atbalsts, konsultēšana, eksistenciālā psihoterapija',
    'psiholoģiskā palīdzība, lai atvieglotu integrēšanos sabiedrībā',
    'apzinot problēmas sadarbojamies ar Strenču PNS mediķiem',
    'pašvaldības apmaksātus pakalpojumus',
    'iesaiste sabiedriskos pasākumos',
    'motivācijas atrašana, savu iespēju apzināšana, pirmās neveiksmīgās pieredzes pārvarēšana',
  ],
  other: [
    'visi pagasta padomes kompetences jautājumi atkarībā no situācijas',
    'medicīniskā palīdzība, pieraksts pie ģimenes ārsta, profilakses pasākumi',
    'organizācija sadarbojas ar citu organizāciju, kas ir informatīvais centrs jauniešiem, koordinē informāciju, kas attiecas uz saturīgu laika pavadīšanas un izglītības iespējām Latvijā un novadā',
    'zupas virtuve',
    'psiholoģisko palīdzību personām saistībā ar apgādībā esošiem bērniem un skolas vecuma jauniešiem',
    'integrācija sabiedrībā',
    'iespēja izmazgāt apģērbu un nomazgāties dušā',
    'sociālā darbinieka konsultācijas un palīdzība',
  ],
  programme: [
    '“Zilais krusts”',
    'Nepilngadīgā likumpārkāpēja reintegrācija sabiedrībā',
    'Tikai finansiālu palīdzību, nepieciešamības gadījumā piedāvā darbu pagaidu sabiedriskajos darbos',
    'Tāda programma pašlaik tiek izstrādāta',
    'Programma būtība ir dzīves prasmju apgūšana un integrācija sabiedrībā',
  ],
};

test('free-text answers are drawn from the study’s quoted answer lists, each quoted answer used', () => {
  for (const [block, quoted] of Object.entries(QUOTED)) {
    const allowed = new Set(quoted.map(lowerFirst));
    const used = new Set<string>();
    for (const row of responses) {
      for (const item of answerItems(field(row, `${block}_provided_what`))) {
        assert.ok(allowed.has(item), `${field(row, 'respondent_id')} ${block}: "${item}" is not a quoted answer`);
        used.add(item);
      }
    }
    assert.deepEqual(
      [...allowed].filter((item) => !used.has(item)),
      [],
      `${block}: every quoted answer appears`,
    );
  }
});

test('section 9: shelter — 7%, its quoted services, admission terms and maximum stays, 3 could with support', () => {
  const shelters = providers('shelter');
  assert.equal(shelters.length, 8);
  const values = (column: string) =>
    shelters
      .map((row) => field(row, column))
      .filter((text) => text !== '')
      .sort();
  assert.deepEqual(
    values('shelter_provided_what'),
    [
      'Dokumentu kārtošana, personiskā higiēna, atpūta, konsultācijas',
      'Nakšņošana, brokastis, vakariņas, apģērbs, duša',
      'Sociālā patversme',
      'Tās personas, kas ir pilsētas iedzīvotāji, saņem tiesības dzīvot sociālajā patversmē uz laiku līdz 1 gadam',
    ].sort(),
  );
  assert.deepEqual(
    values('shelter_admission_terms'),
    [
      'Tiek noslēgts pagaidu uzturēšanās līgums ar saistībām, par kurām klients parakstās',
      'Tiek slēgts līgums',
      'Ievietošana notiek ar Dzīvokļu komisijas un Domes lēmumu',
      'Jāpiekrīt ievērot iekšējās kārtības noteikumus',
    ].sort(),
  );
  assert.deepEqual(
    values('shelter_max_stay'),
    [
      '2 mēneši, ir iespējas pagarināt līgumu',
      '60 naktis gadā, ja nepieciešams, tad vēl 30 naktis',
      'līdz nākošam apcietinājumam',
      'no 3 mēnešiem līdz 1 gadam, bet ir iespējams arī ilgāk',
      '6 mēneši un ir iespēja pagarināt',
      'pēc savstarpējās vienošanās',
      'klientiem, kas nav pašvaldības iedzīvotāji – 1 nakts, pašvaldības iedzīvotājiem – līdz 3 mēnešiem',
    ].sort(),
  );
  // "3 institutions would be able to offer such services": institutions that do not offer shelter yet.
  assert.ok(withValue('shelter_could_with_support', 'yes').every((row) => field(row, 'shelter_provides') === 'no'));
});

test('section 10: psychological help — the Strenči PNS answer comes from the Valka district', () => {
  const strenci = responses.filter((row) => field(row, 'psychological_provided_what').includes('Strenču PNS'));
  assert.equal(strenci.length, 1);
  assert.equal(field(strenci[0] ?? {}, 'territory'), 'Valkas rajons');
});

test('section 11: 14 institutions give other help, 5 offer a comprehensive programme', () => {
  assert.equal(countYes('other_provides'), 14);
  assert.ok(providers('shelter').length < countYes('other_provides'));
  const other = withValue('other_provides', 'yes');
  assert.ok(
    other.every((row) => field(row, 'other_provided_what') !== ''),
    'all 14 explained what help they gave',
  );
  assert.equal(countYes('programme_provides'), 5);
  const programmes = withValue('programme_provides', 'yes')
    .map((row) => field(row, 'programme_provided_what'))
    .sort();
  assert.deepEqual(programmes, [...QUOTED.programme].sort());
});

test('conclusions 2, 5, 6, 8, 9: ranking of help, readiness and law change in every block, information most common', () => {
  const yes = (block: Block) => countYes(`${block}_provides`);
  // 2: material help most often, then passport/documents and place of residence; rarest shelter, drugs, alcohol.
  assert.ok(yes('material') > yes('documents') && yes('documents') > yes('housing'));
  const ranked = [...BLOCKS].sort((a, b) => yes(a) - yes(b));
  assert.deepEqual(new Set(ranked.slice(0, 3)), new Set(['shelter', 'drugs', 'alcohol']));
  assert.ok(BLOCKS.every((block) => block === 'material' || yes(block) < yes('material')));
  // 9: shelter is the worst.
  assert.equal(ranked[0], 'shelter');
  // 5 and 6: in each block some institutions are ready given state funding, and some call for a change in the laws.
  for (const block of BLOCKS) {
    assert.ok(countYes(`${block}_could_with_support`) > 0, block);
    assert.ok(countYes(`${block}_needs_law_change`) > 0, block);
  }
  // 8: giving information (including legal consultations) is the most widespread form of help.
  const informing = responses.filter(
    (row) =>
      field(row, 'legal_provides') === 'yes' ||
      [...BLOCKS, 'other'].some((block) => /informāc|konsultāc/i.test(field(row, `${block}_provided_what`))),
  );
  assert.ok(informing.length > yes('material'), `informing ${informing.length}`);
  // Section 1: some institutions answered although they had never given such help.
  const none = responses.filter((row) =>
    [...BLOCKS, 'other', 'programme'].every((block) => field(row, `${block}_provides`) !== 'yes'),
  );
  assert.ok(none.length > 0);
});
