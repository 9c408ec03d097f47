// Codebooks: the answer categories of each block's "what exactly do you provide" question and of the
// "cooperation with whom" questions. Categories come from the 2004 study's own grouping of the answers it quotes
// (sections 2–11); rules are written as ordinary Latvian words (any case, any ending, with or without
// diacritics — see coding.ts), with a few Russian and English words for answers given in those languages.
import type { Language } from '../core/language.js';
import type { Block } from './questions.js';

/**
 * Kinds of help that cut across blocks, so the report can say which form of help is most widespread
 * (the study's conclusion 8: information).
 */
export type Theme = 'information' | 'money' | 'in_kind' | 'referral' | 'counselling' | 'accommodation';
export const themes: readonly Theme[] = ['information', 'money', 'in_kind', 'referral', 'counselling', 'accommodation'];

export type CodebookCategory = {
  code: string;
  label: Record<Language, string>;
  /** Each rule is words that must all occur; a category matches when any of its rules does. */
  rules: readonly string[];
  themes?: readonly Theme[];
};

/** Categories counted together, as the study does when it says "in 55 of 68 cases the help was material". */
export type CodebookGroup = { code: string; label: Record<Language, string>; categories: readonly string[] };

export type Codebook = { key: string; categories: readonly CodebookCategory[]; groups: readonly CodebookGroup[] };

const other: CodebookCategory = { code: 'other', label: { lv: 'Cits', ru: 'Другое', en: 'Other' }, rules: [] };

function codebook(key: string, categories: CodebookCategory[], groups: CodebookGroup[] = []): Codebook {
  return { key, categories: [...categories, other], groups };
}

const documents = codebook(
  'documents',
  [
    {
      code: 'cash_benefit',
      label: {
        lv: 'Vienreizējs vai naudas pabalsts',
        ru: 'Единовременное или денежное пособие',
        en: 'One-off or cash benefit',
      },
      rules: ['pabalsts', 'materiāla palīdzība', 'naudas', 'пособие', 'benefit'],
      themes: ['money'],
    },
    {
      code: 'fee_or_photos_paid',
      label: {
        lv: 'Apmaksā valsts nodevu vai pases fotogrāfijas',
        ru: 'Оплата госпошлины или фотографий',
        en: 'State fee or passport photos paid',
      },
      rules: ['valsts nodeva', 'fotogrāfija', 'apmaksa', 'госпошлина', 'фотографии', 'fee', 'photo'],
      themes: ['money'],
    },
    {
      code: 'information',
      label: {
        lv: 'Informācija par dokumentu kārtošanu',
        ru: 'Информация об оформлении документов',
        en: 'Information on sorting out documents',
      },
      rules: ['informācija', 'информация', 'information'],
      themes: ['information'],
    },
    {
      code: 'certificates',
      label: { lv: 'Izziņu izsniegšana', ru: 'Выдача справок', en: 'Certificates issued' },
      rules: ['izziņa', 'справка', 'certificate'],
      themes: ['in_kind'],
    },
    {
      code: 'archive_search',
      label: { lv: 'Dokumentu meklēšana arhīvā', ru: 'Поиск документов в архиве', en: 'Search in the archive' },
      rules: ['arhīvs', 'архив', 'archive'],
      themes: ['in_kind'],
    },
    {
      code: 'transport',
      label: { lv: 'Transports', ru: 'Транспорт', en: 'Transport' },
      rules: ['transports', 'транспорт', 'transport'],
      themes: ['in_kind'],
    },
    {
      code: 'collecting_documents',
      label: { lv: 'Palīdz savākt dokumentus', ru: 'Помощь в сборе документов', en: 'Help collecting documents' },
      rules: ['savākt dokumentus', 'собрать документы', 'collect documents'],
      themes: ['in_kind'],
    },
    {
      code: 'residents_only',
      label: { lv: 'Tikai bijušajiem iedzīvotājiem', ru: 'Только бывшим жителям', en: 'Only for former residents' },
      rules: ['pirms ieslodzījuma dzīvojušas', 'deklarēta dzīvesvieta', 'жителям', 'residents'],
    },
  ],
  [
    {
      code: 'material',
      label: { lv: 'Materiāla palīdzība', ru: 'Материальная помощь', en: 'Material help' },
      categories: ['cash_benefit', 'fee_or_photos_paid'],
    },
  ],
);

