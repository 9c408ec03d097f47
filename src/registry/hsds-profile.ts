// The "Reentry Atlas profile" of HSDS 3.0: what our mission columns look like in HSDS. Standard HSDS fields carry
// what HSDS has (minimum_age, maximum_age, eligibility_description, service areas); the rest travels as HSDS
// `attributes` whose taxonomy terms are defined here, with fixed UUIDs, so that every installation and every
// export names them alike. docs/hsds-profile.md is the reader's version of this file.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { languages, type Language } from '../core/language.js';
import { institutionTypes } from './registry.enums.js';
import { countTaxonomyTerms, insertMissingTaxonomy } from './registry.repository.js';

export const hsdsProfileTaxonomy = {
  id: '7a1a5000-0b5d-4e00-8000-000000000000',
  name: 'Reentry Atlas profile',
  description: 'Fields of the Reentry Atlas HSDS profile that HSDS 3.0 has no standard field for.',
  uri: null,
  version: '1',
} as const;

/** The codes of the profile's terms; an attribute's `value` carries the field's value as text. */
export const profileTermCodes = [
  'institution_type',
  'is_demo',
  'last_verified_on',
  'residency_rule',
  'residency_territory',
  'eligible_sex',
  'capacity_beds',
  'is_statewide',
  'atvk_territory',
  'external_reference',
  'legal_basis_act',
  'legal_basis_article',
  'legal_basis_url',
  'benefit_amount',
  'benefit_limits',
  'translation_ru',
  'translation_en',
] as const;
export type ProfileTermCode = (typeof profileTermCodes)[number];

type TermWords = Record<Language, { name: string; description: string }>;
export type ProfileTerm = { id: string; code: ProfileTermCode; appliesTo: string[]; words: TermWords };

const termId = (index: number) => `7a1a5000-0b5d-4e00-8000-0000000000${String(index).padStart(2, '0')}`;

/**
 * One profile term: its fixed id from `index`, the records it applies to, and its name and description in each
 * language, as [name, description].
 */
function term(
  index: number,
  code: ProfileTermCode,
  appliesTo: string[],
  words: Record<Language, [name: string, description: string]>,
): ProfileTerm {
  const entries = Object.entries(words).map(([language, [name, description]]) => [language, { name, description }]);
  return { id: termId(index), code, appliesTo, words: Object.fromEntries(entries) as TermWords };
}

