// The help-type taxonomy: the eleven kinds of help the 2004 questionnaire asked about, with finer terms under
// each. It is reference data with fixed UUIDs, so every installation (and every HSDS export) uses the same ids,
// and the finder, the surveys and the reports can name a help type by its `code` alone.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { languages, type Language } from '../core/language.js';
import {
  bumpRegistryRevision,
  selectTaxonomyState,
  upsertTaxonomy,
  upsertTaxonomyTerms,
  upsertTermTranslations,
} from './registry.repository.js';

/** The eleven help types of the 2004 questionnaire, in its order. */
export const helpTypeCodes = [
  'documents',
  'legal',
  'employment',
  'material',
  'housing',
  'drugs',
  'alcohol',
  'shelter',
  'psychological',
  'other',
  'programme',
] as const;
export type HelpTypeCode = (typeof helpTypeCodes)[number];

type Words = { name: string; description: string };
export type HelpTypeTermDefinition = { id: string; code: string; words: Record<Language, Words> };
export type HelpTypeDefinition = HelpTypeTermDefinition & { code: HelpTypeCode; finer: HelpTypeTermDefinition[] };

export const helpTypeTaxonomy = {
  id: '7a1a5000-2004-4e00-8000-000000000000',
  name: 'Reentry Atlas help types',
  description:
    'Kinds of help for people released from prison, from the 2004 Latvian questionnaire (11 help types with finer terms).',
  uri: null,
  version: '1',
} as const;

// Term ids: …-00000000TT00 for help type TT (01–11), …-00000000TTFF for its finer term FF.
const termId = (type: number, finer = 0) =>
  `7a1a5000-2004-4e00-8000-00000000${String(type).padStart(2, '0')}${String(finer).padStart(2, '0')}`;

const w = (
  lv: string,
  lvText: string,
  ru: string,
  ruText: string,
  en: string,
  enText: string,
): Record<Language, Words> => ({
  lv: { name: lv, description: lvText },
  ru: { name: ru, description: ruText },
  en: { name: en, description: enText },
});