const legal = codebook('legal', [
  {
    code: 'where_to_get_help',
    label: {
      lv: 'Kur lūgt palīdzību un pabalstus',
      ru: 'Куда обращаться за помощью и пособиями',
      en: 'Where to ask for help and benefits',
    },
    rules: ['vietas lūgt', 'vietām lūgt', 'pabalsts', 'куда обращаться', 'where to'],
    themes: ['information'],
  },
  {
    code: 'rights_and_legislation',
    label: { lv: 'Tiesības un normatīvie akti', ru: 'Права и законодательство', en: 'Rights and legislation' },
    rules: ['normatīvā bāze', 'likumdošana', 'законодательство', 'legislation'],
    themes: ['information'],
  },
  {
    code: 'housing_and_residence',
    label: {
      lv: 'Dzīvoklis, īre, mantojums, dzīvesvietas deklarēšana',
      ru: 'Жильё, аренда, наследство, декларирование места жительства',
      en: 'Housing, tenancy, inheritance, declared residence',
    },
    rules: ['dzīvokļa', 'mantojums', 'īre', 'deklarēšana', 'жильё', 'наследство', 'tenancy'],
    themes: ['information'],
  },
  {
    code: 'employment',
    label: { lv: 'Nodarbinātība', ru: 'Трудоустройство', en: 'Employment' },
    rules: ['nodarbinātība', 'трудоустройство', 'employment'],
    themes: ['information'],
  },
  {
    code: 'opening_hours',
    label: { lv: 'Iestāžu darba laiks', ru: 'Часы работы учреждений', en: 'Opening hours of institutions' },
    rules: ['darba laiks', 'часы работы', 'opening hours'],
    themes: ['information'],
  },
  {
    code: 'case_by_case',
    label: { lv: 'Katrs gadījums atšķirīgs', ru: 'Каждый случай особый', en: 'Every case is different' },
    rules: ['katrs gadījums', 'индивидуальный подход', 'every case'],
    themes: ['counselling'],
  },
]);

const employment = codebook('employment', [
  {
    code: 'vacancies',
    label: { lv: 'Vakances un darba piedāvājumi', ru: 'Вакансии и предложения работы', en: 'Vacancies and job offers' },
    rules: ['vakantās vietas', 'darbu piedāvājumi', 'вакансии', 'vacancies'],
    themes: ['information'],
  },
  {
    code: 'employment_agency',
    label: {
      lv: 'Ar Nodarbinātības valsts aģentūru (NVA)',
      ru: 'Через агентство занятости',
      en: 'Through the State Employment Agency',
    },
    rules: ['nodarbinātības dienests', 'NVA', 'агентство занятости', 'employment agency'],
    themes: ['referral'],
  },
  {
    code: 'training',
    label: {
      lv: 'Kursi, profesija, pārkvalifikācija',
      ru: 'Курсы, профессия, переквалификация',
      en: 'Courses, a profession, retraining',
    },
    rules: ['kursi', 'profesija', 'pārkvalificēties', 'курсы', 'профессия', 'training'],
    themes: ['information'],
  },
  {
    code: 'public_works',
    label: { lv: 'Sabiedriski derīgais darbs', ru: 'Общественно полезные работы', en: 'Socially useful work' },
    rules: ['sabiedriski derīgais darbs', 'общественные работы', 'public works'],
    themes: ['in_kind'],
  },
  {
    code: 'advice',
    label: { lv: 'Konsultācijas un ieteikumi', ru: 'Консультации и советы', en: 'Advice and consultations' },
    rules: ['konsultācijas', 'ieteikumi', 'консультации', 'advice'],
    themes: ['counselling'],
  },
  {
    code: 'employer_contacts',
    label: { lv: 'Kontakti ar darba devējiem', ru: 'Контакты с работодателями', en: 'Contacts with employers' },
    rules: ['darba devēji', 'zemnieki', 'работодатели', 'employers'],
    themes: ['referral'],
  },
  {
    code: 'advertisements',
    label: { lv: 'Bezmaksas sludinājumi', ru: 'Бесплатные объявления', en: 'Free advertisements' },
    rules: ['sludinājumi', 'объявления', 'advertisements'],
    themes: ['in_kind'],
  },
  {
    code: 'job_search_benefit',
    label: { lv: 'Pabalsts darba meklēšanai', ru: 'Пособие на поиск работы', en: 'Benefit for job seeking' },
    rules: ['pabalsts', 'пособие', 'benefit'],
    themes: ['money'],
  },
]);

