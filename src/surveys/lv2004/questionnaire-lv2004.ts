import type { Block, LocalizedText, Question, QuestionnaireDefinition } from '../questionnaire.schema.js';

// The 2004 questionnaire, reconstructed. The study's appendices (the form itself) are lost; its text quotes every
// main question in Latvian (the study is cited in docs/wave-2004.md) and reports each block's follow-ups: what was
// given exactly, whether the institution could give it with state support, and what it would need (staff, a sum, a
// partner, a change in the law). Latvian wording of the main questions is the study's, with its typos corrected
// ("Vai Jūs iestāde" → "Vai Jūsu iestāde"); follow-ups are worded from the study's own phrases. The question ids
// are a contract (CSV columns, analysis JSON): see docs/surveys.md.

export const lv2004QuestionnaireKey = 'lv-2004';

export const lv2004Title: LocalizedText = {
  lv: 'Personu, kas atbrīvojas no ieslodzījuma vietām, iespējas saņemt palīdzību (2004)',
  ru: 'Возможности получения помощи лицами, освобождающимися из мест заключения (2004)',
  en: 'Help available to people released from places of imprisonment (2004)',
};

/**
 * The same questions for the waves of today: the same ids (so CSV, analysis and comparisons across waves line up),
 * sums in euro only — Latvia has paid in euro since 2014 — and a title without the year 2004.
 */
export const lvCurrentQuestionnaireKey = 'lv-2026';

export const lvCurrentTitle: LocalizedText = {
  lv: 'Palīdzība personām, kas atbrīvojas no ieslodzījuma vietām: ko sniedz jūsu iestāde',
  ru: 'Помощь лицам, освобождающимся из мест заключения: что даёт ваше учреждение',
  en: 'Help for people released from places of imprisonment: what your institution gives',
};

type Currency = 'LVL' | 'EUR';
const currencyLabels: Record<Currency, LocalizedText> = {
  LVL: { lv: 'lati (Ls)', ru: 'латы (Ls)', en: 'lats (LVL)' },
  EUR: { lv: 'eiro (€)', ru: 'евро (€)', en: 'euro (EUR)' },
};

const yes = 'yes';

type HelpBlock = { id: string; title: LocalizedText; question: LocalizedText };

