import type { MessageCatalog } from '../core/i18n.js';

/** How a listing text shown in Latvian instead of the reader's language is marked, and the staff form's words. */
export const listingTextMessages: MessageCatalog = {
  lv: {
    'listing.in_latvian': '(latviski)',
    'listing.translations.ru': 'Krieviski',
    'listing.translations.en': 'Angliski',
    'listing.translations.legend': 'Tulkojumi (nav obligāti)',
    'listing.translations.hint': 'Ja tulkojuma nav, krievu un angļu lapās rāda latvisko tekstu ar atzīmi "latviski".',
    'listing.field.name': 'Nosaukums',
    'listing.field.description': 'Apraksts',
    'listing.field.eligibility_description': 'Piezīme par to, kam palīdz',
    'listing.field.required_documents': 'Kas jāņem līdzi (katrs savā rindā)',
    'listing.field.application_process': 'Kā pieteikties',
    'listing.field.fees_description': 'Maksa',
    'listing.field.hours_note': 'Piezīme par darba laiku',
  },
  ru: {
    'listing.in_latvian': '(по-латышски)',
    'listing.translations.ru': 'По-русски',
    'listing.translations.en': 'По-английски',
    'listing.translations.legend': 'Переводы (не обязательно)',
    'listing.translations.hint':
      'Если перевода нет, на русских и английских страницах показан латышский текст с пометкой «по-латышски».',
    'listing.field.name': 'Название',
    'listing.field.description': 'Описание',
    'listing.field.eligibility_description': 'Примечание о том, кому помогают',
    'listing.field.required_documents': 'Что взять с собой (каждое на новой строке)',
    'listing.field.application_process': 'Как обратиться',
    'listing.field.fees_description': 'Плата',
    'listing.field.hours_note': 'Примечание о часах работы',
  },
  en: {
    'listing.in_latvian': '(in Latvian)',
    'listing.translations.ru': 'In Russian',
    'listing.translations.en': 'In English',
    'listing.translations.legend': 'Translations (optional)',
    'listing.translations.hint':
      'Where there is no translation, the Russian and English pages show the Latvian text marked "in Latvian".',
    'listing.field.name': 'Name',
    'listing.field.description': 'Description',
    'listing.field.eligibility_description': 'Note on who can get help',
    'listing.field.required_documents': 'What to bring (one item a line)',
    'listing.field.application_process': 'How to apply',
    'listing.field.fees_description': 'Fees',
    'listing.field.hours_note': 'Note on opening hours',
  },
};