const material = codebook('material', [
  {
    code: 'one_off_benefit',
    label: { lv: 'Vienreizējs pabalsts', ru: 'Единовременное пособие', en: 'One-off benefit' },
    rules: ['vienreizējs pabalsts', 'единовременное пособие', 'one-off benefit'],
    themes: ['money'],
  },
  {
    code: 'social_benefits',
    label: { lv: 'Sociālie un naudas pabalsti', ru: 'Социальные и денежные пособия', en: 'Social and cash benefits' },
    rules: [
      'sociālajiem pabalstiem',
      'naudas pabalsti',
      'garantētā minimālā ienākumu',
      'денежные пособия',
      'social benefits',
    ],
    themes: ['money'],
  },
  {
    code: 'clothing',
    label: {
      lv: 'Apģērbs, apavi, gultas veļa',
      ru: 'Одежда, обувь, постельное бельё',
      en: 'Clothing, footwear, bed linen',
    },
    rules: ['apģērbs', 'apavi', 'gultas veļa', 'одежда', 'обувь', 'clothing'],
    themes: ['in_kind'],
  },
  {
    code: 'utilities',
    label: {
      lv: 'Komunālo maksājumu kompensācija',
      ru: 'Компенсация коммунальных платежей',
      en: 'Utility bills compensated',
    },
    rules: ['komunālie maksājumi', 'коммунальные', 'utility'],
    themes: ['money'],
  },
  {
    code: 'shelter_and_housing',
    label: { lv: 'Patversme un dzīvojamā platība', ru: 'Приют и жильё', en: 'Shelter and living space' },
    rules: ['patversme', 'dzīvojamā platība', 'приют', 'shelter'],
    themes: ['accommodation'],
  },
  {
    code: 'humanitarian_aid',
    label: { lv: 'Humānā palīdzība', ru: 'Гуманитарная помощь', en: 'Humanitarian aid' },
    rules: ['humānā palīdzība', 'гуманитарная', 'humanitarian'],
    themes: ['in_kind'],
  },
  {
    code: 'everyday_problems',
    label: {
      lv: 'Palīdz sakārtot sadzīves problēmas',
      ru: 'Помощь в бытовых проблемах',
      en: 'Help with everyday problems',
    },
    rules: ['sadzīves problēmas', 'бытовые', 'everyday'],
    themes: ['counselling'],
  },
  {
    code: 'shower_and_firewood',
    label: { lv: 'Duša, malka', ru: 'Душ, дрова', en: 'Shower, firewood' },
    rules: ['duša', 'malka', 'душ', 'дрова', 'shower', 'firewood'],
    themes: ['in_kind'],
  },
  {
    code: 'meals',
    label: { lv: 'Bezmaksas ēdināšana', ru: 'Бесплатное питание', en: 'Free meals' },
    rules: ['ēdināšana', 'zupa', 'питание', 'meals'],
    themes: ['in_kind'],
  },
]);

const housing = codebook('housing', [
  {
    code: 'previous_residence',
    label: {
      lv: 'Iepriekšējā dzīvesvieta saglabāta',
      ru: 'Прежнее место жительства',
      en: 'Previous place of residence kept',
    },
    rules: ['iepriekšējā dzīvesvieta', 'прежнее место', 'previous residence'],
    themes: ['accommodation'],
  },
  {
    code: 'housing_commission',
    label: {
      lv: 'Trūcīgas personas statuss, dzīvokļu komisija',
      ru: 'Статус малоимущего, жилищная комиссия',
      en: 'Needy-person status, housing commission',
    },
    rules: ['dzīvokļu komisija', 'trūcīgas personas', 'жилищная комиссия', 'housing commission'],
    themes: ['referral'],
  },
  {
    code: 'information',
    label: { lv: 'Informācija par dzīvojamo platību', ru: 'Информация о жилье', en: 'Information on living space' },
    rules: ['informācija', 'информация', 'information'],
    themes: ['information'],
  },
  {
    code: 'flat_allocated',
    label: {
      lv: 'Piešķir dzīvokli vai īres tiesības',
      ru: 'Выделяют квартиру или право аренды',
      en: 'A flat or tenancy allocated',
    },
    rules: ['piešķir dzīvokli', 'brīvos dzīvokļus', 'derīga platība', 'īres tiesības', 'квартиру', 'flat'],
    themes: ['accommodation'],
  },
  {
    code: 'social_housing',
    label: { lv: 'Sociālā māja', ru: 'Социальный дом', en: 'Social housing' },
    rules: ['sociālajā mājā', 'социальный дом', 'social housing'],
    themes: ['accommodation'],
  },
  {
    code: 'waiting_list',
    label: { lv: 'Dzīvokļu rinda, reģistrs', ru: 'Очередь на жильё', en: 'Housing waiting list' },
    rules: ['rinda', 'reģistrs', 'очередь', 'waiting list'],
    themes: ['referral'],
  },
  {
    code: 'night_shelter',
    label: { lv: 'Nakts patversme', ru: 'Ночной приют', en: 'Night shelter' },
    rules: ['patversme', 'ночлежка', 'приют', 'shelter'],
    themes: ['accommodation'],
  },
  {
    code: 'search_help',
    label: { lv: 'Palīdz meklēt', ru: 'Помогают искать', en: 'Help with searching' },
    rules: ['palīdz meklēt', 'помогают искать', 'help searching'],
    themes: ['referral'],
  },
]);

