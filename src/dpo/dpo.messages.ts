import type { MessageCatalog } from '../core/i18n.js';

/** Words of the data protection officer's pages: a person's data, exported or erased. */
export const dpoMessages: MessageCatalog = {
  lv: {
    'dpo.nav': 'Datu aizsardzība',
    'dpo.title': 'Datu subjekta tiesības',
    'dpo.intro':
      'Izsniegt cilvēkam visu, kas par viņu glabājas, un kas to skatīja vai saņēma (VDAR 15. pants), vai dzēst viņa datus (17. pants). Katra darbība tiek ierakstīta auditā.',
    'dpo.person_id': 'Cilvēka identifikators',
    'dpo.person_id_hint': 'No nosūtījuma vai cilvēka lapas (vārdi šeit netiek meklēti).',
    'dpo.export': 'Lejupielādēt visus datus (JSON)',
    'dpo.erase.title': 'Dzēst cilvēka datus',
    'dpo.erase.intro':
      'Tiek iznīcināta cilvēka datu atslēga: vārds, kods, kontakti un piezīmes vairs nav nolasāmi nekur, arī rezerves kopijās. Skaitļi plānotājiem paliek.',
    'dpo.erase.reason': 'Iemesls',
    'dpo.erase.confirm': 'Es saprotu, ka to nevar atsaukt',
    'dpo.erase.submit': 'Dzēst',
    'dpo.erased': 'Dati dzēsti.',
    'dpo.error.unknown_person': 'Cilvēks ar šādu identifikatoru nav atrasts.',
    'dpo.error.confirm': 'Lūdzu, apstipriniet, ka saprotat, ka dzēšanu nevar atsaukt.',
    'dpo.error.reason': 'Lūdzu, norādiet iemeslu.',
  },
  ru: {
    'dpo.nav': 'Защита данных',
    'dpo.title': 'Права субъекта данных',
    'dpo.intro':
      'Выдать человеку всё, что о нём хранится, и кто это смотрел или получал (ст. 15 GDPR), или удалить его данные (ст. 17). Каждое действие записывается в аудит.',
    'dpo.person_id': 'Идентификатор человека',
    'dpo.person_id_hint': 'Со страницы направления или человека (имена здесь не ищутся).',
    'dpo.export': 'Скачать все данные (JSON)',
    'dpo.erase.title': 'Удалить данные человека',
    'dpo.erase.intro':
      'Уничтожается ключ данных человека: имя, код, контакты и заметки больше нигде не читаются, в том числе в резервных копиях. Цифры для планирования остаются.',
    'dpo.erase.reason': 'Причина',
    'dpo.erase.confirm': 'Я понимаю, что это нельзя отменить',
    'dpo.erase.submit': 'Удалить',
    'dpo.erased': 'Данные удалены.',
    'dpo.error.unknown_person': 'Человек с таким идентификатором не найден.',
    'dpo.error.confirm': 'Подтвердите, что понимаете: удаление нельзя отменить.',
    'dpo.error.reason': 'Укажите причину.',
  },
  en: {
    'dpo.nav': 'Data protection',
    'dpo.title': 'Data subject rights',
    'dpo.intro':
      'Give a person everything held about them, with who read or received it (GDPR Art. 15), or erase their data (Art. 17). Each action is audited.',
    'dpo.person_id': 'Person id',
    'dpo.person_id_hint': 'From the referral or person page (names are not searched here).',
    'dpo.export': 'Download all data (JSON)',
    'dpo.erase.title': "Erase a person's data",
    'dpo.erase.intro':
      "The person's data key is destroyed: name, code, contacts and notes can no longer be read anywhere, backups included. The planners' counts stay.",
    'dpo.erase.reason': 'Reason',
    'dpo.erase.confirm': 'I understand this cannot be undone',
    'dpo.erase.submit': 'Erase',
    'dpo.erased': 'The data is erased.',
    'dpo.error.unknown_person': 'No person has this id.',
    'dpo.error.confirm': 'Please confirm you understand erasure cannot be undone.',
    'dpo.error.reason': 'Please give a reason.',
  },
};
