import type { MessageCatalog } from '../core/i18n.js';

// The words of the phone-sized results (emergency strip, distance groups, the folded "won't help" line), "did you
// mean" for place names, and the map links. Plain language, as in finder.messages.ts.

/** The finder's words for the short results, the emergency strip, place suggestions and map links. */
export const finderPhoneMessages: MessageCatalog = {
  lv: {
    'finder.form.more_needs': 'Citi palīdzības veidi',
    'finder.emergency.title': 'Ja palīdzība vajadzīga tūlīt',
    'finder.emergency.line_112': '– briesmas, slimība, ugunsgrēks, policija',
    'finder.emergency.line_crisis': '– krīzes un emocionālā atbalsta tālrunis, visu diennakti, bez maksas',
    'finder.emergency.social': '– sociālais dienests: {name}',
    'finder.emergency.after_hours': 'ārpus darba laika',
    'finder.emergency.social_unknown': 'Sociālā dienesta tālruni vietai {place} mums vēl nav; zvaniet 112.',
    'finder.emergency.social_choose_place':
      'Ierakstiet vietu, kur esat, un te būs tās pašvaldības sociālā dienesta tālrunis.',
    'finder.results.near_title': 'Tuvumā',
    'finder.results.places_title': 'Kur palīdz',
    'finder.results.far_title': 'Tālāk par {km} km',
    'finder.results.far_summary': {
      zero: 'Vēl {count} vietas tālāk par {km} km',
      one: 'Vēl {count} vieta tālāk par {km} km',
      other: 'Vēl {count} vietas tālāk par {km} km',
    },
    'finder.results.not_eligible_summary': {
      zero: '{count} vietas jums nepalīdzēs – kāpēc?',
      one: '{count} vieta jums nepalīdzēs – kāpēc?',
      other: '{count} vietas jums nepalīdzēs – kāpēc?',
    },
    'finder.card.distance_here': '{place} – tur, kur esat',
    'finder.card.distance_km': '{place}, apmēram {km} km',
    'finder.choose.did_you_mean': 'Vai domājāt šo vietu?',
    'finder.choose.did_you_mean_intro': 'Neatradām vietu “{text}”. Varbūt domājāt kādu no šīm?',
    'map.open_in_maps': 'Atvērt kartē',
    'map.open_street_map': 'OpenStreetMap',
  },
  ru: {
    'finder.form.more_needs': 'Другие виды помощи',
    'finder.emergency.title': 'Если помощь нужна сейчас',
    'finder.emergency.line_112': '– опасность, болезнь, пожар, полиция',
    'finder.emergency.line_crisis': '– кризисный телефон и эмоциональная поддержка, круглосуточно, бесплатно',
    'finder.emergency.social': '– социальная служба: {name}',
    'finder.emergency.after_hours': 'в нерабочее время',
    'finder.emergency.social_unknown': 'Телефона социальной службы для места {place} у нас пока нет; звоните 112.',
    'finder.emergency.social_choose_place':
      'Напишите, где вы находитесь, и здесь будет телефон социальной службы этого самоуправления.',
    'finder.results.near_title': 'Рядом',
    'finder.results.places_title': 'Где помогают',
    'finder.results.far_title': 'Дальше {km} км',
    'finder.results.far_summary': {
      one: 'Ещё {count} место дальше {km} км',
      few: 'Ещё {count} места дальше {km} км',
      many: 'Ещё {count} мест дальше {km} км',
      other: 'Ещё {count} места дальше {km} км',
    },
    'finder.results.not_eligible_summary': {
      one: '{count} место вам не поможет – почему?',
      few: '{count} места вам не помогут – почему?',
      many: '{count} мест вам не помогут – почему?',
      other: '{count} места вам не помогут – почему?',
    },
    'finder.card.distance_here': '{place} – там, где вы',
    'finder.card.distance_km': '{place}, примерно {km} км',
    'finder.choose.did_you_mean': 'Вы имели в виду это место?',
    'finder.choose.did_you_mean_intro': 'Мы не нашли место «{text}». Может быть, вы имели в виду одно из этих?',
    'map.open_in_maps': 'Открыть на карте',
    'map.open_street_map': 'OpenStreetMap',
  },
  en: {
    'finder.form.more_needs': 'Other kinds of help',
    'finder.emergency.title': 'If you need help now',
    'finder.emergency.line_112': '– danger, illness, fire, police',
    'finder.emergency.line_crisis': '– crisis and emotional support line, day and night, free',
    'finder.emergency.social': '– social service: {name}',
    'finder.emergency.after_hours': 'after hours',
    'finder.emergency.social_unknown': 'We do not have a social service number for {place} yet; call 112.',
    'finder.emergency.social_choose_place':
      'Type the place where you are, and the number of its social service will be here.',
    'finder.results.near_title': 'Nearby',
    'finder.results.places_title': 'Where you can get help',
    'finder.results.far_title': 'More than {km} km away',
    'finder.results.far_summary': {
      one: '{count} more place over {km} km away',
      other: '{count} more places over {km} km away',
    },
    'finder.results.not_eligible_summary': {
      one: '{count} place will not help you – why?',
      other: '{count} places will not help you – why?',
    },
    'finder.card.distance_here': '{place}, where you are',
    'finder.card.distance_km': '{place}, about {km} km',
    'finder.choose.did_you_mean': 'Did you mean this place?',
    'finder.choose.did_you_mean_intro': 'We found no place called “{text}”. Did you mean one of these?',
    'map.open_in_maps': 'Open in maps',
    'map.open_street_map': 'OpenStreetMap',
  },
};