const drugs = codebook('drugs', [
  {
    code: 'referral_to_doctor',
    label: {
      lv: 'Nosūta pie ārsta vai uz ārstēšanos',
      ru: 'Направляют к врачу или на лечение',
      en: 'Referral to a doctor or treatment',
    },
    rules: ['doktorāts', 'sūtam ārstēšanos', 'врач', 'doctor'],
    themes: ['referral'],
  },
  {
    code: 'motivation_and_counselling',
    label: {
      lv: 'Motivācija, konsultācijas, psiholoģiskā palīdzība',
      ru: 'Мотивация, консультации, психологическая помощь',
      en: 'Motivation, counselling, psychological help',
    },
    rules: [
      'motivācija',
      'konsultācijas',
      'psiholoģiskā palīdzība',
      'psihosociāla',
      'мотивация',
      'консультации',
      'counselling',
    ],
    themes: ['counselling'],
  },
  {
    code: 'self_help_groups',
    label: { lv: 'Anonīmo narkomānu grupas', ru: 'Анонимные наркоманы', en: 'Narcotics Anonymous' },
    rules: ['anonīmo', 'анонимные', 'anonymous'],
    themes: ['counselling'],
  },
  {
    code: 'information_and_prevention',
    label: { lv: 'Informācija un profilakse', ru: 'Информация и профилактика', en: 'Information and prevention' },
    rules: ['informācija', 'informatīvie', 'profilaktoriskās', 'информация', 'information'],
    themes: ['information'],
  },
  {
    code: 'treatment_programme',
    label: {
      lv: 'Ārstēšanās un rehabilitācijas programmas',
      ru: 'Программы лечения и реабилитации',
      en: 'Treatment and rehabilitation programmes',
    },
    rules: ['programma', 'rehabilitācija', 'программа', 'реабилитация', 'programme'],
    themes: ['referral'],
  },
  {
    code: 'paid_services',
    label: {
      lv: 'Apmaksā pakalpojumus, pabalsts, transports',
      ru: 'Оплата услуг, пособие, транспорт',
      en: 'Services paid, benefit, transport',
    },
    rules: ['apmaksātus', 'pabalsts', 'transports', 'оплата', 'пособие', 'paid'],
    themes: ['money'],
  },
]);

