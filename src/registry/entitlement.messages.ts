import type { MessageCatalog } from '../core/i18n.js';

// The person's right to a service (entitlement.ts): the staff form's fields, and the words the finder, the
// institution pages and the plan use to say "this is your right under …". Plain language for the public side.

/** The legal basis and benefit fields of a service, and how the public pages say them. */
export const entitlementMessages: MessageCatalog = {
  lv: {
    'registry.entitlement.legend': 'Tiesības uz pakalpojumu',
    'registry.entitlement.hint':
      'Ja likums vai pašvaldības saistošie noteikumi dod cilvēkam tiesības uz šo pakalpojumu, norādiet tos. Pabalstam norādiet arī apmēru un nosacījumus.',
    'registry.field.legal_basis_act': 'Tiesību akts',
    'registry.field.legal_basis_article': 'Pants vai punkts',
    'registry.field.legal_basis_url': 'Saite uz tiesību aktu',
    'registry.field.benefit_amount': 'Pabalsta apmērs',
    'registry.field.benefit_limits': 'Pabalsta nosacījumi un ierobežojumi',
    'registry.hint.legal_basis_act':
      'Likums vai saistošie noteikumi, piemēram, "Sociālo pakalpojumu un sociālās palīdzības likums".',
    'registry.hint.legal_basis_article': 'Piemēram, "35. panta otrā daļa" vai "3. punkts".',
    'registry.hint.legal_basis_url': 'Adrese, kas sākas ar https:// vai http://, piemēram, likumi.lv saite.',
    'registry.hint.benefit_amount': 'Piemēram, "līdz 150 EUR".',
    'registry.hint.benefit_limits': 'Piemēram, "vienu reizi; jāpieprasa mēneša laikā pēc atbrīvošanas".',
    'registry.error.legal_basis_url': 'Ierakstiet saiti, kas sākas ar https:// vai http://.',
    'registry.error.legal_basis_act': 'Ierakstiet arī tiesību aktu, kuram pieder šis pants.',
    'right.title': 'Jūsu tiesības',
    'right.under': 'Tās ir jūsu tiesības saskaņā ar: {basis}.',
    'right.benefit': 'Pabalsts',
    'right.amount': 'Apmērs: {amount}.',
    'right.limits': 'Nosacījumi: {limits}.',
    'right.read': 'Lasīt tiesību aktu',
  },
  ru: {
    'registry.entitlement.legend': 'Право на услугу',
    'registry.entitlement.hint':
      'Если закон или обязательные правила самоуправления дают человеку право на эту услугу, укажите их. Для пособия укажите также размер и условия.',
    'registry.field.legal_basis_act': 'Правовой акт',
    'registry.field.legal_basis_article': 'Статья или пункт',
    'registry.field.legal_basis_url': 'Ссылка на правовой акт',
    'registry.field.benefit_amount': 'Размер пособия',
    'registry.field.benefit_limits': 'Условия и ограничения пособия',
    'registry.hint.legal_basis_act':
      'Закон или обязательные правила, например «Sociālo pakalpojumu un sociālās palīdzības likums».',
    'registry.hint.legal_basis_article': 'Например, «35. panta otrā daļa» или «3. punkts».',
    'registry.hint.legal_basis_url': 'Адрес, который начинается с https:// или http://, например ссылка на likumi.lv.',
    'registry.hint.benefit_amount': 'Например, «до 150 EUR».',
    'registry.hint.benefit_limits': 'Например, «один раз; просить в течение месяца после освобождения».',
    'registry.error.legal_basis_url': 'Напишите ссылку, которая начинается с https:// или http://.',
    'registry.error.legal_basis_act': 'Напишите и правовой акт, к которому относится эта статья.',
    'right.title': 'Ваше право',
    'right.under': 'Это ваше право по: {basis}.',
    'right.benefit': 'Пособие',
    'right.amount': 'Размер: {amount}.',
    'right.limits': 'Условия: {limits}.',
    'right.read': 'Читать правовой акт',
  },
  en: {
    'registry.entitlement.legend': 'Right to the service',
    'registry.entitlement.hint':
      "If a law or the municipality's binding regulations give a person the right to this service, name them. For a benefit, give its amount and limits too.",
    'registry.field.legal_basis_act': 'Law or regulation',
    'registry.field.legal_basis_article': 'Article or paragraph',
    'registry.field.legal_basis_url': 'Link to the law or regulation',
    'registry.field.benefit_amount': 'Benefit amount',
    'registry.field.benefit_limits': 'Benefit conditions and limits',
    'registry.hint.legal_basis_act':
      'A law or binding regulations, for example "Sociālo pakalpojumu un sociālās palīdzības likums".',
    'registry.hint.legal_basis_article': 'For example "35. panta otrā daļa" or "3. punkts".',
    'registry.hint.legal_basis_url': 'An address starting with https:// or http://, such as a likumi.lv link.',
    'registry.hint.benefit_amount': 'For example "up to 150 EUR".',
    'registry.hint.benefit_limits': 'For example "once; ask within a month of release".',
    'registry.error.legal_basis_url': 'Write a link that starts with https:// or http://.',
    'registry.error.legal_basis_act': 'Write the law or regulation this article belongs to as well.',
    'right.title': 'Your right',
    'right.under': 'This is your right under {basis}.',
    'right.benefit': 'Benefit',
    'right.amount': 'Amount: {amount}.',
    'right.limits': 'Limits: {limits}.',
    'right.read': 'Read the law',
  },
};