export const profileTerms: ProfileTerm[] = [
  term(1, 'institution_type', ['organization'], {
    en: ['Institution type', `One of ${institutionTypes.join(', ')}.`],
    lv: [
      'Iestādes veids',
      'Pašvaldības sociālais dienests, cita pašvaldības iestāde, valsts iestāde, NVO, reliģiska organizācija, privāts uzņēmums vai ieslodzījuma vieta.',
    ],
    ru: [
      'Тип учреждения',
      'Социальная служба самоуправления, другое учреждение самоуправления, государственное учреждение, НКО, религиозная организация, частная фирма или место заключения.',
    ],
  }),
  term(2, 'is_demo', ['organization'], {
    en: ['Demonstration data', 'Value "true": the institution is made up, for demonstration only.'],
    lv: ['Demonstrācijas dati', 'Vērtība "true": iestāde ir izdomāta, tikai demonstrācijai.'],
    ru: ['Демонстрационные данные', 'Значение "true": учреждение выдумано, только для демонстрации.'],
  }),
  term(3, 'last_verified_on', ['organization', 'service'], {
    en: ['Last verified on', 'The date (YYYY-MM-DD) someone last checked the listing with the institution.'],
    lv: ['Pēdējoreiz pārbaudīts', 'Datums (GGGG-MM-DD), kad ierakstu pēdējoreiz pārbaudīja ar iestādi.'],
    ru: ['Последняя проверка', 'Дата (ГГГГ-ММ-ДД), когда запись последний раз сверяли с учреждением.'],
  }),
  term(4, 'residency_rule', ['service'], {
    en: [
      'Residency rule',
      'Value "last_declared_residence": only for people whose last declared residence was in one of the residency territories.',
    ],
    lv: [
      'Dzīvesvietas nosacījums',
      'Vērtība "last_declared_residence": tikai cilvēkiem, kuru pēdējā deklarētā dzīvesvieta bija kādā no norādītajām teritorijām.',
    ],
    ru: [
      'Условие о месте жительства',
      'Значение "last_declared_residence": только для тех, чьё последнее задекларированное место жительства было на одной из указанных территорий.',
    ],
  }),
  term(5, 'residency_territory', ['service'], {
    en: [
      'Residency territory',
      'The ATVK code of a territory the residency rule accepts; one attribute per territory.',
    ],
    lv: [
      'Dzīvesvietas teritorija',
      'Teritorijas ATVK kods, ko pieņem dzīvesvietas nosacījums; viens atribūts katrai teritorijai.',
    ],
    ru: [
      'Территория проживания',
      'Код ATVK территории, которую принимает условие о месте жительства; по одному атрибуту на территорию.',
    ],
  }),
  term(6, 'eligible_sex', ['service'], {
    en: ['Only for', 'Value "female" or "male": the service is only for women or only for men.'],
    lv: ['Tikai', 'Vērtība "female" vai "male": pakalpojums ir tikai sievietēm vai tikai vīriešiem.'],
    ru: ['Только для', 'Значение "female" или "male": услуга только для женщин или только для мужчин.'],
  }),
  term(7, 'capacity_beds', ['service'], {
    en: ['Beds', 'How many beds a shelter or overnight stay has (a whole number).'],
    lv: ['Gultasvietas', 'Cik gultasvietu ir patversmē vai naktsmītnē (vesels skaitlis).'],
    ru: ['Койко-места', 'Сколько койко-мест в приюте или ночлежке (целое число).'],
  }),
  term(8, 'is_statewide', ['service'], {
    en: ['Whole of Latvia', 'Value "true": the service is for people from anywhere in Latvia.'],
    lv: ['Visa Latvija', 'Vērtība "true": pakalpojums ir cilvēkiem no jebkuras Latvijas vietas.'],
    ru: ['Вся Латвия', 'Значение "true": услуга для людей из любого места Латвии.'],
  }),
  term(9, 'atvk_territory', ['location', 'service_area'], {
    en: ['ATVK territory', 'The ATVK code of the town, parish or municipality the location (or service area) is in.'],
    lv: ['ATVK teritorija', 'Pilsētas, pagasta vai novada ATVK kods, kurā atrodas vieta (vai pakalpojuma teritorija).'],
    ru: ['Территория ATVK', 'Код ATVK города, волости или края, где находится место (или территория услуги).'],
  }),
  term(10, 'external_reference', [], {
    en: [
      'Reference outside the registry',
      'Internal: a reference field (link_type) whose record (value) is not in the registry yet; exports show it in its field again.',
    ],
    lv: [
      'Atsauce ārpus reģistra',
      'Iekšējs: atsauces lauks (link_type), kura ieraksta (value) reģistrā vēl nav; eksportā tas atkal ir savā laukā.',
    ],
    ru: [
      'Ссылка вне реестра',
      'Служебный: поле-ссылка (link_type), записи которой (value) ещё нет в реестре; при экспорте она снова в своём поле.',
    ],
  }),
  term(11, 'translation_ru', ['organization', 'service'], {
    en: [
      'Text in Russian',
      'The Russian text of the record field named in link_type (name, description, eligibility_description, required_documents, application_process, fees_description, hours_note); lists one entry a line.',
    ],
    lv: [
      'Teksts krieviski',
      'Ieraksta lauka, kas nosaukts link_type, teksts krievu valodā; saraksti — katrs ieraksts savā rindā.',
    ],
    ru: [
      'Текст по-русски',
      'Текст поля записи, названного в link_type, на русском языке; списки — по одному пункту в строке.',
    ],
  }),
  term(12, 'translation_en', ['organization', 'service'], {
    en: [
      'Text in English',
      'The English text of the record field named in link_type (name, description, eligibility_description, required_documents, application_process, fees_description, hours_note); lists one entry a line.',
    ],
    lv: [
      'Teksts angliski',
      'Ieraksta lauka, kas nosaukts link_type, teksts angļu valodā; saraksti — katrs ieraksts savā rindā.',
    ],
    ru: [
      'Текст по-английски',
      'Текст поля записи, названного в link_type, на английском языке; списки — по одному пункту в строке.',
    ],
  }),
  // The person's right to a service (entitlement.ts). Numbered from 31, apart from the first ten, so terms that
  // other changes add next to those do not collide.
  term(31, 'legal_basis_act', ['service'], {
    en: [
      'Legal basis',
      "The law or the municipality's binding regulation that gives a person the right to the service.",
    ],
    lv: ['Tiesiskais pamats', 'Likums vai pašvaldības saistošie noteikumi, kas dod cilvēkam tiesības uz pakalpojumu.'],
    ru: ['Правовое основание', 'Закон или обязательные правила самоуправления, которые дают человеку право на услугу.'],
  }),
  term(32, 'legal_basis_article', ['service'], {
    en: ['Article', 'The article or paragraph of the legal basis.'],
    lv: ['Pants', 'Tiesiskā pamata pants vai punkts.'],
    ru: ['Статья', 'Статья или пункт правового основания.'],
  }),
  term(33, 'legal_basis_url', ['service'], {
    en: ['Legal text', 'A link (http or https) to the text of the legal basis.'],
    lv: ['Tiesību akta teksts', 'Saite (http vai https) uz tiesiskā pamata tekstu.'],
    ru: ['Текст акта', 'Ссылка (http или https) на текст правового основания.'],
  }),
  term(34, 'benefit_amount', ['service'], {
    en: ['Benefit amount', 'For a benefit: how much, in words ("up to 150 EUR").'],
    lv: ['Pabalsta apmērs', 'Pabalstam: cik liels, vārdiem ("līdz 150 EUR").'],
    ru: ['Размер пособия', 'Для пособия: сколько, словами («до 150 EUR»).'],
  }),
  term(35, 'benefit_limits', ['service'], {
    en: ['Benefit limits', 'For a benefit: its conditions and limits, in words.'],
    lv: ['Pabalsta nosacījumi', 'Pabalstam: nosacījumi un ierobežojumi, vārdiem.'],
    ru: ['Условия пособия', 'Для пособия: условия и ограничения, словами.'],
  }),
];