const alcohol = codebook('alcohol', [
  {
    code: 'motivation_and_counselling',
    label: {
      lv: 'Motivācija, psiholoģiskā palīdzība, sociālais darbs',
      ru: 'Мотивация, психологическая помощь, социальная работа',
      en: 'Motivation, psychological help, social work',
    },
    rules: [
      'motivācija',
      'psiholoģiskā',
      'sociālais darbs',
      'psihoterapija',
      'konsultācijas',
      'мотивация',
      'консультации',
      'counselling',
    ],
    themes: ['counselling'],
  },
  {
    code: 'treatment_programme',
    label: {
      lv: 'Ārstēšanās programmas un rehabilitācija',
      ru: 'Программы лечения и реабилитация',
      en: 'Treatment programmes and rehabilitation',
    },
    rules: ['programma', 'rehabilitācija', 'программа', 'реабилитация', 'programme'],
    themes: ['referral'],
  },
  {
    code: 'information',
    label: { lv: 'Informācija par ārstēšanās iespējām', ru: 'Информация о лечении', en: 'Information on treatment' },
    rules: ['informācija', 'информация', 'information'],
    themes: ['information'],
  },
  {
    code: 'treatment_paid',
    label: {
      lv: 'Apmaksā ārstēšanos, zāles, transportu',
      ru: 'Оплата лечения, лекарств, транспорта',
      en: 'Treatment, medicines or transport paid',
    },
    rules: ['apmaksa', 'apmaksājam', 'pabalsts', 'транспорт', 'оплата', 'paid'],
    themes: ['money'],
  },
  {
    code: 'medical_cooperation',
    label: {
      lv: 'Sadarbība ar mediķiem un klubiem',
      ru: 'Сотрудничество с медиками и клубами',
      en: 'Cooperation with medics and clubs',
    },
    rules: ['sadarbība', 'mediķi', 'медики', 'medics'],
    themes: ['referral'],
  },
]);

const shelter = codebook('shelter', [
  {
    code: 'overnight_stay',
    label: {
      lv: 'Naktsmājas un dzīvošana patversmē',
      ru: 'Ночлег и проживание в приюте',
      en: 'Overnight stay, living in a shelter',
    },
    rules: ['nakšņošana', 'patversme', 'dzīvot', 'ночлег', 'приют', 'overnight', 'shelter'],
    themes: ['accommodation'],
  },
  {
    code: 'meals_and_hygiene',
    label: { lv: 'Ēdiens, apģērbs, higiēna', ru: 'Еда, одежда, гигиена', en: 'Meals, clothing, hygiene' },
    rules: ['brokastis', 'vakariņas', 'apģērbs', 'duša', 'higiēna', 'еда', 'душ', 'meals'],
    themes: ['in_kind'],
  },
  {
    code: 'documents_and_advice',
    label: {
      lv: 'Dokumentu kārtošana, konsultācijas',
      ru: 'Оформление документов, консультации',
      en: 'Documents and advice',
    },
    rules: ['dokumentu kārtošana', 'konsultācijas', 'документы', 'консультации', 'advice'],
    themes: ['counselling'],
  },
]);

const psychological = codebook('psychological', [
  {
    code: 'conversations',
    label: {
      lv: 'Sarunas ar sociālo darbinieku',
      ru: 'Беседы с социальным работником',
      en: 'Talks with a social worker',
    },
    rules: ['sarunas', 'aprunāties', 'беседы', 'talks'],
    themes: ['counselling'],
  },
  {
    code: 'psychologist',
    label: { lv: 'Psihologa apmeklējums', ru: 'Визит к психологу', en: 'Visits to a psychologist' },
    rules: ['apmeklēt psihologu', 'к психологу', 'psychologist'],
    themes: ['referral'],
  },
  {
    code: 'psychological_support',
    label: { lv: 'Psiholoģiskais atbalsts', ru: 'Психологическая поддержка', en: 'Psychological support' },
    rules: ['psiholoģiskais atbalsts', 'psiholoģiskā palīdzība', 'психологическая поддержка', 'psychological support'],
    themes: ['counselling'],
  },
  {
    code: 'consultations',
    label: {
      lv: 'Individuālas un grupu konsultācijas',
      ru: 'Индивидуальные и групповые консультации',
      en: 'Individual and group counselling',
    },
    rules: ['konsultācijas', 'konsultēšana', 'консультации', 'counselling'],
    themes: ['counselling'],
  },
  {
    code: 'therapy',
    label: {
      lv: 'Krīzes terapija un psihoterapija',
      ru: 'Кризисная терапия и психотерапия',
      en: 'Crisis therapy and psychotherapy',
    },
    rules: ['terapija', 'psihoterapija', 'терапия', 'therapy'],
    themes: ['counselling'],
  },
  {
    code: 'motivation_and_integration',
    label: {
      lv: 'Motivēšana un iekļaušanās sabiedrībā',
      ru: 'Мотивация и интеграция в общество',
      en: 'Motivation and integration into society',
    },
    rules: [
      'motivēšana',
      'motivācija',
      'integrēšanās',
      'sabiedriskos pasākumos',
      'мотивация',
      'интеграция',
      'integration',
    ],
    themes: ['counselling'],
  },
  {
    code: 'medical_cooperation',
    label: { lv: 'Sadarbība ar mediķiem', ru: 'Сотрудничество с медиками', en: 'Cooperation with medical staff' },
    rules: ['mediķiem', 'медики', 'medical'],
    themes: ['referral'],
  },
  {
    code: 'paid_services',
    label: {
      lv: 'Pašvaldības apmaksāti pakalpojumi',
      ru: 'Услуги, оплаченные самоуправлением',
      en: 'Services paid by the municipality',
    },
    rules: ['apmaksātus', 'оплаченные', 'paid'],
    themes: ['money'],
  },
]);

