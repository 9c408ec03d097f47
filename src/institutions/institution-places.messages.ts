import type { MessageCatalog } from '../core/i18n.js';

/** The words of an institution page's "where it is": the area a place lies in and its distance from the search. */
export const institutionPlacesMessages: MessageCatalog = {
  lv: {
    'institution.area': 'Apdzīvotā vieta',
    'institution.distance_from': 'Apmēram {km} km no vietas: {place}',
  },
  ru: {
    'institution.area': 'Населённый пункт',
    'institution.distance_from': 'Примерно {km} км от места: {place}',
  },
  en: {
    'institution.area': 'Town or parish',
    'institution.distance_from': 'About {km} km from {place}',
  },
};