/** The profile term that carries a listing text in `language`, and back. */
export const translationTermCodes = { ru: 'translation_ru', en: 'translation_en' } as const;

const termsByCode = new Map(profileTerms.map((term) => [term.code, term]));
const termsById = new Map(profileTerms.map((term) => [term.id, term]));

/** The fixed UUID of a profile term. */
export function profileTermId(code: ProfileTermCode): string {
  return termsByCode.get(code)!.id;
}

/** The profile term with this id, or undefined when the id is not one of the profile's. */
export function findProfileTerm(id: string | null | undefined): ProfileTerm | undefined {
  return id ? termsById.get(id) : undefined;
}

/** The HSDS taxonomy_term object of a profile term, as exports nest it in attributes. */
export function profileTermAsHsds(term: ProfileTerm): Record<string, unknown> {
  return {
    id: term.id,
    code: term.code,
    name: term.words.en.name,
    description: term.words.en.description,
    taxonomy: hsdsProfileTaxonomy.name,
    taxonomy_detail: {
      id: hsdsProfileTaxonomy.id,
      name: hsdsProfileTaxonomy.name,
      description: hsdsProfileTaxonomy.description,
      version: hsdsProfileTaxonomy.version,
    },
    language: 'en',
    taxonomy_id: hsdsProfileTaxonomy.id,
  };
}

/** Loads the profile taxonomy and its terms (with lv/ru/en labels); does nothing when they are already there. */
export async function loadHsdsProfileReferenceData(db: Kysely<Database>): Promise<boolean> {
  if ((await countTaxonomyTerms(db, hsdsProfileTaxonomy.id)) === profileTerms.length) return false;
  const { id, name, description, version } = hsdsProfileTaxonomy;
  const terms = profileTerms.map((term) => ({
    id: term.id,
    code: term.code,
    name: term.words.en.name,
    description: term.words.en.description,
    parent_id: null,
    taxonomy: name,
    taxonomy_id: id,
    language: 'en',
    term_uri: null,
  }));
  const translations = profileTerms.flatMap((term) =>
    languages.map((language) => ({ taxonomy_term_id: term.id, language, ...term.words[language] })),
  );
  await db
    .transaction()
    .execute((trx) => insertMissingTaxonomy(trx, { id, name, description, uri: null, version }, terms, translations));
  return true;
}