const otherHelp = codebook('other', [
  {
    code: 'parish_council',
    label: {
      lv: 'Viss pagasta padomes kompetencē',
      ru: 'Всё в компетенции волостного совета',
      en: 'Anything within the parish council’s remit',
    },
    rules: ['pagasta padomes', 'волостного совета', 'parish council'],
  },
  {
    code: 'medical',
    label: {
      lv: 'Medicīniskā palīdzība, ģimenes ārsts',
      ru: 'Медицинская помощь, семейный врач',
      en: 'Medical help, family doctor',
    },
    rules: ['medicīniskā', 'ģimenes ārsta', 'медицинская', 'medical'],
    themes: ['referral'],
  },
  {
    code: 'youth_information',
    label: { lv: 'Informācija jauniešiem', ru: 'Информация для молодёжи', en: 'Information for young people' },
    rules: ['informatīvais centrs', 'информационный центр', 'information centre'],
    themes: ['information'],
  },
  {
    code: 'soup_kitchen',
    label: { lv: 'Zupas virtuve', ru: 'Бесплатный суп', en: 'Soup kitchen' },
    rules: ['zupas virtuve', 'суп', 'soup'],
    themes: ['in_kind'],
  },
  {
    code: 'psychological',
    label: { lv: 'Psiholoģiskā palīdzība', ru: 'Психологическая помощь', en: 'Psychological help' },
    rules: ['psiholoģisko', 'психологическая', 'psychological'],
    themes: ['counselling'],
  },
  {
    code: 'integration',
    label: { lv: 'Integrācija sabiedrībā', ru: 'Интеграция в общество', en: 'Integration into society' },
    rules: ['integrācija', 'интеграция', 'integration'],
    themes: ['counselling'],
  },
  {
    code: 'laundry_and_shower',
    label: { lv: 'Veļas mazgāšana, duša', ru: 'Стирка, душ', en: 'Laundry, shower' },
    rules: ['izmazgāt', 'dušā', 'стирка', 'душ', 'laundry'],
    themes: ['in_kind'],
  },
  {
    code: 'social_work',
    label: {
      lv: 'Sociālā darbinieka konsultācijas',
      ru: 'Консультации социального работника',
      en: 'Social worker’s advice',
    },
    rules: ['sociālā darbinieka', 'социального работника', 'social worker'],
    themes: ['counselling'],
  },
]);

const programme = codebook(
  'programme',
  [
    {
      code: 'addiction_programme',
      label: {
        lv: 'Atkarību programma (“Zilais krusts”)',
        ru: 'Программа против зависимостей («Голубой крест»)',
        en: 'Addiction programme (“Blue Cross”)',
      },
      rules: ['zilais krusts', 'голубой крест', 'blue cross'],
      themes: ['referral'],
    },
    {
      code: 'life_skills',
      label: {
        lv: 'Dzīves prasmes un integrācija',
        ru: 'Жизненные навыки и интеграция',
        en: 'Life skills and integration',
      },
      rules: ['dzīves prasmju', 'жизненных навыков', 'life skills'],
      themes: ['counselling'],
    },
    {
      code: 'juvenile_reintegration',
      label: {
        lv: 'Nepilngadīgo likumpārkāpēju reintegrācija',
        ru: 'Реинтеграция несовершеннолетних',
        en: 'Reintegration of young offenders',
      },
      rules: ['nepilngadīgā', 'несовершеннолетних', 'juvenile'],
      themes: ['counselling'],
    },
    {
      code: 'financial_only',
      label: {
        lv: 'Tikai finansiāla palīdzība, pagaidu darbi',
        ru: 'Только финансовая помощь, временные работы',
        en: 'Only financial help, temporary public works',
      },
      rules: ['finansiālu', 'финансовая', 'financial'],
      themes: ['money'],
    },
    {
      code: 'in_development',
      label: { lv: 'Programma tiek izstrādāta', ru: 'Программа разрабатывается', en: 'Programme being developed' },
      rules: ['izstrādāta', 'разрабатывается', 'developed'],
    },
  ],
  [
    {
      code: 'comprehensive',
      label: { lv: 'Kompleksa programma', ru: 'Комплексная программа', en: 'A comprehensive programme' },
      categories: ['addiction_programme', 'life_skills'],
    },
  ],
);