const helpBlocks: HelpBlock[] = [
  {
    id: 'documents',
    title: { lv: 'Pase un dokumenti', ru: 'Паспорт и документы', en: 'Passport and documents' },
    question: {
      lv: 'Vai Jūsu iestāde sniedz palīdzību personām, kuras atbrīvojušās no ieslodzījuma vietām, pases iegūšanā un ar to saistīto dokumentu kārtošanā (personas koda iegūšana, PSRS pases nomaiņa, dokumentu vākšana utt.)?',
      ru: 'Помогает ли ваше учреждение лицам, освободившимся из мест заключения, получить паспорт и оформить связанные с ним документы (получение персонального кода, замена паспорта СССР, сбор документов и т. п.)?',
      en: 'Does your institution help persons released from places of imprisonment to obtain a passport and arrange the related documents (obtaining a personal identity code, exchanging a USSR passport, collecting documents, etc.)?',
    },
  },
  {
    id: 'legal',
    title: { lv: 'Juridiskā palīdzība', ru: 'Юридическая помощь', en: 'Legal help' },
    question: {
      lv: 'Vai Jūsu iestāde sniedz juridisko palīdzību un konsultācijas personām, kuras atbrīvotas no ieslodzījuma vietām?',
      ru: 'Оказывает ли ваше учреждение юридическую помощь и консультации лицам, освобождённым из мест заключения?',
      en: 'Does your institution provide legal help and consultations to persons released from places of imprisonment?',
    },
  },
  {
    id: 'employment',
    title: { lv: 'Darba meklēšana', ru: 'Поиск работы', en: 'Finding work' },
    question: {
      lv: 'Vai Jūsu iestāde sniedz palīdzību personām, kuras atbrīvotas no ieslodzījuma vietām, darba meklēšanā un iekārtojoties darbā?',
      ru: 'Помогает ли ваше учреждение лицам, освобождённым из мест заключения, в поиске работы и трудоустройстве?',
      en: 'Does your institution help persons released from places of imprisonment to look for work and to get a job?',
    },
  },
  {
    id: 'material',
    title: { lv: 'Materiālā palīdzība', ru: 'Материальная помощь', en: 'Material help' },
    question: {
      lv: 'Vai Jūsu iestāde sniedz palīdzību personām, kuras ir atbrīvotas no ieslodzījuma vietām, to problēmu risināšanā, kas saistītas ar to, ka šīm personām nav naudas, iznākot no cietuma – palīdzat ar naudas pabalstu izsniegšanu, bezmaksas ēdināšanu, apģērba izsniegšanu, palīdzat nomaksāt komunālos maksājumus utt.?',
      ru: 'Помогает ли ваше учреждение лицам, освобождённым из мест заключения, решать проблемы, связанные с тем, что при выходе из тюрьмы у них нет денег, — денежными пособиями, бесплатным питанием, выдачей одежды, оплатой коммунальных платежей и т. п.?',
      en: 'Does your institution help persons released from places of imprisonment with the problems of having no money when they come out of prison – cash benefits, free meals, clothing, help paying utility bills, etc.?',
    },
  },
  {
    id: 'housing',
    title: { lv: 'Dzīvesvietas atrašana', ru: 'Поиск жилья', en: 'Finding a place to live' },
    question: {
      lv: 'Vai Jūsu iestāde palīdz personām, kuras ir atbrīvotas no ieslodzījuma vietām, atrast dzīvesvietu?',
      ru: 'Помогает ли ваше учреждение лицам, освобождённым из мест заключения, найти место жительства?',
      en: 'Does your institution help persons released from places of imprisonment to find a place to live?',
    },
  },
  {
    id: 'drugs',
    title: { lv: 'Narkomānijas ārstēšana', ru: 'Лечение наркозависимости', en: 'Treatment for drug addiction' },
    question: {
      lv: 'Vai Jūsu iestāde palīdz personām, kuras ir atbrīvotas no ieslodzījuma vietām, ārstēties no narkomānijas (motivācija, detoksikācija, medikamentozā ārstēšana, psiholoģiskā palīdzība utt.)?',
      ru: 'Помогает ли ваше учреждение лицам, освобождённым из мест заключения, лечиться от наркомании (мотивация, детоксикация, медикаментозное лечение, психологическая помощь и т. п.)?',
      en: 'Does your institution help persons released from places of imprisonment with treatment for drug addiction (motivation, detoxification, medication, psychological help, etc.)?',
    },
  },
  {
    id: 'alcohol',
    title: { lv: 'Alkoholisma ārstēšana', ru: 'Лечение алкоголизма', en: 'Treatment for alcoholism' },
    question: {
      lv: 'Vai Jūsu iestāde palīdz personām, kuras ir atbrīvotas no ieslodzījuma vietām, ārstēties no alkoholisma (motivācija, detoksikācija, medikamentozā ārstēšana, psiholoģiskā palīdzība utt.)?',
      ru: 'Помогает ли ваше учреждение лицам, освобождённым из мест заключения, лечиться от алкоголизма (мотивация, детоксикация, медикаментозное лечение, психологическая помощь и т. п.)?',
      en: 'Does your institution help persons released from places of imprisonment with treatment for alcoholism (motivation, detoxification, medication, psychological help, etc.)?',
    },
  },
  {
    id: 'shelter',
    title: { lv: 'Dzīvošana un nakšņošana', ru: 'Проживание и ночлег', en: 'A place to stay' },
    question: {
      lv: 'Vai Jūsu iestāde piedāvā personām, kuras ir atbrīvotas no ieslodzījuma vietas, iespējas kādu laiku dzīvot / nakšņot?',
      ru: 'Предлагает ли ваше учреждение лицам, освобождённым из мест заключения, возможность некоторое время жить / ночевать?',
      en: 'Does your institution offer persons released from a place of imprisonment the possibility to live / stay overnight for some time?',
    },
  },
  {
    id: 'psychological',
    title: { lv: 'Psiholoģiskā palīdzība', ru: 'Психологическая помощь', en: 'Psychological help' },
    question: {
      lv: 'Vai Jūsu iestāde sniedz personām, kuras tiek atbrīvotas no ieslodzījuma vietām, psiholoģisko palīdzību, lai tās spētu iedzīvoties jaunajos apstākļos?',
      ru: 'Оказывает ли ваше учреждение лицам, освобождаемым из мест заключения, психологическую помощь, чтобы они могли освоиться в новых условиях?',
      en: 'Does your institution give persons being released from places of imprisonment psychological help, so that they can settle into their new circumstances?',
    },
  },
];