// Plain words: a person with little schooling, just out of prison, must understand each name at a glance.
export const helpTypes: HelpTypeDefinition[] = [
  {
    id: termId(1),
    code: 'documents',
    words: w(
      'Dokumenti',
      'Palīdzība dabūt pasi, ID karti, personas kodu un citus papīrus.',
      'Документы',
      'Помощь получить паспорт, ID-карту, персональный код и другие бумаги.',
      'Documents',
      'Help to get a passport, ID card, personal code and other papers.',
    ),
    finer: [
      {
        id: termId(1, 1),
        code: 'documents.passport',
        words: w(
          'Pase vai ID karte',
          'Palīdz noformēt pasi vai personas apliecību (ID karti).',
          'Паспорт или ID-карта',
          'Помогают оформить паспорт или ID-карту.',
          'Passport or ID card',
          'Help to apply for a passport or identity card.',
        ),
      },
      {
        id: termId(1, 2),
        code: 'documents.personal_code',
        words: w(
          'Personas kods',
          'Palīdz dabūt personas kodu, ja tā nav.',
          'Персональный код',
          'Помогают получить персональный код, если его нет.',
          'Personal code',
          'Help to get a personal code if you have none.',
        ),
      },
      {
        id: termId(1, 3),
        code: 'documents.birth_certificate',
        words: w(
          'Dzimšanas apliecība',
          'Palīdz atjaunot dzimšanas apliecību vai citu dzimtsarakstu dokumentu.',
          'Свидетельство о рождении',
          'Помогают восстановить свидетельство о рождении или другой документ ЗАГСа.',
          'Birth certificate',
          'Help to get a new birth certificate or other civil record.',
        ),
      },
      {
        id: termId(1, 4),
        code: 'documents.residence_declaration',
        words: w(
          'Dzīvesvietas deklarēšana',
          'Palīdz deklarēt, kur jūs dzīvojat.',
          'Декларирование места жительства',
          'Помогают задекларировать, где вы живёте.',
          'Declaring where you live',
          'Help to register the address where you live.',
        ),
      },
      {
        id: termId(1, 5),
        code: 'documents.fees',
        words: w(
          'Nauda dokumentiem',
          'Samaksā valsts nodevu vai fotogrāfijas dokumentiem.',
          'Деньги на документы',
          'Оплачивают госпошлину или фотографии для документов.',
          'Money for document fees',
          'Pays the state fee or the photos for your documents.',
        ),
      },
    ],
  },
  {
    id: termId(2),
    code: 'legal',
    words: w(
      'Juridiskā palīdzība',
      'Padoms par likumu: tiesības, pabalsti, parādi, dzīvoklis, mantojums.',
      'Юридическая помощь',
      'Совет по закону: права, пособия, долги, квартира, наследство.',
      'Legal advice',
      'Advice about the law: your rights, benefits, debts, a flat, an inheritance.',
    ),
    finer: [
      {
        id: termId(2, 1),
        code: 'legal.state_legal_aid',
        words: w(
          'Bezmaksas jurists',
          'Valsts nodrošināta juridiskā palīdzība tiem, kam nav naudas.',
          'Бесплатный юрист',
          'Юридическая помощь от государства для тех, у кого нет денег.',
          'Free lawyer',
          'Legal help paid by the state for people without money.',
        ),
      },
      {
        id: termId(2, 2),
        code: 'legal.benefit_rights',
        words: w(
          'Tiesības uz pabalstiem',
          'Uzzināt, kādus pabalstus varat saņemt un kā tos pieprasīt.',
          'Право на пособия',
          'Узнать, какие пособия вам положены и как их получить.',
          'Your right to benefits',
          'Find out which benefits you can get and how to ask for them.',
        ),
      },
      {
        id: termId(2, 3),
        code: 'legal.housing_rights',
        words: w(
          'Dzīvoklis un mantojums',
          'Padoms par īri, dzīvokli un mantojumu.',
          'Квартира и наследство',
          'Совет по аренде, квартире и наследству.',
          'Flat and inheritance',
          'Advice on renting, your flat and inheritance.',
        ),
      },
      {
        id: termId(2, 4),
        code: 'legal.debts',
        words: w(
          'Parādi un sodi',
          'Palīdz saprast parādus un sodus un vienoties par maksāšanu.',
          'Долги и штрафы',
          'Помогают разобраться с долгами и штрафами и договориться об оплате.',
          'Debts and fines',
          'Help to understand debts and fines and agree how to pay.',
        ),
      },
    ],
  },
  {
    id: termId(3),
    code: 'employment',
    words: w(
      'Darbs',
      'Palīdzība atrast darbu vai apgūt arodu.',
      'Работа',
      'Помощь найти работу или получить профессию.',
      'Work',
      'Help to find a job or learn a trade.',
    ),
    finer: [
      {
        id: termId(3, 1),
        code: 'employment.job_search',
        words: w(
          'Darba meklēšana',
          'Palīdz atrast vakances, uzrakstīt CV un sagatavoties darba intervijai.',
          'Поиск работы',
          'Помогают найти вакансии, написать CV и подготовиться к собеседованию.',
          'Finding a job',
          'Help to find vacancies, write a CV and get ready for an interview.',
        ),
      },
      {
        id: termId(3, 2),
        code: 'employment.unemployed_status',
        words: w(
          'Bezdarbnieka statuss',
          'Palīdz reģistrēties kā bezdarbniekam.',
          'Статус безработного',
          'Помогают зарегистрироваться как безработный.',
          'Registering as unemployed',
          'Help to register as unemployed.',
        ),
      },
      {
        id: termId(3, 3),
        code: 'employment.training',
        words: w(
          'Kursi un arods',
          'Mācības, kursi, arodizglītība.',
          'Курсы и профессия',
          'Учёба, курсы, профессиональное обучение.',
          'Courses and a trade',
          'Lessons, courses, learning a trade.',
        ),
      },
      {
        id: termId(3, 4),
        code: 'employment.public_works',
        words: w(
          'Pagaidu darbs',
          'Algoti pagaidu sabiedriskie darbi pašvaldībā.',
          'Временная работа',
          'Оплачиваемые временные общественные работы в самоуправлении.',
          'Temporary paid work',
          'Paid temporary public work with the municipality.',
        ),
      },
    ],
  },
  {
    id: termId(4),
    code: 'material',
    words: w(
      'Nauda, ēdiens un apģērbs',
      'Pabalsts, paka ar pārtiku, silta zupa, apģērbs, palīdzība samaksāt rēķinus.',
      'Деньги, еда и одежда',
      'Пособие, продуктовый пакет, горячий суп, одежда, помощь оплатить счета.',
      'Money, food and clothes',
      'A benefit, a food parcel, hot soup, clothes, help to pay bills.',
    ),
    finer: [
      {
        id: termId(4, 1),
        code: 'material.one_off_benefit',
        words: w(
          'Vienreizējs pabalsts',
          'Naudas pabalsts vienu reizi, piemēram, pēc atbrīvošanas.',
          'Единовременное пособие',
          'Денежное пособие один раз, например после освобождения.',
          'One-off benefit',
          'Money given once, for example after release.',
        ),
      },
      {
        id: termId(4, 2),
        code: 'material.food',
        words: w(
          'Ēdiens',
          'Zupas virtuve, pārtikas paka vai bezmaksas maltīte.',
          'Еда',
          'Бесплатный суп, продуктовый пакет или бесплатное питание.',
          'Food',
          'A soup kitchen, a food parcel or a free meal.',
        ),
      },
      {
        id: termId(4, 3),
        code: 'material.clothing',
        words: w(
          'Apģērbs',
          'Silts apģērbs un apavi bez maksas.',
          'Одежда',
          'Тёплая одежда и обувь бесплатно.',
          'Clothes',
          'Warm clothes and shoes for free.',
        ),
      },
      {
        id: termId(4, 4),
        code: 'material.bills',
        words: w(
          'Rēķinu samaksa',
          'Palīdz samaksāt par dzīvokli, elektrību, apkuri.',
          'Оплата счетов',
          'Помогают оплатить квартиру, электричество, отопление.',
          'Paying bills',
          'Help to pay for the flat, electricity, heating.',
        ),
      },
      {
        id: termId(4, 5),
        code: 'material.hygiene',
        words: w(
          'Duša un veļa',
          'Vieta, kur nomazgāties un izmazgāt drēbes.',
          'Душ и стирка',
          'Место, где помыться и постирать одежду.',
          'Shower and laundry',
          'A place to wash yourself and your clothes.',
        ),
      },
    ],
  },
  {
    id: termId(5),
    code: 'housing',
    words: w(
      'Dzīvesvieta',
      'Palīdzība atrast, kur dzīvot ilgāku laiku.',
      'Жильё',
      'Помощь найти, где жить долгое время.',
      'A place to live',
      'Help to find somewhere to live for a longer time.',
    ),
    finer: [
      {
        id: termId(5, 1),
        code: 'housing.social_flat',
        words: w(
          'Sociālais dzīvoklis',
          'Lēts pašvaldības dzīvoklis tiem, kam tas ļoti vajadzīgs.',
          'Социальная квартира',
          'Дешёвая квартира самоуправления для тех, кому она очень нужна.',
          'Social flat',
          'A cheap municipal flat for people in great need.',
        ),
      },
      {
        id: termId(5, 2),
        code: 'housing.search',
        words: w(
          'Dzīvokļa meklēšana',
          'Palīdz atrast un noīrēt dzīvokli vai istabu.',
          'Поиск квартиры',
          'Помогают найти и снять квартиру или комнату.',
          'Finding a flat',
          'Help to find and rent a flat or a room.',
        ),
      },
      {
        id: termId(5, 3),
        code: 'housing.benefit',
        words: w(
          'Mājokļa pabalsts',
          'Nauda īrei un komunālajiem maksājumiem.',
          'Пособие на жильё',
          'Деньги на аренду и коммунальные платежи.',
          'Housing benefit',
          'Money for rent and bills.',
        ),
      },
    ],
  },
  {
    id: termId(6),
    code: 'drugs',
    words: w(
      'Ārstēšanās no narkotikām',
      'Palīdzība atbrīvoties no narkotiku atkarības.',
      'Лечение от наркотиков',
      'Помощь избавиться от наркотической зависимости.',
      'Help with drugs',
      'Help to get free of drug addiction.',
    ),
    finer: [
      {
        id: termId(6, 1),
        code: 'drugs.detox',
        words: w(
          'Detoksikācija',
          'Ārstēšana slimnīcā, lai droši pārtrauktu lietot.',
          'Детоксикация',
          'Лечение в больнице, чтобы безопасно прекратить употребление.',
          'Detox',
          'Treatment in hospital to stop using safely.',
        ),
      },
      {
        id: termId(6, 2),
        code: 'drugs.substitution',
        words: w(
          'Aizvietojošā terapija',
          'Metadons vai buprenorfīns ārsta uzraudzībā.',
          'Заместительная терапия',
          'Метадон или бупренорфин под наблюдением врача.',
          'Substitution therapy',
          'Methadone or buprenorphine with a doctor.',
        ),
      },
      {
        id: termId(6, 3),
        code: 'drugs.rehabilitation',
        words: w(
          'Rehabilitācija',
          'Ilgāka programma, lai dzīvotu bez narkotikām.',
          'Реабилитация',
          'Долгая программа, чтобы жить без наркотиков.',
          'Rehabilitation',
          'A longer programme to live without drugs.',
        ),
      },
      {
        id: termId(6, 4),
        code: 'drugs.support_group',
        words: w(
          'Atbalsta grupa',
          'Tikšanās ar cilvēkiem, kas arī atmet narkotikas (piemēram, NA).',
          'Группа поддержки',
          'Встречи с людьми, которые тоже бросают наркотики (например, АН).',
          'Support group',
          'Meetings with others who are also quitting drugs (for example NA).',
        ),
      },
    ],
  },
  {
    id: termId(7),
    code: 'alcohol',
    words: w(
      'Ārstēšanās no alkohola',
      'Palīdzība atbrīvoties no alkohola atkarības.',
      'Лечение от алкоголизма',
      'Помощь избавиться от алкогольной зависимости.',
      'Help with alcohol',
      'Help to get free of alcohol addiction.',
    ),
    finer: [
      {
        id: termId(7, 1),
        code: 'alcohol.detox',
        words: w(
          'Detoksikācija',
          'Ārstēšana slimnīcā, lai droši pārtrauktu dzert.',
          'Детоксикация',
          'Лечение в больнице, чтобы безопасно бросить пить.',
          'Detox',
          'Treatment in hospital to stop drinking safely.',
        ),
      },
      {
        id: termId(7, 2),
        code: 'alcohol.narcologist',
        words: w(
          'Narkologs',
          'Ārsts, kas ārstē atkarību.',
          'Нарколог',
          'Врач, который лечит зависимость.',
          'Addiction doctor',
          'A doctor who treats addiction.',
        ),
      },
      {
        id: termId(7, 3),
        code: 'alcohol.rehabilitation',
        words: w(
          'Rehabilitācija',
          'Ilgāka programma, lai dzīvotu bez alkohola.',
          'Реабилитация',
          'Долгая программа, чтобы жить без алкоголя.',
          'Rehabilitation',
          'A longer programme to live without alcohol.',
        ),
      },
      {
        id: termId(7, 4),
        code: 'alcohol.support_group',
        words: w(
          'Atbalsta grupa',
          'Tikšanās ar cilvēkiem, kas arī atmet dzeršanu (piemēram, AA).',
          'Группа поддержки',
          'Встречи с людьми, которые тоже бросают пить (например, АА).',
          'Support group',
          'Meetings with others who are also quitting drinking (for example AA).',
        ),
      },
    ],
  },
  {
    id: termId(8),
    code: 'shelter',
    words: w(
      'Naktsmītne',
      'Vieta, kur pārnakšņot vai palikt kādu laiku.',
      'Ночлег',
      'Место, где переночевать или пожить какое-то время.',
      'A place to sleep',
      'Somewhere to spend the night or stay for a while.',
    ),
    finer: [
      {
        id: termId(8, 1),
        code: 'shelter.night_shelter',
        words: w(
          'Naktsmājas',
          'Gulta šai naktij.',
          'Ночлежный дом',
          'Кровать на эту ночь.',
          'A place to sleep tonight',
          'A bed for tonight.',
        ),
      },
      {
        id: termId(8, 2),
        code: 'shelter.shelter',
        words: w(
          'Patversme',
          'Var dzīvot dažas nedēļas vai mēnešus.',
          'Приют',
          'Можно жить несколько недель или месяцев.',
          'Shelter',
          'You can stay a few weeks or months.',
        ),
      },
      {
        id: termId(8, 3),
        code: 'shelter.crisis_centre',
        words: w(
          'Krīzes centrs',
          'Tūlītēja palīdzība un droša vieta grūtā brīdī.',
          'Кризисный центр',
          'Срочная помощь и безопасное место в трудный момент.',
          'Crisis centre',
          'Help right away and a safe place in a hard moment.',
        ),
      },
      {
        id: termId(8, 4),
        code: 'shelter.halfway_house',
        words: w(
          'Pusceļa māja',
          'Dzīvošana ar atbalstu, kamēr sākat patstāvīgu dzīvi.',
          'Дом на полпути',
          'Жильё с поддержкой, пока вы начинаете самостоятельную жизнь.',
          'Halfway house',
          'A home with support while you start living on your own.',
        ),
      },
    ],
  },
  {
    id: termId(9),
    code: 'psychological',
    words: w(
      'Psihologa palīdzība',
      'Kāds, ar ko parunāt un kas palīdz tikt galā ar grūtībām.',
      'Помощь психолога',
      'Кто-то, с кем можно поговорить и кто поможет справиться с трудностями.',
      'Someone to talk to',
      'A psychologist or social worker who helps you cope.',
    ),
    finer: [
      {
        id: termId(9, 1),
        code: 'psychological.psychologist',
        words: w(
          'Psihologs',
          'Sarunas ar psihologu.',
          'Психолог',
          'Беседы с психологом.',
          'Psychologist',
          'Talking with a psychologist.',
        ),
      },
      {
        id: termId(9, 2),
        code: 'psychological.social_worker',
        words: w(
          'Sociālais darbinieks',
          'Sociālais darbinieks palīdz plānot un kārtot lietas.',
          'Социальный работник',
          'Социальный работник помогает планировать и решать дела.',
          'Social worker',
          'A social worker helps you plan and sort things out.',
        ),
      },
      {
        id: termId(9, 3),
        code: 'psychological.support_group',
        words: w(
          'Atbalsta grupa',
          'Sarunas grupā ar cilvēkiem līdzīgā situācijā.',
          'Группа поддержки',
          'Беседы в группе с людьми в похожей ситуации.',
          'Support group',
          'Talking in a group with people in a similar situation.',
        ),
      },
      {
        id: termId(9, 4),
        code: 'psychological.family',
        words: w(
          'Ģimene un bērni',
          'Palīdzība attiecībās ar ģimeni un bērniem.',
          'Семья и дети',
          'Помощь в отношениях с семьёй и детьми.',
          'Family and children',
          'Help with your family and children.',
        ),
      },
    ],
  },
  {
    id: termId(10),
    code: 'other',
    words: w(
      'Cita palīdzība',
      'Cita palīdzība, kas nav minēta iepriekš.',
      'Другая помощь',
      'Другая помощь, не названная выше.',
      'Other help',
      'Other help not named above.',
    ),
    finer: [
      {
        id: termId(10, 1),
        code: 'other.transport',
        words: w(
          'Ceļa nauda',
          'Biļete vai transports, lai nokļūtu mājās vai pie palīdzības.',
          'Деньги на дорогу',
          'Билет или транспорт, чтобы добраться домой или туда, где помогут.',
          'Travel',
          'A ticket or a ride to get home or to help.',
        ),
      },
      {
        id: termId(10, 2),
        code: 'other.health',
        words: w(
          'Ārsts un veselība',
          'Palīdzība tikt pie ārsta un zālēm.',
          'Врач и здоровье',
          'Помощь попасть к врачу и получить лекарства.',
          'Doctor and health',
          'Help to see a doctor and get medicine.',
        ),
      },
      {
        id: termId(10, 3),
        code: 'other.spiritual',
        words: w(
          'Garīgs atbalsts',
          'Kapelāns vai draudze, ar ko parunāt.',
          'Духовная поддержка',
          'Капеллан или община, с кем можно поговорить.',
          'Spiritual support',
          'A chaplain or a church to talk to.',
        ),
      },
    ],
  },
  {
    id: termId(11),
    code: 'programme',
    words: w(
      'Rehabilitācijas programma',
      'Pilna programma, kas palīdz sākt jaunu dzīvi soli pa solim.',
      'Программа реабилитации',
      'Полная программа, которая шаг за шагом помогает начать новую жизнь.',
      'Full rehabilitation programme',
      'A complete programme that helps you start a new life step by step.',
    ),
    finer: [
      {
        id: termId(11, 1),
        code: 'programme.residential',
        words: w(
          'Programma ar dzīvošanu',
          'Dzīvojat centrā un piedalāties programmā.',
          'Программа с проживанием',
          'Вы живёте в центре и участвуете в программе.',
          'Live-in programme',
          'You live at the centre and take part in the programme.',
        ),
      },
      {
        id: termId(11, 2),
        code: 'programme.day',
        words: w(
          'Dienas programma',
          'Nodarbības dienā, naktī esat mājās.',
          'Дневная программа',
          'Занятия днём, ночью вы дома.',
          'Day programme',
          'Sessions in the day; you sleep at home.',
        ),
      },
      {
        id: termId(11, 3),
        code: 'programme.mentor',
        words: w(
          'Mentors',
          'Cilvēks, kas jūs atbalsta pirmajos mēnešos pēc atbrīvošanas.',
          'Наставник',
          'Человек, который поддерживает вас в первые месяцы после освобождения.',
          'Mentor',
          'A person who stands by you in the first months after release.',
        ),
      },
    ],
  },
];

