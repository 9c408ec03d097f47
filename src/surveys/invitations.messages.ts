import type { MessageCatalog } from '../core/i18n.js';

// Words of survey invitations: the staff page, the e-mails and the printed letters with their paper form.
// E-mails and letters are always in Latvian first (the official language); an organization that asked for
// Russian or English gets the same text again in that language.
export const invitationMessages: MessageCatalog = {
  lv: {
    'invitations.title': 'Ielūgumi un atgādinājumi',
    'invitations.back': 'Atpakaļ uz aptaujas vilni',
    'invitations.intro':
      'Šeit var nosūtīt ielūgumus un atgādinājumus pa e-pastu un sagatavot drukātas vēstules tiem, kam nav e-pasta.',
    'invitations.wave': 'Vilnis: {name}',
    'invitations.wave_status.draft':
      'Vilnis vēl nav atvērts: e-pastus var sūtīt, kad tas būs atvērts. Vēstules var sagatavot jau tagad.',
    'invitations.wave_status.open': 'Vilnis ir atvērts.',
    'invitations.wave_status.closed': 'Vilnis ir slēgts: ielūgumus un atgādinājumus vairs nesūta.',
    'invitations.closes_on': 'Pēdējā diena atbildēm: {date}.',
    'invitations.figures': 'Skaitļi',
    'invitations.figure.cases': 'Iestādes izlasē',
    'invitations.figure.with_email': 'ar e-pasta adresi',
    'invitations.figure.without_email': 'bez e-pasta adreses',
    'invitations.figure.unreachable': 'bez e-pasta un bez pasta adreses (nav kā uzaicināt)',
    'invitations.figure.invited_email': 'Uzaicinātas pa e-pastu',
    'invitations.figure.invited_letter': 'Uzaicinātas ar vēstuli',
    'invitations.figure.not_invited': 'Vēl nav uzaicinātas',
    'invitations.figure.reminded': 'Saņēmušas atgādinājumu',
    'invitations.figure.completed': 'Aizpildījušas anketu',
    'invitations.figure.mail_waiting': 'E-pasti, kas gaida sūtīšanu',
    'invitations.figure.mail_failed': 'E-pasti, ko neizdevās nosūtīt',
    'invitations.email.heading': 'Pa e-pastu',
    'invitations.email.invite_help':
      'Ielūgumu saņems iestādes, kas vēl nav uzaicinātas un kam ir e-pasta adrese. Katra saņem savu personīgo saiti.',
    'invitations.email.remind_help':
      'Atgādinājumu saņems tikai tās uzaicinātās iestādes, kas anketu vēl nav pabeigušas (ne tās, kas atteicās). Atgādinājumā ir jauna saite; iepriekšējā vairs nedarbojas, bet jau dotās atbildes saglabājas.',
    'invitations.email.invite_button': {
      zero: 'Sūtīt ielūgumus ({count} iestādēm)',
      one: 'Sūtīt ielūgumu ({count} iestādei)',
      other: 'Sūtīt ielūgumus ({count} iestādēm)',
    },
    'invitations.email.remind_button': {
      zero: 'Sūtīt atgādinājumus ({count} iestādēm)',
      one: 'Sūtīt atgādinājumu ({count} iestādei)',
      other: 'Sūtīt atgādinājumus ({count} iestādēm)',
    },
    'invitations.email.nobody_to_invite': 'Nav nevienas iestādes, kam sūtīt ielūgumu pa e-pastu.',
    'invitations.email.nobody_to_remind': 'Nav nevienas iestādes, kam sūtīt atgādinājumu pa e-pastu.',
    'invitations.email.outbox_link': 'Skatīt izejošās vēstules',
    'invitations.letters.heading': 'Drukātas vēstules',
    'invitations.letters.help':
      'PDF failā katrai iestādei ir vēstule ar adresi, personīgo saiti un papīra anketa. Sagatavojot vēstules, katrai iestādei tiek izveidota jauna saite (iepriekšējā vairs nedarbojas), tāpēc sagatavojiet tās tikai tad, kad tiešām sūtīsiet.',
    'invitations.letters.kind': 'Kādas vēstules',
    'invitations.letters.kind_invitation': 'ielūgumi (iestādēm, kas vēl nav uzaicinātas)',
    'invitations.letters.kind_reminder': 'atgādinājumi (iestādēm, kas vēl nav pabeigušas)',
    'invitations.letters.available': 'Cik vēstuļu var sagatavot',
    'invitations.letters.row_invitation': 'Ielūgumi',
    'invitations.letters.row_reminder': 'Atgādinājumi',
    'invitations.letters.column_without_email': 'bez e-pasta',
    'invitations.letters.column_all': 'visām',
    'invitations.letters.get_note': 'Vēstules sagatavo ar pogu šajā lapā, jo katra sagatavošana izveido jaunas saites.',
    'invitations.letters.scope': 'Kam',
    'invitations.letters.scope_without_email': 'tikai iestādēm bez e-pasta adreses',
    'invitations.letters.scope_all': 'visām (arī tām, kam ir e-pasts)',
    'invitations.letters.button': 'Sagatavot vēstules (PDF)',
    'invitations.done.invitations': {
      zero: 'Nosūtīti {count} ielūgumu.',
      one: 'Nosūtīts {count} ielūgums.',
      other: 'Nosūtīti {count} ielūgumi.',
    },
    'invitations.done.reminders': {
      zero: 'Nosūtīti {count} atgādinājumu.',
      one: 'Nosūtīts {count} atgādinājums.',
      other: 'Nosūtīti {count} atgādinājumi.',
    },
    'invitations.done.held': 'Tās vēl nav nosūtītas: e-pasta serveris nav iestatīts, vēstules ir izejošajās vēstulēs.',
    'invitations.done.invitations_prepared': {
      zero: 'Sagatavoti {count} ielūgumu.',
      one: 'Sagatavots {count} ielūgums.',
      other: 'Sagatavoti {count} ielūgumi.',
    },
    'invitations.done.reminders_prepared': {
      zero: 'Sagatavoti {count} atgādinājumu.',
      one: 'Sagatavots {count} atgādinājums.',
      other: 'Sagatavoti {count} atgādinājumi.',
    },
    'invitations.error.wave_not_open': 'Pa e-pastu var sūtīt tikai tad, kad vilnis ir atvērts.',
    'invitations.error.wave_closed': 'Vilnis ir slēgts: vēstules vairs nesagatavo.',
    'invitations.error.no_letters': 'Nav nevienas iestādes, kam sagatavot šādu vēstuli.',
    'invitations.error.no_address': {
      zero: '{count} iestādēm nav pasta adreses: tām vēstule netika sagatavota.',
      one: '{count} iestādei nav pasta adreses: tai vēstule netika sagatavota.',
      other: '{count} iestādēm nav pasta adreses: tām vēstule netika sagatavota.',
    },
    'invitations.field.kind': 'Izvēlieties vēstuļu veidu.',
    'invitations.field.scope': 'Izvēlieties, kam sūtīt.',

    // The e-mail and the letter
    'invitations.message.subject_invitation': 'Lūdzam aizpildīt anketu: {title}',
    'invitations.message.subject_reminder': 'Atgādinājums: {title}',
    'invitations.message.greeting': 'Labdien!',
    'invitations.message.intro_invitation':
      'Jūsu iestāde ({organization}) ir iekļauta aptaujā par to, kādu palīdzību Latvijā saņem cilvēki pēc atbrīvošanas no ieslodzījuma vietām. Lūdzam atbildēt uz anketas jautājumiem.',
    'invitations.message.intro_reminder':
      'Pirms kāda laika aicinājām Jūsu iestādi ({organization}) atbildēt uz anketu par palīdzību cilvēkiem pēc atbrīvošanas no ieslodzījuma vietām. Jūsu atbildes vēl nav saņemtas, tāpēc atgādinām.',
    'invitations.message.your_institution': 'Jūsu iestāde',
    'invitations.message.why':
      'Atbildes parādīs, kur šī palīdzība ir pieejama un kur tās trūkst, lai cilvēki to varētu atrast un iestādes varētu sadarboties. Arī tad, ja Jūsu iestāde šādu palīdzību nesniedz, Jūsu atbilde ir svarīga.',
    'invitations.message.how':
      'Anketa atveras ar personīgo saiti. Atbildes saglabājas uzreiz: varat pārtraukt un turpināt vēlāk, arī citā datorā vai telefonā.',
    'invitations.message.resume':
      'Ja jau sākāt aizpildīt, Jūsu atbildes ir saglabātas: turpiniet ar šo saiti. Tā ir jauna, iepriekšējā saite vairs nedarbojas.',
    'invitations.message.link_label': 'Jūsu personīgā saite:',
    'invitations.message.deadline': 'Pēdējā diena atbildēm: {date}.',
    'invitations.message.private': 'Saite ir paredzēta tikai Jūsu iestādei: lūdzu, nepārsūtiet to citiem.',
    'invitations.message.questions_email': 'Ja Jums ir jautājumi, atbildiet uz šo vēstuli.',
    'invitations.message.thanks': 'Paldies par Jūsu laiku!',
    'invitations.message.signature': 'Ar cieņu\nReentry Atlas',
    'invitations.message.language_offer':
      'Anketu var aizpildīt arī latviski: atveriet saiti un izvēlieties „Latviešu”.',
    'invitations.letter.heading_invitation': 'Aicinājums piedalīties aptaujā',
    'invitations.letter.heading_reminder': 'Atgādinājums par aptauju',
    'invitations.letter.type_link':
      'Ierakstiet saiti pārlūkprogrammas adreses joslā tieši tā, kā tā uzrakstīta: lielie un mazie burti atšķiras.',
    'invitations.letter.paper':
      'Ja Jums ērtāk, aizpildiet pievienoto papīra anketu un nosūtiet to atpakaļ sūtītājam. Uz anketas jau ir Jūsu iestādes kods {code}, pēc kura mēs to atpazīsim.',
    'invitations.letter.questions': 'Ja Jums ir jautājumi, rakstiet uz {email}.',
    'invitations.paper.code': 'Anketas kods: {code}',
    'invitations.paper.instructions':
      'Atzīmējiet atbildi ar krustiņu (X) un rakstiet uz līnijām. Ja jautājums uz Jums neattiecas, atstājiet to tukšu.',
    'invitations.paper.yes': 'Jā',
    'invitations.paper.no': 'Nē',
    'invitations.paper.if_yes': 'Atbildiet, ja uz {number}. jautājumu atbildējāt „Jā”.',
    'invitations.paper.if_relevant': 'Atbildiet, ja tas attiecas uz Jums.',
    'invitations.paper.thanks': 'Paldies! Lūdzu, nosūtiet aizpildīto anketu atpakaļ sūtītājam.',
    'invitations.letters.no_sender':
      'Nav iestatīta sūtītāja e-pasta adrese, tāpēc vēstulēs nebūs adreses, uz kuru rakstīt. Lūdziet administratoru iestatīt vidē MAIL_FROM (adresi, uz kuru jāatbild) un restartēt lietotni:',
  },
  ru: {
    'invitations.title': 'Приглашения и напоминания',
    'invitations.back': 'Назад к волне опроса',
    'invitations.intro':
      'Здесь можно отправить приглашения и напоминания по электронной почте и подготовить печатные письма для тех, у кого нет e-mail.',
    'invitations.wave': 'Волна: {name}',
    'invitations.wave_status.draft':
      'Волна ещё не открыта: письма по e-mail можно отправить, когда она откроется. Печатные письма можно подготовить уже сейчас.',
    'invitations.wave_status.open': 'Волна открыта.',
    'invitations.wave_status.closed': 'Волна закрыта: приглашения и напоминания больше не отправляются.',
    'invitations.closes_on': 'Последний день для ответов: {date}.',
    'invitations.figures': 'Цифры',
    'invitations.figure.cases': 'Учреждений в выборке',
    'invitations.figure.with_email': 'с адресом e-mail',
    'invitations.figure.without_email': 'без адреса e-mail',
    'invitations.figure.unreachable': 'без e-mail и без почтового адреса (пригласить невозможно)',
    'invitations.figure.invited_email': 'Приглашены по e-mail',
    'invitations.figure.invited_letter': 'Приглашены письмом',
    'invitations.figure.not_invited': 'Ещё не приглашены',
    'invitations.figure.reminded': 'Получили напоминание',
    'invitations.figure.completed': 'Заполнили анкету',
    'invitations.figure.mail_waiting': 'Письма, ждущие отправки',
    'invitations.figure.mail_failed': 'Письма, которые не удалось отправить',
    'invitations.email.heading': 'По электронной почте',
    'invitations.email.invite_help':
      'Приглашение получат учреждения, которые ещё не приглашены и у которых есть адрес e-mail. Каждое получает свою личную ссылку.',
    'invitations.email.remind_help':
      'Напоминание получат только приглашённые учреждения, которые ещё не закончили анкету (и не отказались). В напоминании новая ссылка; прежняя больше не работает, но данные ответы сохраняются.',
    'invitations.email.invite_button': {
      one: 'Отправить приглашение ({count} учреждению)',
      few: 'Отправить приглашения ({count} учреждениям)',
      many: 'Отправить приглашения ({count} учреждениям)',
      other: 'Отправить приглашения ({count} учреждениям)',
    },
    'invitations.email.remind_button': {
      one: 'Отправить напоминание ({count} учреждению)',
      few: 'Отправить напоминания ({count} учреждениям)',
      many: 'Отправить напоминания ({count} учреждениям)',
      other: 'Отправить напоминания ({count} учреждениям)',
    },
    'invitations.email.nobody_to_invite': 'Нет учреждений, которым нужно отправить приглашение по e-mail.',
    'invitations.email.nobody_to_remind': 'Нет учреждений, которым нужно отправить напоминание по e-mail.',
    'invitations.email.outbox_link': 'Посмотреть исходящие письма',
    'invitations.letters.heading': 'Печатные письма',
    'invitations.letters.help':
      'В файле PDF для каждого учреждения письмо с адресом, личной ссылкой и бумажной анкетой. При подготовке писем каждое учреждение получает новую ссылку (прежняя перестаёт работать), поэтому готовьте их, только когда действительно будете отправлять.',
    'invitations.letters.kind': 'Какие письма',
    'invitations.letters.kind_invitation': 'приглашения (учреждениям, которые ещё не приглашены)',
    'invitations.letters.kind_reminder': 'напоминания (учреждениям, которые ещё не закончили)',
    'invitations.letters.available': 'Сколько писем можно подготовить',
    'invitations.letters.row_invitation': 'Приглашения',
    'invitations.letters.row_reminder': 'Напоминания',
    'invitations.letters.column_without_email': 'без e-mail',
    'invitations.letters.column_all': 'всем',
    'invitations.letters.get_note':
      'Письма готовятся кнопкой на этой странице, потому что каждая подготовка создаёт новые ссылки.',
    'invitations.letters.scope': 'Кому',
    'invitations.letters.scope_without_email': 'только учреждениям без адреса e-mail',
    'invitations.letters.scope_all': 'всем (и тем, у кого есть e-mail)',
    'invitations.letters.button': 'Подготовить письма (PDF)',
    'invitations.done.invitations': {
      one: 'Отправлено {count} приглашение.',
      few: 'Отправлено {count} приглашения.',
      many: 'Отправлено {count} приглашений.',
      other: 'Отправлено {count} приглашения.',
    },
    'invitations.done.reminders': {
      one: 'Отправлено {count} напоминание.',
      few: 'Отправлено {count} напоминания.',
      many: 'Отправлено {count} напоминаний.',
      other: 'Отправлено {count} напоминания.',
    },
    'invitations.done.held': 'Они ещё не отправлены: почтовый сервер не настроен, письма лежат в исходящих.',
    'invitations.done.invitations_prepared': {
      one: 'Подготовлено {count} приглашение.',
      few: 'Подготовлено {count} приглашения.',
      many: 'Подготовлено {count} приглашений.',
      other: 'Подготовлено {count} приглашения.',
    },
    'invitations.done.reminders_prepared': {
      one: 'Подготовлено {count} напоминание.',
      few: 'Подготовлено {count} напоминания.',
      many: 'Подготовлено {count} напоминаний.',
      other: 'Подготовлено {count} напоминания.',
    },
    'invitations.error.wave_not_open': 'По e-mail можно отправлять, только когда волна открыта.',
    'invitations.error.wave_closed': 'Волна закрыта: письма больше не готовятся.',
    'invitations.error.no_letters': 'Нет учреждений, для которых нужно подготовить такое письмо.',
    'invitations.error.no_address': {
      one: 'У {count} учреждения нет почтового адреса: письмо для него не подготовлено.',
      few: 'У {count} учреждений нет почтового адреса: письма для них не подготовлены.',
      many: 'У {count} учреждений нет почтового адреса: письма для них не подготовлены.',
      other: 'У {count} учреждения нет почтового адреса: письма для них не подготовлены.',
    },
    'invitations.field.kind': 'Выберите вид писем.',
    'invitations.field.scope': 'Выберите, кому отправлять.',

    'invitations.message.subject_invitation': 'Просим заполнить анкету: {title}',
    'invitations.message.subject_reminder': 'Напоминание: {title}',
    'invitations.message.greeting': 'Здравствуйте!',
    'invitations.message.intro_invitation':
      'Ваше учреждение ({organization}) включено в опрос о том, какую помощь в Латвии получают люди после освобождения из мест заключения. Просим ответить на вопросы анкеты.',
    'invitations.message.intro_reminder':
      'Некоторое время назад мы пригласили ваше учреждение ({organization}) ответить на анкету о помощи людям после освобождения из мест заключения. Ваших ответов пока нет, поэтому напоминаем.',
    'invitations.message.your_institution': 'ваше учреждение',
    'invitations.message.why':
      'Ответы покажут, где такая помощь есть и где её не хватает, чтобы люди могли её найти, а учреждения — работать вместе. Даже если ваше учреждение такой помощи не оказывает, ваш ответ важен.',
    'invitations.message.how':
      'Анкета открывается по личной ссылке. Ответы сохраняются сразу: можно прерваться и продолжить позже, в том числе на другом компьютере или телефоне.',
    'invitations.message.resume':
      'Если вы уже начали заполнять, ваши ответы сохранены: продолжайте по этой ссылке. Она новая, прежняя ссылка больше не работает.',
    'invitations.message.link_label': 'Ваша личная ссылка:',
    'invitations.message.deadline': 'Последний день для ответов: {date}.',
    'invitations.message.private':
      'Ссылка предназначена только для вашего учреждения: пожалуйста, не пересылайте её другим.',
    'invitations.message.questions_email': 'Если у вас есть вопросы, ответьте на это письмо.',
    'invitations.message.thanks': 'Спасибо за ваше время!',
    'invitations.message.signature': 'С уважением\nReentry Atlas',
    'invitations.message.language_offer': 'Анкету можно заполнить и по-русски: откройте ссылку и выберите «Русский».',
    'invitations.letter.heading_invitation': 'Приглашение принять участие в опросе',
    'invitations.letter.heading_reminder': 'Напоминание об опросе',
    'invitations.letter.type_link':
      'Введите ссылку в адресную строку браузера точно так, как она написана: большие и маленькие буквы различаются.',
    'invitations.letter.paper':
      'Если вам удобнее, заполните приложенную бумажную анкету и отправьте её обратно отправителю. На анкете уже указан код вашего учреждения {code}, по которому мы её узнаем.',
    'invitations.letter.questions': 'Если у вас есть вопросы, пишите на {email}.',
    'invitations.paper.code': 'Код анкеты: {code}',
    'invitations.paper.instructions':
      'Отметьте ответ крестиком (X) и пишите на линиях. Если вопрос к вам не относится, оставьте его пустым.',
    'invitations.paper.yes': 'Да',
    'invitations.paper.no': 'Нет',
    'invitations.paper.if_yes': 'Ответьте, если на вопрос {number} вы ответили «Да».',
    'invitations.paper.if_relevant': 'Ответьте, если это к вам относится.',
    'invitations.paper.thanks': 'Спасибо! Пожалуйста, отправьте заполненную анкету обратно отправителю.',
    'invitations.letters.no_sender':
      'Адрес отправителя не задан, поэтому в письмах не будет адреса, куда писать. Попросите администратора задать в окружении MAIL_FROM (адрес для ответов) и перезапустить приложение:',
  },
  en: {
    'invitations.title': 'Invitations and reminders',
    'invitations.back': 'Back to the survey wave',
    'invitations.intro':
      'Send invitations and reminders by e-mail here, and prepare printed letters for those without e-mail.',
    'invitations.wave': 'Wave: {name}',
    'invitations.wave_status.draft':
      'The wave is not open yet: e-mails can go out once it opens. Letters can be prepared already.',
    'invitations.wave_status.open': 'The wave is open.',
    'invitations.wave_status.closed': 'The wave is closed: no more invitations or reminders.',
    'invitations.closes_on': 'Last day to answer: {date}.',
    'invitations.figures': 'Figures',
    'invitations.figure.cases': 'Institutions in the sample',
    'invitations.figure.with_email': 'with an e-mail address',
    'invitations.figure.without_email': 'without an e-mail address',
    'invitations.figure.unreachable': 'with neither e-mail nor postal address (cannot be invited)',
    'invitations.figure.invited_email': 'Invited by e-mail',
    'invitations.figure.invited_letter': 'Invited by letter',
    'invitations.figure.not_invited': 'Not invited yet',
    'invitations.figure.reminded': 'Reminded',
    'invitations.figure.completed': 'Completed the questionnaire',
    'invitations.figure.mail_waiting': 'E-mails waiting to be sent',
    'invitations.figure.mail_failed': 'E-mails that could not be sent',
    'invitations.email.heading': 'By e-mail',
    'invitations.email.invite_help':
      'Institutions not invited yet that have an e-mail address get an invitation, each with its own personal link.',
    'invitations.email.remind_help':
      'Only invited institutions that have not finished (and have not refused) get a reminder. It carries a new link; the old one stops working, but answers already given are kept.',
    'invitations.email.invite_button': {
      one: 'Send the invitation ({count} institution)',
      other: 'Send invitations ({count} institutions)',
    },
    'invitations.email.remind_button': {
      one: 'Send the reminder ({count} institution)',
      other: 'Send reminders ({count} institutions)',
    },
    'invitations.email.nobody_to_invite': 'No institution is waiting for an e-mail invitation.',
    'invitations.email.nobody_to_remind': 'No institution is waiting for an e-mail reminder.',
    'invitations.email.outbox_link': 'See the outbox',
    'invitations.letters.heading': 'Printed letters',
    'invitations.letters.help':
      'The PDF holds, for each institution, a letter with its address, its personal link and a paper questionnaire. Preparing letters makes a new link for each institution (the old one stops working), so prepare them only when you will really post them.',
    'invitations.letters.kind': 'Which letters',
    'invitations.letters.kind_invitation': 'invitations (to institutions not invited yet)',
    'invitations.letters.kind_reminder': 'reminders (to institutions that have not finished)',
    'invitations.letters.available': 'How many letters can be prepared',
    'invitations.letters.row_invitation': 'Invitations',
    'invitations.letters.row_reminder': 'Reminders',
    'invitations.letters.column_without_email': 'without e-mail',
    'invitations.letters.column_all': 'all',
    'invitations.letters.get_note':
      'Letters are prepared with the button on this page, because each preparation makes new links.',
    'invitations.letters.scope': 'To whom',
    'invitations.letters.scope_without_email': 'only institutions without an e-mail address',
    'invitations.letters.scope_all': 'all (those with e-mail too)',
    'invitations.letters.button': 'Prepare the letters (PDF)',
    'invitations.done.invitations': { one: '{count} invitation sent.', other: '{count} invitations sent.' },
    'invitations.done.reminders': { one: '{count} reminder sent.', other: '{count} reminders sent.' },
    'invitations.done.held': 'They have not been sent yet: no mail server is set up, the messages are in the outbox.',
    'invitations.done.invitations_prepared': {
      one: '{count} invitation prepared.',
      other: '{count} invitations prepared.',
    },
    'invitations.done.reminders_prepared': { one: '{count} reminder prepared.', other: '{count} reminders prepared.' },
    'invitations.error.wave_not_open': 'E-mails can be sent only while the wave is open.',
    'invitations.error.wave_closed': 'The wave is closed: no more letters.',
    'invitations.error.no_letters': 'There is no institution to prepare such a letter for.',
    'invitations.error.no_address': {
      one: '{count} institution has no postal address: no letter was prepared for it.',
      other: '{count} institutions have no postal address: no letters were prepared for them.',
    },
    'invitations.field.kind': 'Choose which letters.',
    'invitations.field.scope': 'Choose to whom.',

    'invitations.message.subject_invitation': 'Please fill in the questionnaire: {title}',
    'invitations.message.subject_reminder': 'Reminder: {title}',
    'invitations.message.greeting': 'Hello,',
    'invitations.message.intro_invitation':
      'Your institution ({organization}) is part of a survey of the help people in Latvia get after release from prison. Please answer the questionnaire.',
    'invitations.message.intro_reminder':
      'Some time ago we asked your institution ({organization}) to answer a questionnaire about help for people after release from prison. We have not received your answers yet, so this is a reminder.',
    'invitations.message.your_institution': 'your institution',
    'invitations.message.why':
      'The answers will show where this help exists and where it is missing, so that people can find it and institutions can work together. Your answer matters even if your institution does not give such help.',
    'invitations.message.how':
      'The questionnaire opens with your personal link. Answers are saved as you go: you can stop and go on later, on another computer or phone too.',
    'invitations.message.resume':
      'If you have already started, your answers are saved: go on with this link. It is new; the earlier link no longer works.',
    'invitations.message.link_label': 'Your personal link:',
    'invitations.message.deadline': 'Last day to answer: {date}.',
    'invitations.message.private': 'The link is for your institution only: please do not pass it on.',
    'invitations.message.questions_email': 'If you have questions, reply to this e-mail.',
    'invitations.message.thanks': 'Thank you for your time!',
    'invitations.message.signature': 'Kind regards\nReentry Atlas',
    'invitations.message.language_offer': 'You can answer in English too: open the link and choose “English”.',
    'invitations.letter.heading_invitation': 'Invitation to take part in a survey',
    'invitations.letter.heading_reminder': 'Reminder about the survey',
    'invitations.letter.type_link':
      'Type the link into the address bar of your browser exactly as written: capital and small letters differ.',
    'invitations.letter.paper':
      'If you prefer, fill in the enclosed paper questionnaire and send it back to the sender. It already carries your institution’s code {code}, by which we will know it.',
    'invitations.letter.questions': 'If you have questions, write to {email}.',
    'invitations.paper.code': 'Questionnaire code: {code}',
    'invitations.paper.instructions':
      'Mark your answer with a cross (X) and write on the lines. Leave a question empty if it does not apply to you.',
    'invitations.paper.yes': 'Yes',
    'invitations.paper.no': 'No',
    'invitations.paper.if_yes': 'Answer if you answered “Yes” to question {number}.',
    'invitations.paper.if_relevant': 'Answer if this applies to you.',
    'invitations.paper.thanks': 'Thank you! Please send the filled-in questionnaire back to the sender.',
    'invitations.letters.no_sender':
      'No sender address is set, so the letters will name no address to write to. Ask the administrator to set MAIL_FROM in the environment (the address replies should reach) and restart the app:',
  },
};