const providedWhat: LocalizedText = {
  lv: 'Ja jā, kāda tieši ir bijusi šī palīdzība?',
  ru: 'Если да, в чём именно заключалась эта помощь?',
  en: 'If yes, what exactly has this help been?',
};

function helpBlock(block: HelpBlock, currencies: readonly Currency[]): Block {
  const id = block.id;
  const questions: Question[] = [
    { id: `${id}_provides`, type: 'yes_no', label: block.question },
    {
      id: `${id}_provided_what`,
      type: 'text',
      multiline: true,
      label: providedWhat,
      relevant: `${id}_provides = ${yes}`,
    },
    {
      id: `${id}_could_with_support`,
      type: 'yes_no',
      label: {
        lv: 'Vai iestāde būtu spējīga sniegt šādu palīdzību, ja tiktu nodrošināts valsts atbalsts (valsts pasūtījums jeb finansiāls atbalsts)?',
        ru: 'Смогло бы учреждение оказывать такую помощь, если бы была обеспечена государственная поддержка (государственный заказ, т. е. финансовая поддержка)?',
        en: 'Would your institution be able to give such help if state support (a state order, i.e. financial support) were ensured?',
      },
    },
    {
      id: `${id}_needs_staff`,
      type: 'number',
      heading: {
        lv: 'Kas iestādei būtu nepieciešams, lai šādu palīdzību sniegtu?',
        ru: 'Что нужно учреждению, чтобы оказывать такую помощь?',
        en: 'What would your institution need to give such help?',
      },
      label: {
        lv: 'Papildu darbinieku štata vietas (cik?)',
        ru: 'Дополнительные штатные единицы (сколько?)',
        en: 'Additional staff positions (how many?)',
      },
      hint: {
        lv: 'Var norādīt arī daļu, piemēram, 0,5.',
        ru: 'Можно указать и часть, например 0,5.',
        en: 'A part is fine too, e.g. 0.5.',
      },
    },
    {
      id: `${id}_needs_funding_amount`,
      type: 'number',
      label: {
        lv: 'Papildu finansējums (summa)',
        ru: 'Дополнительное финансирование (сумма)',
        en: 'Additional funding (amount)',
      },
      hint: {
        lv: 'Tikai skaitlis; valūtu un periodu norādiet zemāk.',
        ru: 'Только число; валюту и период укажите ниже.',
        en: 'Only the number; give the currency and period below.',
      },
      requiredIf: `${id}_needs_funding_currency != '' or ${id}_needs_funding_basis != ''`,
    },
    {
      id: `${id}_needs_funding_currency`,
      type: 'choice',
      label: { lv: 'Valūta', ru: 'Валюта', en: 'Currency' },
      choices: currencies.map((currency) => ({ value: currency, label: currencyLabels[currency] })),
      requiredIf: `${id}_needs_funding_amount != ''`,
    },
    {
      id: `${id}_needs_funding_basis`,
      type: 'choice',
      label: { lv: 'Summa ir', ru: 'Сумма указана', en: 'The amount is' },
      choices: [
        { value: 'per_person', label: { lv: 'uz vienu personu', ru: 'на одного человека', en: 'per person' } },
        { value: 'per_year', label: { lv: 'gadā', ru: 'в год', en: 'per year' } },
        { value: 'one_off', label: { lv: 'vienreizēji', ru: 'единоразово', en: 'one-off' } },
      ],
      requiredIf: `${id}_needs_funding_amount != ''`,
    },
    {
      id: `${id}_needs_cooperation`,
      type: 'text',
      label: { lv: 'Sadarbība (ar ko?)', ru: 'Сотрудничество (с кем?)', en: 'Cooperation (with whom?)' },
    },
    {
      id: `${id}_needs_law_change`,
      type: 'yes_no',
      label: {
        lv: 'Vai ir nepieciešamas izmaiņas likumos?',
        ru: 'Нужны ли изменения в законах?',
        en: 'Are changes in the law needed?',
      },
    },
    {
      id: `${id}_needs_law_change_what`,
      type: 'text',
      multiline: true,
      label: {
        lv: 'Ja jā, kādas izmaiņas likumos?',
        ru: 'Если да, какие изменения в законах?',
        en: 'If yes, which changes in the law?',
      },
      relevant: `${id}_needs_law_change = ${yes}`,
    },
    // Shelter's own follow-ups come last, as in the CSV contract's column order.
    ...(id === 'shelter' ? shelterQuestions() : []),
  ];
  return { id, title: block.title, questions };
}

