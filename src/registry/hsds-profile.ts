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

export const profileTerms: ProfileTerm[] = [
  {
    id: termId(1),
    code: 'institution_type',
    appliesTo: ['organization'],
    words: {
      en: { name: 'Institution type', description: `One of ${institutionTypes.join(', ')}.` },
      lv: {
        name: 'Iestādes veids',
        description:
          'Pašvaldības sociālais dienests, cita pašvaldības iestāde, valsts iestāde, NVO, reliģiska organizācija, privāts uzņēmums vai ieslodzījuma vieta.',
      },
      ru: {
        name: 'Тип учреждения',
        description:
          'Социальная служба самоуправления, другое учреждение самоуправления, государственное учреждение, НКО, религиозная организация, частная фирма или место заключения.',
      },
    },
  },
  {
    id: termId(2),
    code: 'is_demo',
    appliesTo: ['organization'],
    words: {
      en: {
        name: 'Demonstration data',
        description: 'Value "true": the institution is made up, for demonstration only.',
      },
      lv: { name: 'Demonstrācijas dati', description: 'Vērtība "true": iestāde ir izdomāta, tikai demonstrācijai.' },
      ru: {
        name: 'Демонстрационные данные',
        description: 'Значение "true": учреждение выдумано, только для демонстрации.',
      },
    },
  },
  {
    id: termId(3),
    code: 'last_verified_on',
    appliesTo: ['organization', 'service'],
    words: {
      en: {
        name: 'Last verified on',
        description: 'The date (YYYY-MM-DD) someone last checked the listing with the institution.',
      },
      lv: {
        name: 'Pēdējoreiz pārbaudīts',
        description: 'Datums (GGGG-MM-DD), kad ierakstu pēdējoreiz pārbaudīja ar iestādi.',
      },
      ru: {
        name: 'Последняя проверка',
        description: 'Дата (ГГГГ-ММ-ДД), когда запись последний раз сверяли с учреждением.',
      },
    },
  },
  {
    id: termId(4),
    code: 'residency_rule',
    appliesTo: ['service'],
    words: {
      en: {
        name: 'Residency rule',
        description:
          'Value "last_declared_residence": only for people whose last declared residence was in one of the residency territories.',
      },
      lv: {
        name: 'Dzīvesvietas nosacījums',
        description:
          'Vērtība "last_declared_residence": tikai cilvēkiem, kuru pēdējā deklarētā dzīvesvieta bija kādā no norādītajām teritorijām.',
      },
      ru: {
        name: 'Условие о месте жительства',
        description:
          'Значение "last_declared_residence": только для тех, чьё последнее задекларированное место жительства было на одной из указанных территорий.',
      },
    },
  },
  {
    id: termId(5),
    code: 'residency_territory',
    appliesTo: ['service'],
    words: {
      en: {
        name: 'Residency territory',
        description: 'The ATVK code of a territory the residency rule accepts; one attribute per territory.',
      },
      lv: {
        name: 'Dzīvesvietas teritorija',
        description: 'Teritorijas ATVK kods, ko pieņem dzīvesvietas nosacījums; viens atribūts katrai teritorijai.',
      },
      ru: {
        name: 'Территория проживания',
        description:
          'Код ATVK территории, которую принимает условие о месте жительства; по одному атрибуту на территорию.',
      },
    },
  },
  {
    id: termId(6),
    code: 'eligible_sex',
    appliesTo: ['service'],
    words: {
      en: { name: 'Only for', description: 'Value "female" or "male": the service is only for women or only for men.' },
      lv: {
        name: 'Tikai',
        description: 'Vērtība "female" vai "male": pakalpojums ir tikai sievietēm vai tikai vīriešiem.',
      },
      ru: {
        name: 'Только для',
        description: 'Значение "female" или "male": услуга только для женщин или только для мужчин.',
      },
    },
  },
  {
    id: termId(7),
    code: 'capacity_beds',
    appliesTo: ['service'],
    words: {
      en: { name: 'Beds', description: 'How many beds a shelter or overnight stay has (a whole number).' },
      lv: { name: 'Gultasvietas', description: 'Cik gultasvietu ir patversmē vai naktsmītnē (vesels skaitlis).' },
      ru: { name: 'Койко-места', description: 'Сколько койко-мест в приюте или ночлежке (целое число).' },
    },
  },
  {
    id: termId(8),
    code: 'is_statewide',
    appliesTo: ['service'],
    words: {
      en: { name: 'Whole of Latvia', description: 'Value "true": the service is for people from anywhere in Latvia.' },
      lv: {
        name: 'Visa Latvija',
        description: 'Vērtība "true": pakalpojums ir cilvēkiem no jebkuras Latvijas vietas.',
      },
      ru: { name: 'Вся Латвия', description: 'Значение "true": услуга для людей из любого места Латвии.' },
    },
  },
  {
    id: termId(9),
    code: 'atvk_territory',
    appliesTo: ['location', 'service_area'],
    words: {
      en: {
        name: 'ATVK territory',
        description: 'The ATVK code of the town, parish or municipality the location (or service area) is in.',
      },
      lv: {
        name: 'ATVK teritorija',
        description: 'Pilsētas, pagasta vai novada ATVK kods, kurā atrodas vieta (vai pakalpojuma teritorija).',
      },
      ru: {
        name: 'Территория ATVK',
        description: 'Код ATVK города, волости или края, где находится место (или территория услуги).',
      },
    },
  },
  {
    id: termId(10),
    code: 'external_reference',
    appliesTo: [],
    words: {
      en: {
        name: 'Reference outside the registry',
        description:
          'Internal: a reference field (link_type) whose record (value) is not in the registry yet; exports show it in its field again.',
      },
      lv: {
        name: 'Atsauce ārpus reģistra',
        description:
          'Iekšējs: atsauces lauks (link_type), kura ieraksta (value) reģistrā vēl nav; eksportā tas atkal ir savā laukā.',
      },
      ru: {
        name: 'Ссылка вне реестра',
        description:
          'Служебный: поле-ссылка (link_type), записи которой (value) ещё нет в реестре; при экспорте она снова в своём поле.',
      },
    },
  },
  {
    id: termId(11),
    code: 'translation_ru',
    appliesTo: ['organization', 'service'],
    words: {
      en: {
        name: 'Text in Russian',
        description:
          'The Russian text of the record field named in link_type (name, description, eligibility_description, required_documents, application_process, fees_description, hours_note); lists one entry a line.',
      },
      lv: {
        name: 'Teksts krieviski',
        description:
          'Ieraksta lauka, kas nosaukts link_type, teksts krievu valodā; saraksti — katrs ieraksts savā rindā.',
      },
      ru: {
        name: 'Текст по-русски',
        description: 'Текст поля записи, названного в link_type, на русском языке; списки — по одному пункту в строке.',
      },
    },
  },
  {
    id: termId(12),
    code: 'translation_en',
    appliesTo: ['organization', 'service'],
    words: {
      en: {
        name: 'Text in English',
        description:
          'The English text of the record field named in link_type (name, description, eligibility_description, required_documents, application_process, fees_description, hours_note); lists one entry a line.',
      },
      lv: {
        name: 'Teksts angliski',
        description:
          'Ieraksta lauka, kas nosaukts link_type, teksts angļu valodā; saraksti — katrs ieraksts savā rindā.',
      },
      ru: {
        name: 'Текст по-английски',
        description:
          'Текст поля записи, названного в link_type, на английском языке; списки — по одному пункту в строке.',
      },
    },
  },
  // The person's right to a service (entitlement.ts). Numbered from 31, apart from the first ten, so terms that
  // other changes add next to those do not collide.
  {
    id: termId(31),
    code: 'legal_basis_act',
    appliesTo: ['service'],
    words: {
      en: {
        name: 'Legal basis',
        description: "The law or the municipality's binding regulation that gives a person the right to the service.",
      },
      lv: {
        name: 'Tiesiskais pamats',
        description: 'Likums vai pašvaldības saistošie noteikumi, kas dod cilvēkam tiesības uz pakalpojumu.',
      },
      ru: {
        name: 'Правовое основание',
        description: 'Закон или обязательные правила самоуправления, которые дают человеку право на услугу.',
      },
    },
  },
  {
    id: termId(32),
    code: 'legal_basis_article',
    appliesTo: ['service'],
    words: {
      en: { name: 'Article', description: 'The article or paragraph of the legal basis.' },
      lv: { name: 'Pants', description: 'Tiesiskā pamata pants vai punkts.' },
      ru: { name: 'Статья', description: 'Статья или пункт правового основания.' },
    },
  },
  {
    id: termId(33),
    code: 'legal_basis_url',
    appliesTo: ['service'],
    words: {
      en: { name: 'Legal text', description: 'A link (http or https) to the text of the legal basis.' },
      lv: { name: 'Tiesību akta teksts', description: 'Saite (http vai https) uz tiesiskā pamata tekstu.' },
      ru: { name: 'Текст акта', description: 'Ссылка (http или https) на текст правового основания.' },
    },
  },
  {
    id: termId(34),
    code: 'benefit_amount',
    appliesTo: ['service'],
    words: {
      en: { name: 'Benefit amount', description: 'For a benefit: how much, in words ("up to 150 EUR").' },
      lv: { name: 'Pabalsta apmērs', description: 'Pabalstam: cik liels, vārdiem ("līdz 150 EUR").' },
      ru: { name: 'Размер пособия', description: 'Для пособия: сколько, словами («до 150 EUR»).' },
    },
  },
  {
    id: termId(35),
    code: 'benefit_limits',
    appliesTo: ['service'],
    words: {
      en: { name: 'Benefit limits', description: 'For a benefit: its conditions and limits, in words.' },
      lv: { name: 'Pabalsta nosacījumi', description: 'Pabalstam: nosacījumi un ierobežojumi, vārdiem.' },
      ru: { name: 'Условия пособия', description: 'Для пособия: условия и ограничения, словами.' },
    },
  },
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
