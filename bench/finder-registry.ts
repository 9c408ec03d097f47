// The finder benchmarks' generated registry (bench/finder.ts, its restart measurement): deterministic rows of the
// shape the finder's repository reads (FinderSourceRows), and the bench's own bulk loader into the registry tables.
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/database.js';
import { allHelpTypeTerms, helpTypeCodes, type HelpTypeCode } from '../src/registry/help-types.js';
import type { Territory } from '../src/territories/territory.service.js';
import type { FinderSourceRows } from '../src/finder/finder.repository.js';

// ---- deterministic generation ----------------------------------------------------------------------------------

let seed = 20_051_125;
export const random = (): number => {
  // Mulberry32: fast, deterministic, good enough to spread test data.
  seed = (seed + 0x6d2b79f5) | 0;
  let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
  return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
};
export const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
export const uuid = (kind: number, index: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

// Words of real Latvian service descriptions, in several forms each, so stems collide the way real text does.
const DESCRIPTION_WORDS = (
  'patversme patversmē patversmes naktsmājas naktsmītne gulta gultas vieta pārnakšņot duša veļa vakariņas zupa ' +
  'pārtikas pakas paka pabalsts pabalsti pabalstu vienreizējs nauda naudas apģērbs apavi rēķini rēķinu īre ' +
  'dokumenti dokumentu pase pases personas apliecība ID karte dzimšanas apliecības deklarēšana dzīvesvieta ' +
  'juridiskā juridiskās palīdzība palīdzību palīdzības jurists juristu konsultācijas konsultācija parādi sodi tiesības ' +
  'darbs darba darbu meklēšana vakances CV kursi kursos arods arodizglītība bezdarbnieka statuss nodarbinātība ' +
  'dzīvoklis dzīvokļa sociālais sociālā sociālās mājoklis mājokļa istaba istabu ' +
  'narkotikas narkotiku atkarība atkarības ārstēšana ārstēšanās detoksikācija metadons rehabilitācija rehabilitācijas ' +
  'alkohols alkohola anonīmie alkoholiķi sanāksmes atbalsta grupa grupas ' +
  'psihologs psihologa sarunas saruna sociālais darbinieks darbinieka ģimene ģimenes bērni krīzes centrs centrā ' +
  'programma programmas mentors kapelāns draudze ārsts ārsta zāles veselība transports biļete ' +
  'bez maksas bezmaksas pēc atbrīvošanas ieslodzījuma vietas klientiem iedzīvotājiem pieteikties iepriekš tālrunis ' +
  'darbdienās brīvdienās vakaros katru dienu nedēļā jauniešiem sievietēm vīriešiem senioriem pilngadīgām personām'
).split(' ');
const ORGANIZATION_KINDS = [
  'sociālais dienests',
  'biedrība',
  'nodibinājums',
  'draudze',
  'krīzes centrs',
  'patversme',
  'aģentūra',
  'centrs',
  'fonds',
];
const SCHEDULE_PATTERNS: { byday: string; opens: string; closes: string }[][] = [
  [{ byday: 'MO,TU,WE,TH,FR', opens: '08:00', closes: '17:00' }],
  [
    { byday: 'MO,TU,WE,TH', opens: '08:30', closes: '17:00' },
    { byday: 'FR', opens: '08:30', closes: '15:30' },
  ],
  [{ byday: 'MO,TU,WE,TH,FR,SA,SU', opens: '19:00', closes: '08:00' }],
  [{ byday: 'MO,TU,WE,TH,FR,SA,SU', opens: '00:00', closes: '24:00' }],
  [{ byday: 'TU,TH', opens: '10:00', closes: '14:00' }],
  [],
];
const RUSSIAN_WORDS = (
  'ночлежка приют кровать ночь душ ужин горячий суп еда одежда обувь документы паспорт справка работа поиск курсы ' +
  'юрист консультация бесплатно психолог группа поддержки зависимость алкоголь наркотики лечение врач пособие ' +
  'жильё квартира очередь социальный работник помощь после освобождения для мужчин женщин молодёжи каждый день'
).split(' ');
const ENGLISH_WORDS = (
  'night shelter bed shower supper hot soup food clothes shoes papers passport certificate job search courses ' +
  'lawyer advice free psychologist support group addiction alcohol drugs treatment doctor benefit housing flat ' +
  'waiting list social worker help after release for men women young people every day'
).split(' ');
const DOCUMENTS = ['Pase vai ID karte', 'Izziņa par atbrīvošanu', 'Ārsta izziņa', 'Iesniegums', 'Bankas konta numurs'];

/** Generates registry rows as the repository would read them: `count` active services, 10 per organization. */
export function generateRegistry(
  count: number,
  territories: readonly Territory[],
  translatedShare = 0,
): FinderSourceRows {
  const terms = allHelpTypeTerms();
  const termsByHelpType = new Map<HelpTypeCode, string[]>(
    helpTypeCodes.map((code) => [
      code,
      terms.filter((term) => term.code === code || term.code.startsWith(`${code}.`)).map((term) => term.id),
    ]),
  );
  // Common help first: money and food, someone to talk to, documents; a full programme is rare — as in the 2004 study.
  const helpTypeWeights: [HelpTypeCode, number][] = [
    ['material', 18],
    ['psychological', 14],
    ['documents', 10],
    ['legal', 10],
    ['employment', 10],
    ['other', 9],
    ['housing', 8],
    ['shelter', 7],
    ['alcohol', 6],
    ['drugs', 5],
    ['programme', 3],
  ];
  const weightTotal = helpTypeWeights.reduce((sum, [, weight]) => sum + weight, 0);
  const pickHelpType = (): HelpTypeCode => {
    let value = random() * weightTotal;
    for (const [code, weight] of helpTypeWeights) if ((value -= weight) < 0) return code;
    return 'other';
  };
  const current = territories.filter((territory) => territory.isCurrent);
  const municipalities = current.filter((territory) => territory.level === 1);
  const partsOf = new Map(
    municipalities.map((municipality) => [
      municipality.code,
      current.filter((territory) => territory.parentCode === municipality.code),
    ]),
  );
  const pickPlace = (): Territory => {
    // A third of all services in Rīga, the rest spread; half of those in a town or parish rather than the municipality.
    const municipality =
      random() < 0.3 ? municipalities.find((territory) => territory.code === '0001000')! : pick(municipalities);
    const parts = partsOf.get(municipality.code) ?? [];
    return parts.length > 0 && random() < 0.5 ? pick(parts) : municipality;
  };

  const rows: FinderSourceRows = {
    revision: 1,
    services: [],
    residencyTerritories: [],
    serviceLocations: [],
    addresses: [],
    phones: [],
    schedules: [],
    languages: [],
    documents: [],
    serviceTerms: [],
    terms: terms.map((term) => ({ id: term.id, code: term.code, name: term.words.lv.name, parent_id: term.parentId })),
    termTranslations: terms.flatMap((term) =>
      (['lv', 'ru', 'en'] as const).map((language) => ({
        taxonomy_term_id: term.id,
        language,
        name: term.words[language].name,
      })),
    ),
  };
  let organizationName = '';
  let organizationId = '';
  let organizationPlace = current[0]!;
  for (let index = 0; index < count; index++) {
    if (index % 10 === 0) {
      organizationPlace = pickPlace();
      organizationId = uuid(1, index / 10);
      organizationName = `${organizationPlace.name} ${pick(ORGANIZATION_KINDS)} ${index / 10}`;
    }
    const id = uuid(2, index);
    const helpTypes = new Set<HelpTypeCode>([pickHelpType()]);
    while (helpTypes.size < 3 && random() < 0.35) helpTypes.add(pickHelpType());
    const wordCount = 8 + Math.floor(random() * 18);
    const words: string[] = [];
    for (let word = 0; word < wordCount; word++) words.push(pick(DESCRIPTION_WORDS));
    const place = random() < 0.8 ? organizationPlace : pickPlace();
    const roll = random();
    const isStatewide = roll < 0.04;
    const hasResidencyRule = !isStatewide && roll < 0.45;
    rows.services.push({
      id,
      name: `${pick(DESCRIPTION_WORDS)} ${pick(DESCRIPTION_WORDS)} ${place.name}`,
      description: `${words.join(' ')}.`,
      organization_id: organizationId,
      organization_name: organizationName,
      organization_is_demo: false,
      organization_last_verified_on: '2026-10-01',
      residency_rule: hasResidencyRule ? 'last_declared_residence' : 'none',
      eligible_sex: random() < 0.05 ? pick(['female', 'male'] as const) : 'any',
      minimum_age: random() < 0.05 ? 18 : null,
      maximum_age: random() < 0.03 ? 25 : null,
      eligibility_description: null,
      capacity_beds: helpTypes.has('shelter') ? 5 + Math.floor(random() * 60) : null,
      is_statewide: isStatewide,
      last_verified_on: random() < 0.7 ? '2026-09-15' : null,
    });
    if (hasResidencyRule)
      rows.residencyTerritories.push({ service_id: id, territory_code: place.parentCode ?? place.code });
    for (const code of helpTypes)
      rows.serviceTerms.push({
        service_id: id,
        taxonomy_term_id: random() < 0.4 ? termsByHelpType.get(code)![0]! : pick(termsByHelpType.get(code)!),
      });
    // 1% without a place (phone lines), 5% at a second place.
    const places = random() < 0.01 ? [] : random() < 0.05 ? [place, pickPlace()] : [place];
    places.forEach((location, number) => {
      const locationId = uuid(3, index * 2 + number);
      rows.serviceLocations.push({
        id: uuid(4, index * 2 + number),
        service_id: id,
        location_id: locationId,
        location_name: null,
        territory_code: location.code,
        organization_id: organizationId,
      });
      rows.addresses.push({
        location_id: locationId,
        address_1: `${pick(['Brīvības', 'Rīgas', 'Skolas', 'Dzirnavu', 'Raiņa'])} iela ${1 + (index % 120)}`,
        address_2: null,
        city: location.name,
        postal_code: `LV-${1000 + (index % 4000)}`,
        address_type: 'physical',
      });
    });
    rows.phones.push({
      number: `+371 6${String(index % 10_000_000).padStart(7, '0')}`,
      service_id: id,
      location_id: null,
      organization_id: null,
      service_at_location_id: null,
    });
    for (const schedule of SCHEDULE_PATTERNS[index % SCHEDULE_PATTERNS.length]!) {
      rows.schedules.push({
        service_id: id,
        location_id: null,
        service_at_location_id: null,
        freq: 'WEEKLY',
        byday: schedule.byday,
        opens_at: schedule.opens,
        closes_at: schedule.closes,
        description: null,
      });
    }
    rows.languages.push({ service_id: id, location_id: null, name: null, code: 'lv' });
    if (random() < 0.5) rows.languages.push({ service_id: id, location_id: null, name: null, code: 'ru' });
    if (random() < 0.4) rows.documents.push({ service_id: id, document: pick(DOCUMENTS) });
    if (translatedShare > 0 && random() < translatedShare) {
      for (const [language, vocabulary] of [
        ['ru', RUSSIAN_WORDS],
        ['en', ENGLISH_WORDS],
      ] as const) {
        const translated: string[] = [];
        for (let word = 0; word < wordCount; word++) translated.push(pick(vocabulary));
        (rows.serviceTranslations ??= []).push({
          service_id: id,
          language,
          name: `${pick(vocabulary)} ${pick(vocabulary)} ${place.name}`,
          description: `${translated.join(' ')}.`,
          eligibility_description: null,
          required_documents: null,
          hours_note: null,
        });
      }
    }
  }
  return rows;
}

/** Writes generated rows into the registry tables in batches (the bench's own loader; the app never does this). */
export async function writeRegistry(db: Kysely<Database>, rows: FinderSourceRows): Promise<void> {
  const batch = async <T>(table: keyof Database, values: T[]) => {
    for (let start = 0; start < values.length; start += 2000) {
      await db
        .insertInto(table)
        .values(values.slice(start, start + 2000) as never)
        .execute();
    }
  };
  const organizations = new Map<string, string>();
  for (const service of rows.services) organizations.set(service.organization_id!, service.organization_name!);
  await batch(
    'organization',
    [...organizations].map(([id, name]) => ({ id, name, last_verified_on: '2026-10-01' })),
  );
  await batch(
    'service',
    rows.services.map((service) => ({
      id: service.id,
      organization_id: service.organization_id,
      name: service.name,
      description: service.description,
      status: 'active',
      residency_rule: service.residency_rule,
      eligible_sex: service.eligible_sex,
      minimum_age: service.minimum_age,
      maximum_age: service.maximum_age,
      capacity_beds: service.capacity_beds,
      is_statewide: service.is_statewide,
      last_verified_on: service.last_verified_on,
    })),
  );
  await batch('service_residency_territory', rows.residencyTerritories);
  await batch(
    'location',
    rows.serviceLocations.map((row) => ({
      id: row.location_id,
      location_type: 'physical',
      organization_id: row.organization_id,
      territory_code: row.territory_code,
    })),
  );
  await batch(
    'service_at_location',
    rows.serviceLocations.map((row) => ({ id: row.id, service_id: row.service_id, location_id: row.location_id })),
  );
  let counter = 0;
  await batch(
    'address',
    rows.addresses.map((row) => ({ ...row, id: uuid(5, counter++), state_province: '', country: 'LV' })),
  );
  await batch(
    'phone',
    rows.phones.map((row) => ({ id: uuid(6, counter++), service_id: row.service_id, number: row.number })),
  );
  await batch(
    'schedule',
    rows.schedules.map((row) => ({
      id: uuid(7, counter++),
      service_id: row.service_id,
      freq: 'WEEKLY',
      byday: row.byday,
      opens_at: row.opens_at,
      closes_at: row.closes_at,
    })),
  );
  await batch(
    'language',
    rows.languages.map((row) => ({ id: uuid(8, counter++), service_id: row.service_id, code: row.code })),
  );
  await batch(
    'required_document',
    rows.documents.map((row) => ({ id: uuid(9, counter++), service_id: row.service_id, document: row.document })),
  );
  await batch(
    'attribute',
    rows.serviceTerms.map((row) => ({
      id: uuid(10, counter++),
      link_id: row.service_id,
      link_entity: 'service',
      taxonomy_term_id: row.taxonomy_term_id,
    })),
  );
  await db
    .updateTable('registry_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}