function shelterQuestions(): Question[] {
  return [
    {
      id: 'shelter_admission_terms',
      type: 'text',
      multiline: true,
      label: {
        lv: 'Ar kādiem nosacījumiem personas tiek uzņemtas?',
        ru: 'На каких условиях принимают людей?',
        en: 'On what terms are people admitted?',
      },
      relevant: `shelter_provides = ${yes}`,
    },
    {
      id: 'shelter_max_stay',
      type: 'text',
      label: {
        lv: 'Cik ilgi persona var dzīvot / nakšņot iestādē?',
        ru: 'Как долго человек может жить / ночевать в учреждении?',
        en: 'How long may a person live / stay overnight?',
      },
      relevant: `shelter_provides = ${yes}`,
    },
  ];
}

function shortBlock(id: string, title: LocalizedText, question: LocalizedText, what: LocalizedText): Block {
  return {
    id,
    title,
    questions: [
      { id: `${id}_provides`, type: 'yes_no', label: question },
      { id: `${id}_provided_what`, type: 'text', multiline: true, label: what, relevant: `${id}_provides = ${yes}` },
    ],
  };
}

const respondentBlock: Block = {
  id: 'respondent',
  title: { lv: 'Par jūsu iestādi', ru: 'О вашем учреждении', en: 'About your institution' },
  intro: {
    lv: 'Anketa ir par palīdzību cilvēkiem pēc atbrīvošanas no ieslodzījuma vietām.',
    ru: 'Анкета о помощи людям после освобождения из мест заключения.',
    en: 'This questionnaire is about help for people after release from places of imprisonment.',
  },
  // Online only: the printed form has no link to continue with.
  onlineNote: {
    lv: 'Atbildes tiek saglabātas katrā lapā; varat turpināt vēlāk ar to pašu saiti.',
    ru: 'Ответы сохраняются на каждой странице; продолжить можно позже по той же ссылке.',
    en: 'Answers are saved on every page; you can continue later with the same link.',
  },
  questions: [
    {
      id: 'respondent_id',
      type: 'text',
      system: true,
      label: { lv: 'Respondenta kods', ru: 'Код респондента', en: 'Respondent code' },
    },
    {
      id: 'institution_type',
      type: 'choice',
      label: { lv: 'Iestādes veids', ru: 'Тип учреждения', en: 'Type of institution' },
      choices: [
        {
          value: 'municipal',
          label: { lv: 'pašvaldības iestāde', ru: 'муниципальное учреждение', en: 'municipal institution' },
        },
        { value: 'state', label: { lv: 'valsts iestāde', ru: 'государственное учреждение', en: 'state institution' } },
        {
          value: 'ngo',
          label: {
            lv: 'biedrība vai nodibinājums',
            ru: 'общество или фонд (НКО)',
            en: 'association or foundation (NGO)',
          },
        },
        {
          value: 'religious',
          label: { lv: 'reliģiska organizācija', ru: 'религиозная организация', en: 'religious organisation' },
        },
        { value: 'private', label: { lv: 'privāta iestāde', ru: 'частное учреждение', en: 'private institution' } },
        { value: 'other', label: { lv: 'cits', ru: 'другое', en: 'other' } },
      ],
    },
    {
      id: 'territory',
      type: 'text',
      label: { lv: 'Novads, pilsēta vai pagasts', ru: 'Край, город или волость', en: 'Municipality, town or parish' },
      hint: { lv: 'Kur iestāde darbojas.', ru: 'Где работает учреждение.', en: 'Where the institution works.' },
    },
    {
      id: 'mode',
      type: 'choice',
      askedOf: 'staff',
      label: { lv: 'Kā anketa saņemta', ru: 'Как получена анкета', en: 'How the form came back' },
      choices: [
        { value: 'post', label: { lv: 'pa pastu', ru: 'по почте', en: 'by post' } },
        { value: 'email', label: { lv: 'e-pastā', ru: 'по электронной почте', en: 'by e-mail' } },
        { value: 'fax', label: { lv: 'pa faksu', ru: 'по факсу', en: 'by fax' } },
        { value: 'online', label: { lv: 'tiešsaistē', ru: 'онлайн', en: 'online' } },
        {
          value: 'paper',
          label: { lv: 'papīrā, nodota personīgi', ru: 'на бумаге, передана лично', en: 'on paper, handed in' },
        },
      ],
    },
  ],
};