/** Every help-type term, top terms first, then their finer terms. */
export function allHelpTypeTerms(): Array<HelpTypeTermDefinition & { parentId: string | null }> {
  return [
    ...helpTypes.map((type) => ({ id: type.id, code: type.code, words: type.words, parentId: null })),
    ...helpTypes.flatMap((type) => type.finer.map((term) => ({ ...term, parentId: type.id }))),
  ];
}

/** The fixed id of a help type's top term, for code that names help types by code. */
export function helpTypeTermId(code: HelpTypeCode): string {
  const type = helpTypes.find((candidate) => candidate.code === code);
  if (!type) throw new Error(`unknown help type ${code}`);
  return type.id;
}

/**
 * Writes the help-type taxonomy (terms and lv/ru/en translations) when any of it is missing or out of date;
 * a reference-data loader, so it does nothing on an installation that already has this version.
 */
export async function loadHelpTypeReferenceData(db: Kysely<Database>): Promise<boolean> {
  const terms = allHelpTypeTerms();
  const stored = await selectTaxonomyState(db, helpTypeTaxonomy.id);
  if (stored && stored.version === helpTypeTaxonomy.version && stored.termCount >= terms.length) return false;
  await db.transaction().execute(async (trx) => {
    await upsertTaxonomy(trx, { ...helpTypeTaxonomy });
    await upsertTaxonomyTerms(
      trx,
      terms.map((term) => ({
        id: term.id,
        code: term.code,
        name: term.words.lv.name,
        description: term.words.lv.description,
        parent_id: term.parentId,
        taxonomy: helpTypeTaxonomy.name,
        taxonomy_id: helpTypeTaxonomy.id,
        language: 'lv',
        term_uri: null,
      })),
    );
    await upsertTermTranslations(
      trx,
      terms.flatMap((term) =>
        languages.map((language) => ({
          taxonomy_term_id: term.id,
          language,
          name: term.words[language].name,
          description: term.words[language].description,
        })),
      ),
    );
    // The finder's index holds help-type names: tell every process it is stale.
    await bumpRegistryRevision(trx);
  });
  return true;
}