/** The "what exactly do you provide" codebook of each block. */
export const providedCodebooks: Record<Block, Codebook> = {
  documents,
  legal,
  employment,
  material,
  housing,
  drugs,
  alcohol,
  shelter,
  psychological,
  other: otherHelp,
  programme,
};

/** Partners named in the "cooperation with whom is needed" answers of every block. */
export const partnerCodebook: Codebook = codebook('partners', [
  {
    code: 'pmlp',
    label: {
      lv: 'Pilsonības un migrācijas lietu pārvalde (PMLP)',
      ru: 'Управление по делам гражданства и миграции',
      en: 'Office of Citizenship and Migration Affairs (PMLP)',
    },
    rules: ['pilsonības migrācijas', 'PMLP', 'миграции', 'migration'],
  },
  {
    code: 'employment_agency',
    label: {
      lv: 'Nodarbinātības valsts aģentūra (NVA)',
      ru: 'Государственное агентство занятости',
      en: 'State Employment Agency (NVA)',
    },
    rules: ['nodarbinātības', 'NVA', 'занятости', 'employment agency'],
  },
  {
    code: 'medical',
    label: { lv: 'Ārstniecības iestādes un mediķi', ru: 'Медицинские учреждения', en: 'Medical institutions' },
    rules: ['ārstniecības', 'mediķi', 'slimnīca', 'narkologs', 'медицинские', 'medical'],
  },
  {
    code: 'lawyers',
    label: { lv: 'Advokāti un juristi', ru: 'Адвокаты и юристы', en: 'Advocates and lawyers' },
    rules: ['advokāts', 'jurists', 'адвокат', 'юрист', 'lawyer'],
  },
  {
    code: 'probation',
    label: { lv: 'Valsts probācijas dienests', ru: 'Служба пробации', en: 'State Probation Service' },
    rules: ['probācijas', 'пробации', 'probation'],
  },
  {
    code: 'ngos',
    label: {
      lv: 'Sabiedriskās organizācijas (NVO)',
      ru: 'Общественные организации',
      en: 'Non-governmental organisations',
    },
    rules: ['sabiedriskajām organizācijām', 'NVO', 'biedrība', 'общественные организации', 'NGO'],
  },
  {
    code: 'municipality',
    label: { lv: 'Pašvaldība', ru: 'Самоуправление', en: 'Municipality' },
    rules: ['pašvaldība', 'dome', 'самоуправление', 'municipality'],
  },
  {
    code: 'social_services',
    label: { lv: 'Sociālie dienesti', ru: 'Социальные службы', en: 'Social services' },
    rules: ['sociālajiem dienestiem', 'социальные службы', 'social services'],
  },
  {
    code: 'employers',
    label: { lv: 'Darba devēji', ru: 'Работодатели', en: 'Employers' },
    rules: ['darba devēji', 'работодатели', 'employers'],
  },
  {
    code: 'specialists',
    label: {
      lv: 'Psihologi un citi speciālisti',
      ru: 'Психологи и другие специалисты',
      en: 'Psychologists and other specialists',
    },
    rules: ['speciālisti', 'psihologi', 'специалисты', 'психологи', 'specialists'],
  },
  { code: 'police', label: { lv: 'Policija', ru: 'Полиция', en: 'Police' }, rules: ['policija', 'полиция', 'police'] },
  {
    code: 'prisons',
    label: { lv: 'Ieslodzījuma vietas', ru: 'Места заключения', en: 'Prisons' },
    rules: ['ieslodzījuma vietām', 'cietums', 'тюрьма', 'prison'],
  },
]);

/** The label of a category in the given language; codes unknown to the codebook are shown as they are. */
export function categoryLabel(codebook: Codebook, code: string, language: Language): string {
  const category =
    codebook.categories.find((candidate) => candidate.code === code) ??
    codebook.groups.find((group) => group.code === code);
  return category?.label[language] ?? code;
}