/**
 * The 2004 questionnaire as data: a respondent block, nine help blocks, "other help" and "a programme". Sums were
 * in lats then (euro offered too); today's version (lvCurrentQuestionnaireKey) asks for euro only.
 */
export function buildLv2004Questionnaire(currencies: readonly Currency[] = ['LVL', 'EUR']): QuestionnaireDefinition {
  return {
    formatVersion: 1,
    sourceLanguage: 'lv',
    blocks: [
      respondentBlock,
      ...helpBlocks.map((block) => helpBlock(block, currencies)),
      shortBlock(
        'other',
        { lv: 'Cita palīdzība', ru: 'Другая помощь', en: 'Other help' },
        {
          lv: 'Vai Jūsu iestāde sniedz kādu citu palīdzību personām, kuras atbrīvojas no ieslodzījuma vietām, kura nav nosaukta iepriekš?',
          ru: 'Оказывает ли ваше учреждение лицам, освобождающимся из мест заключения, какую-либо другую помощь, не названную выше?',
          en: 'Does your institution give persons being released from places of imprisonment any other help not named before?',
        },
        { lv: 'Ja jā, kādu tieši?', ru: 'Если да, какую именно?', en: 'If yes, what exactly?' },
      ),
      shortBlock(
        'programme',
        {
          lv: 'Kompleksa rehabilitācijas programma',
          ru: 'Комплексная программа реабилитации',
          en: 'A complete rehabilitation programme',
        },
        {
          lv: 'Vai Jūsu iestāde piedāvā jebkādu kompleksu sociālās rehabilitācijas programmu no ieslodzījuma atbrīvotajām personām?',
          ru: 'Предлагает ли ваше учреждение освобождённым из заключения лицам какую-либо комплексную программу социальной реабилитации?',
          en: 'Does your institution offer any complete social rehabilitation programme to persons released from imprisonment?',
        },
        {
          lv: 'Ja jā, kāda ir šī programma?',
          ru: 'Если да, что это за программа?',
          en: 'If yes, what is the programme?',
        },
      ),
    ],
  };
}
