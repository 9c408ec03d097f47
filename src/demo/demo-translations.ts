// The demo institutions' texts in Russian and English, keyed by their Latvian text (demo-data.ts), so a text shared
// by many institutions (the municipal social services' offer) is translated once. Written for a reader with little
// schooling: short sentences, everyday words. Latvian place names stay as they are written on signs and in
// addresses ("Daugavpils", "Rēzeknes novads"), so a person can match them to what he sees. The demo loader
// (demo.service.ts) stores these as the registry's translations; demo.test.ts checks every demo text has both.
export type DemoTranslation = { ru: string; en: string };

const entries: Array<[lv: string, ru: string, en: string]> = [
  // ---- shared municipal services ----
  ['Vienreizējs pabalsts pēc atbrīvošanas', 'Разовое пособие после освобождения', 'One-off benefit after release'],
  [
    'Nauda pirmajām dienām un dokumentu noformēšanai (valsts nodeva, fotogrāfijas).',
    'Деньги на первые дни и на оформление документов (госпошлина, фотографии).',
    'Money for the first days and for getting your papers done (state fee, photos).',
  ],
  ['Bez maksas', 'Бесплатно', 'Free'],
  [
    'Atnāciet pie sociālā darbinieka darba laikā; iesniegumu palīdzēs uzrakstīt.',
    'Приходите к социальному работнику в часы работы; заявление помогут написать.',
    'Come to the social worker during opening hours; they will help you write the application.',
  ],
  ['Pase vai ID karte (ja ir)', 'Паспорт или ID-карта (если есть)', 'Passport or ID card (if you have one)'],
  [
    'Izziņa par atbrīvošanu no ieslodzījuma vietas',
    'Справка об освобождении из места заключения',
    'Release certificate from the prison',
  ],
  ['Sociālā darbinieka konsultācija', 'Консультация социального работника', 'Talk to a social worker'],
  [
    'Palīdz saprast, kur vērsties, deklarēt dzīvesvietu, pieteikties pabalstiem un sastādīt plānu.',
    'Поможет понять, куда обращаться, задекларировать место жительства, подать на пособия и составить план.',
    'Helps you work out where to go, declare your address, apply for benefits and make a plan.',
  ],
  ['Sociālais dzīvoklis', 'Социальная квартира', 'Social flat'],
  [
    'Rindā uz lētu pašvaldības dzīvokli var pieteikties cilvēki bez mājokļa.',
    'Люди без жилья могут встать в очередь на дешёвую муниципальную квартиру.',
    'People with no home can join the waiting list for a cheap council flat.',
  ],
  [
    'Jābūt atzītam par trūcīgu vai maznodrošinātu.',
    'Нужен статус малоимущего или нуждающегося.',
    'You must have the status of a needy or low-income person.',
  ],
  ['Īre pēc pašvaldības noteikumiem', 'Квартплата по правилам самоуправления', 'Rent set by the municipality'],
  ['Pase vai ID karte', 'Паспорт или ID-карта', 'Passport or ID card'],
  ['Iesniegums', 'Заявление', 'Application form'],
  ['Pārtikas pakas un silta zupa', 'Продуктовые пакеты и горячий суп', 'Food parcels and hot soup'],
  [
    'Pārtikas paka reizi mēnesī un silta zupa darbdienās.',
    'Продуктовый пакет раз в месяц и горячий суп по рабочим дням.',
    'A food parcel once a month and hot soup on weekdays.',
  ],
  // ---- municipal social services ----
  [
    'Demo: Rīgas Ziemeļu sociālā dienesta nodaļa',
    'Demo: Северный отдел социальной службы Rīga',
    'Demo: Rīga Social Service, North Office',
  ],
  [
    'Izdomāts sociālā dienesta centrs Rīgā: pabalsti, konsultācijas, palīdzība ar dokumentiem.',
    'Вымышленный центр социальной службы в Rīga: пособия, консультации, помощь с документами.',
    'An invented social service centre in Rīga: benefits, advice, help with papers.',
  ],
  [
    'Demo: Rīgas Austrumu sociālā dienesta nodaļa',
    'Demo: Восточный отдел социальной службы Rīga',
    'Demo: Rīga Social Service, East Office',
  ],
  [
    'Izdomāta sociālā dienesta nodaļa Rīgas austrumu daļā.',
    'Вымышленный отдел социальной службы в восточной части Rīga.',
    'An invented social service office in the east of Rīga.',
  ],
  [
    'Palīdzība atrast darbu un pagaidu darbs',
    'Помощь в поиске работы и временная работа',
    'Help to find a job, and temporary work',
  ],
  [
    'Pagaidu darbs pašvaldībā un palīdzība reģistrēties kā bezdarbniekam.',
    'Временная работа в самоуправлении и помощь встать на учёт как безработный.',
    'Temporary work for the municipality and help to register as unemployed.',
  ],
  [
    'Demo: Daugavpils pilsētas sociālais dienests',
    'Demo: Социальная служба города Daugavpils',
    'Demo: Daugavpils City Social Service',
  ],
  [
    'Izdomāts Daugavpils sociālais dienests.',
    'Вымышленная социальная служба Daugavpils.',
    'An invented social service in Daugavpils.',
  ],
  [
    'Demo: Rēzeknes pilsētas sociālais dienests',
    'Demo: Социальная служба города Rēzekne',
    'Demo: Rēzekne City Social Service',
  ],
  [
    'Izdomāts Rēzeknes sociālais dienests.',
    'Вымышленная социальная служба Rēzekne.',
    'An invented social service in Rēzekne.',
  ],
  ['Demo: Liepājas sociālais dienests', 'Demo: Социальная служба Liepāja', 'Demo: Liepāja Social Service'],
  [
    'Izdomāts Liepājas sociālais dienests.',
    'Вымышленная социальная служба Liepāja.',
    'An invented social service in Liepāja.',
  ],
  [
    'Demo: Jelgavas sociālo lietu pārvalde',
    'Demo: Управление социальных дел Jelgava',
    'Demo: Jelgava Social Affairs Office',
  ],
  [
    'Izdomāta Jelgavas sociālo lietu pārvalde.',
    'Вымышленное управление социальных дел Jelgava.',
    'An invented social affairs office in Jelgava.',
  ],
  [
    'Demo: Valmieras novada sociālais dienests',
    'Demo: Социальная служба Valmieras novads',
    'Demo: Valmiera Municipality Social Service',
  ],
  [
    'Izdomāts Valmieras novada sociālais dienests.',
    'Вымышленная социальная служба Valmieras novads.',
    'An invented social service for Valmiera municipality.',
  ],
  ['Demo: Ventspils sociālais dienests', 'Demo: Социальная служба Ventspils', 'Demo: Ventspils Social Service'],
  [
    'Izdomāts Ventspils sociālais dienests.',
    'Вымышленная социальная служба Ventspils.',
    'An invented social service in Ventspils.',
  ],
  ['Demo: Jūrmalas labklājības pārvalde', 'Demo: Управление благосостояния Jūrmala', 'Demo: Jūrmala Welfare Office'],
  [
    'Izdomāta Jūrmalas labklājības pārvalde.',
    'Вымышленное управление благосостояния Jūrmala.',
    'An invented welfare office in Jūrmala.',
  ],
  [
    'Demo: Rēzeknes novada sociālais dienests',
    'Demo: Социальная служба Rēzeknes novads',
    'Demo: Rēzekne Municipality Social Service',
  ],
  [
    'Izdomāts Rēzeknes novada sociālais dienests ar nodaļām pagastos.',
    'Вымышленная социальная служба Rēzeknes novads с отделами в волостях.',
    'An invented social service for Rēzekne municipality, with offices in the parishes.',
  ],
  [
    'Transports uz pilsētu dokumentu kārtošanai',
    'Транспорт в город, чтобы оформить документы',
    'A ride to town to sort out your papers',
  ],
  [
    'Pagasta transports līdz Rēzeknei, lai nokārtotu dokumentus.',
    'Транспорт волости до Rēzekne, чтобы оформить документы.',
    'The parish bus takes you to Rēzekne to get your papers done.',
  ],
  [
    'Piesakieties pa tālruni vismaz dienu iepriekš.',
    'Запишитесь по телефону хотя бы за день.',
    'Book by phone at least one day before.',
  ],
  [
    'Demo: Ludzas novada sociālais dienests',
    'Demo: Социальная служба Ludzas novads',
    'Demo: Ludza Municipality Social Service',
  ],
  [
    'Izdomāts Ludzas novada sociālais dienests.',
    'Вымышленная социальная служба Ludzas novads.',
    'An invented social service for Ludza municipality.',
  ],
  [
    'Demo: Kuldīgas novada sociālais dienests',
    'Demo: Социальная служба Kuldīgas novads',
    'Demo: Kuldīga Municipality Social Service',
  ],
  [
    'Izdomāts Kuldīgas novada sociālais dienests.',
    'Вымышленная социальная служба Kuldīgas novads.',
    'An invented social service for Kuldīga municipality.',
  ],
  [
    'Demo: Talsu novada sociālais dienests',
    'Demo: Социальная служба Talsu novads',
    'Demo: Talsi Municipality Social Service',
  ],
  [
    'Izdomāts Talsu novada sociālais dienests.',
    'Вымышленная социальная служба Talsu novads.',
    'An invented social service for Talsi municipality.',
  ],
  [
    'Demo: Madonas novada sociālais dienests',
    'Demo: Социальная служба Madonas novads',
    'Demo: Madona Municipality Social Service',
  ],
  [
    'Izdomāts Madonas novada sociālais dienests.',
    'Вымышленная социальная служба Madonas novads.',
    'An invented social service for Madona municipality.',
  ],
  [
    'Demo: Cēsu novada sociālais dienests',
    'Demo: Социальная служба Cēsu novads',
    'Demo: Cēsis Municipality Social Service',
  ],
  [
    'Izdomāts Cēsu novada sociālais dienests.',
    'Вымышленная социальная служба Cēsu novads.',
    'An invented social service for Cēsis municipality.',
  ],
  [
    'Demo: Jēkabpils novada sociālais dienests',
    'Demo: Социальная служба Jēkabpils novads',
    'Demo: Jēkabpils Municipality Social Service',
  ],
  [
    'Izdomāts Jēkabpils novada sociālais dienests.',
    'Вымышленная социальная служба Jēkabpils novads.',
    'An invented social service for Jēkabpils municipality.',
  ],
  [
    'Demo: Ogres novada sociālais dienests',
    'Demo: Социальная служба Ogres novads',
    'Demo: Ogre Municipality Social Service',
  ],
  [
    'Izdomāts Ogres novada sociālais dienests.',
    'Вымышленная социальная служба Ogres novads.',
    'An invented social service for Ogre municipality.',
  ],
  [
    'Demo: Krāslavas novada sociālais dienests',
    'Demo: Социальная служба Krāslavas novads',
    'Demo: Krāslava Municipality Social Service',
  ],
  [
    'Izdomāts Krāslavas novada sociālais dienests.',
    'Вымышленная социальная служба Krāslavas novads.',
    'An invented social service for Krāslava municipality.',
  ],
  [
    'Demo: Dienvidkurzemes novada sociālais dienests',
    'Demo: Социальная служба Dienvidkurzemes novads',
    'Demo: South Kurzeme Municipality Social Service',
  ],
  [
    'Izdomāts Dienvidkurzemes novada sociālais dienests.',
    'Вымышленная социальная служба Dienvidkurzemes novads.',
    'An invented social service for South Kurzeme municipality.',
  ],
  [
    'Demo: Tukuma novada sociālais dienests',
    'Demo: Социальная служба Tukuma novads',
    'Demo: Tukums Municipality Social Service',
  ],
  [
    'Izdomāts Tukuma novada sociālais dienests.',
    'Вымышленная социальная служба Tukuma novads.',
    'An invented social service for Tukums municipality.',
  ],
  [
    'Demo: Balvu novada sociālais dienests',
    'Demo: Социальная служба Balvu novads',
    'Demo: Balvi Municipality Social Service',
  ],
  [
    'Izdomāts Balvu novada sociālais dienests.',
    'Вымышленная социальная служба Balvu novads.',
    'An invented social service for Balvi municipality.',
  ],
  // ---- shelters ----
  [
    'Demo: Rīgas naktspatversme "Parauga māja"',
    'Demo: Ночлежка в Rīga «Parauga māja»',
    'Demo: Rīga night shelter "Parauga māja"',
  ],
  [
    'Izdomāta naktspatversme: gulta, duša, vakariņas. Uzņem visu diennakti.',
    'Вымышленная ночлежка: кровать, душ, ужин. Принимают круглые сутки.',
    'An invented night shelter: a bed, a shower, supper. Open day and night.',
  ],
  ['Naktsmājas vīriešiem un sievietēm', 'Ночлежка для мужчин и женщин', 'Night shelter for men and women'],
  [
    'Gulta šai naktij, duša un silta vakariņu zupa. Var atnākt jebkurā laikā.',
    'Кровать на эту ночь, душ и горячий суп на ужин. Можно прийти в любое время.',
    'A bed for tonight, a shower and hot soup for supper. You can come at any time.',
  ],
  [
    'Jābūt skaidrā. Pirmo nakti uzņem ikvienu; ilgāk – pēc sarunas ar sociālo darbinieku.',
    'Нужно быть трезвым. На первую ночь принимают всех; дольше — после разговора с социальным работником.',
    'You must be sober. Anyone is taken in for the first night; for longer, after a talk with a social worker.',
  ],
  [
    'Pase vai ID karte (ja ir; bez tās arī uzņem)',
    'Паспорт или ID-карта (если есть; без них тоже примут)',
    'Passport or ID card (if you have one; you are taken in without it too)',
  ],
  [
    'Demo: Rīgas patversme sievietēm "Paraugliepa"',
    'Demo: Приют для женщин в Rīga «Paraugliepa»',
    'Demo: Rīga shelter for women "Paraugliepa"',
  ],
  ['Izdomāta patversme sievietēm.', 'Вымышленный приют для женщин.', 'An invented shelter for women.'],
  ['Patversme sievietēm', 'Приют для женщин', 'Shelter for women'],
  [
    'Var dzīvot līdz 3 mēnešiem, kamēr kārtojat dokumentus un meklējat mājokli.',
    'Можно жить до 3 месяцев, пока вы оформляете документы и ищете жильё.',
    'You can stay up to 3 months while you sort out your papers and look for a home.',
  ],
  [
    'Ar sociālā dienesta nosūtījumu; naktī uzņem arī bez tā.',
    'С направлением социальной службы; ночью принимают и без него.',
    'With a referral from the social service; at night they take you in without one too.',
  ],
  ['Demo: Daugavpils naktspatversme', 'Demo: Ночлежка в Daugavpils', 'Demo: Daugavpils night shelter'],
  [
    'Izdomāta naktspatversme Daugavpilī.',
    'Вымышленная ночлежка в Daugavpils.',
    'An invented night shelter in Daugavpils.',
  ],
  ['Naktsmājas', 'Ночлежка', 'Night shelter'],
  [
    'Gulta šai naktij. Citu pašvaldību iedzīvotājiem – 1 nakts, savējiem – līdz 3 mēnešiem.',
    'Кровать на эту ночь. Жителям других самоуправлений — 1 ночь, местным — до 3 месяцев.',
    'A bed for tonight. People from other municipalities: 1 night; local people: up to 3 months.',
  ],
  [
    'Citu pašvaldību iedzīvotājiem tikai 1 nakts.',
    'Жителям других самоуправлений — только 1 ночь.',
    'People from other municipalities: 1 night only.',
  ],
  [
    'Demo: Liepājas patversme "Parauga krasts"',
    'Demo: Приют в Liepāja «Parauga krasts»',
    'Demo: Liepāja shelter "Parauga krasts"',
  ],
  [
    'Izdomāta patversme un naktsmājas Liepājā.',
    'Вымышленный приют и ночлежка в Liepāja.',
    'An invented shelter and night shelter in Liepāja.',
  ],
  ['Patversme un naktsmājas', 'Приют и ночлежка', 'Shelter and night shelter'],
  [
    'Nakts gulta un ilgāka dzīvošana līdz 1 gadam tiem, kas deklarējušies Liepājā.',
    'Кровать на ночь, а тем, у кого декларировано место жительства в Liepāja, — жильё до 1 года.',
    'A bed for the night, and a longer stay of up to 1 year for people whose declared address is in Liepāja.',
  ],
  ['Demo: Rēzeknes sociālā patversme', 'Demo: Социальный приют в Rēzekne', 'Demo: Rēzekne social shelter'],
  [
    'Izdomāta sociālā patversme Rēzeknē.',
    'Вымышленный социальный приют в Rēzekne.',
    'An invented social shelter in Rēzekne.',
  ],
  ['Sociālā patversme', 'Социальный приют', 'Social shelter'],
  [
    'Pilsētas iedzīvotāji var dzīvot līdz 1 gadam; dokumentu kārtošana, higiēna, konsultācijas.',
    'Жители города могут жить до 1 года; помощь с документами, гигиена, консультации.',
    'People from the city can stay up to 1 year; help with papers, washing, advice.',
  ],
  ['Demo: Jelgavas krīzes centrs', 'Demo: Кризисный центр в Jelgava', 'Demo: Jelgava crisis centre'],
  [
    'Izdomāts krīzes centrs Jelgavā.',
    'Вымышленный кризисный центр в Jelgava.',
    'An invented crisis centre in Jelgava.',
  ],
  ['Krīzes centrs', 'Кризисный центр', 'Crisis centre'],
  [
    'Droša vieta un psihologs grūtā brīdī, līdz 30 dienām.',
    'Безопасное место и психолог в трудную минуту, до 30 дней.',
    'A safe place and a psychologist when things are hard, for up to 30 days.',
  ],
  // ---- documents ----
  ['Demo: Ventspils dzimtsarakstu nodaļa', 'Demo: Загс в Ventspils', 'Demo: Ventspils registry office'],
  ['Izdomāta dzimtsarakstu nodaļa.', 'Вымышленный загс.', 'An invented registry office.'],
  ['Atkārtota dzimšanas apliecība', 'Повторное свидетельство о рождении', 'New copy of your birth certificate'],
  [
    'Izsniedz jaunu dzimšanas apliecību, ja vecā pazudusi.',
    'Выдают новое свидетельство о рождении, если старое потерялось.',
    'Gives you a new birth certificate if the old one is lost.',
  ],
  [
    'Valsts nodeva; trūcīgajiem – bez maksas',
    'Госпошлина; малоимущим — бесплатно',
    'State fee; free for people with needy status',
  ],
  // ---- addiction, housing, day centre ----
  [
    'Demo: Rīgas atkarību profilakses centrs',
    'Demo: Центр профилактики зависимостей в Rīga',
    'Demo: Rīga addiction prevention centre',
  ],
  [
    'Izdomāts pašvaldības centrs, kas palīdz ar alkohola un narkotiku atkarību.',
    'Вымышленный муниципальный центр, который помогает при зависимости от алкоголя и наркотиков.',
    'An invented council centre that helps with alcohol and drug addiction.',
  ],
  [
    'Atkarību konsultācijas un atbalsta grupas',
    'Консультации по зависимости и группы поддержки',
    'Addiction advice and support groups',
  ],
  [
    'Saruna ar speciālistu un grupas cilvēkiem, kas atmet alkoholu vai narkotikas.',
    'Разговор со специалистом и группы для тех, кто бросает алкоголь или наркотики.',
    'A talk with a specialist, and groups for people giving up alcohol or drugs.',
  ],
  ['Demo: Ogres novada mājokļu nodaļa', 'Demo: Жилищный отдел Ogres novads', 'Demo: Ogre Municipality housing office'],
  [
    'Izdomāta pašvaldības mājokļu nodaļa.',
    'Вымышленный жилищный отдел самоуправления.',
    'An invented council housing office.',
  ],
  ['Palīdzība ar mājokli', 'Помощь с жильём', 'Help with housing'],
  [
    'Rinda uz pašvaldības dzīvokli un palīdzība atrast īres dzīvokli.',
    'Очередь на муниципальную квартиру и помощь найти квартиру в аренду.',
    'The waiting list for a council flat, and help to find a flat to rent.',
  ],
  ['Izziņa par deklarēto dzīvesvietu', 'Справка о декларированном месте жительства', 'Proof of your declared address'],
  ['Demo: Olaines dienas centrs', 'Demo: Дневной центр в Olaine', 'Demo: Olaine day centre'],
  [
    'Izdomāts dienas centrs ar dušu, veļas mazgāšanu un nodarbībām.',
    'Вымышленный дневной центр: душ, стирка и занятия.',
    'An invented day centre with a shower, laundry and activities.',
  ],
  ['Dienas centrs', 'Дневной центр', 'Day centre'],
  [
    'Duša, veļas mazgāšana, tēja un dienas programma.',
    'Душ, стирка, чай и занятия в течение дня.',
    'A shower, laundry, tea and things to do during the day.',
  ],
  // ---- PMLP ----
  ['Demo: PMLP dokumentu nodaļa Rīgā', 'Demo: Отдел документов PMLP в Rīga', 'Demo: PMLP document office in Rīga'],
  [
    'Izdomāta Pilsonības un migrācijas lietu pārvaldes nodaļa: pases, ID kartes, personas kodi.',
    'Вымышленный отдел Управления по делам гражданства и миграции (PMLP): паспорта, ID-карты, персональные коды.',
    'An invented office of the Office of Citizenship and Migration Affairs (PMLP): passports, ID cards, personal codes.',
  ],
  ['Pase, ID karte un personas kods', 'Паспорт, ID-карта и персональный код', 'Passport, ID card and personal code'],
  [
    'Šeit noformē pasi vai ID karti un piešķir personas kodu.',
    'Здесь оформляют паспорт или ID-карту и дают персональный код.',
    'Here you get a passport or ID card, and a personal code.',
  ],
  [
    'Valsts nodeva; var palīdzēt samaksāt sociālais dienests',
    'Госпошлина; заплатить может помочь социальная служба',
    'State fee; the social service can help you pay it',
  ],
  [
    'Pierakstieties pa tālruni vai atnāciet darba laikā.',
    'Запишитесь по телефону или приходите в часы работы.',
    'Book by phone or come during opening hours.',
  ],
  [
    'Vecā pase vai ID karte, ja ir',
    'Старый паспорт или ID-карта, если есть',
    'Your old passport or ID card, if you have it',
  ],
  [
    'Demo: PMLP dokumentu nodaļa Daugavpilī',
    'Demo: Отдел документов PMLP в Daugavpils',
    'Demo: PMLP document office in Daugavpils',
  ],
  [
    'Izdomāta PMLP nodaļa Daugavpilī.',
    'Вымышленный отдел PMLP в Daugavpils.',
    'An invented PMLP office in Daugavpils.',
  ],
  ['Pase un ID karte', 'Паспорт и ID-карта', 'Passport and ID card'],
  ['Pases un ID kartes noformēšana.', 'Оформление паспорта и ID-карты.', 'Getting a passport or an ID card.'],
  ['Valsts nodeva', 'Госпошлина', 'State fee'],
  [
    'Demo: PMLP dokumentu nodaļa Liepājā',
    'Demo: Отдел документов PMLP в Liepāja',
    'Demo: PMLP document office in Liepāja',
  ],
  ['Izdomāta PMLP nodaļa Liepājā.', 'Вымышленный отдел PMLP в Liepāja.', 'An invented PMLP office in Liepāja.'],
  [
    'Pase, ID karte un dzīvesvietas deklarēšana',
    'Паспорт, ID-карта и декларирование места жительства',
    'Passport, ID card and declaring your address',
  ],
  [
    'Dokumentu noformēšana un palīdzība deklarēt dzīvesvietu.',
    'Оформление документов и помощь задекларировать место жительства.',
    'Getting your papers done, and help to declare your address.',
  ],
  // ---- NVA ----
  ['Demo: NVA Rīgas filiāle', 'Demo: Филиал NVA в Rīga', 'Demo: NVA branch in Rīga'],
  [
    'Izdomāta Nodarbinātības valsts aģentūras filiāle.',
    'Вымышленный филиал Государственного агентства занятости (NVA).',
    'An invented branch of the State Employment Agency (NVA).',
  ],
  ['Bezdarbnieka statuss un darba meklēšana', 'Статус безработного и поиск работы', 'Unemployed status and job search'],
  [
    'Reģistrācija, vakances, CV un darba intervijas, pabalsts bezdarbniekiem.',
    'Регистрация, вакансии, CV и собеседования, пособие по безработице.',
    'Registration, job offers, CV and job interviews, unemployment benefit.',
  ],
  [
    'Izglītības dokumenti, ja ir',
    'Документы об образовании, если есть',
    'School or training certificates, if you have them',
  ],
  ['Kursi un arodu apmācība', 'Курсы и обучение профессии', 'Courses and trade training'],
  [
    'Bezmaksas kursi bezdarbniekiem: metinātājs, pavārs, autovadītājs u.c.',
    'Бесплатные курсы для безработных: сварщик, повар, водитель и другие.',
    'Free courses for unemployed people: welder, cook, driver and more.',
  ],
  ['Demo: NVA Rēzeknes filiāle', 'Demo: Филиал NVA в Rēzekne', 'Demo: NVA branch in Rēzekne'],
  ['Izdomāta NVA filiāle Rēzeknē.', 'Вымышленный филиал NVA в Rēzekne.', 'An invented NVA branch in Rēzekne.'],
  ['Darba meklēšana un bezdarbnieka statuss', 'Поиск работы и статус безработного', 'Job search and unemployed status'],
  [
    'Vakances Latgalē, reģistrācija un kursi.',
    'Вакансии в Latgale, регистрация и курсы.',
    'Job offers in Latgale, registration and courses.',
  ],
  ['Demo: NVA Ventspils filiāle', 'Demo: Филиал NVA в Ventspils', 'Demo: NVA branch in Ventspils'],
  ['Izdomāta NVA filiāle Ventspilī.', 'Вымышленный филиал NVA в Ventspils.', 'An invented NVA branch in Ventspils.'],
  ['Darba meklēšana', 'Поиск работы', 'Job search'],
  [
    'Vakances ostā un rūpnīcās, palīdzība ar CV.',
    'Вакансии в порту и на заводах, помощь с CV.',
    'Jobs at the port and in factories, help with your CV.',
  ],
  // ---- legal aid, probation ----
  [
    'Demo: Juridiskās palīdzības administrācija',
    'Demo: Администрация юридической помощи',
    'Demo: Legal Aid Administration',
  ],
  [
    'Izdomāta iestāde, kas piešķir valsts apmaksātu juristu.',
    'Вымышленное учреждение, которое даёт юриста за счёт государства.',
    'An invented office that gives you a lawyer paid by the state.',
  ],
  ['Bezmaksas jurists', 'Бесплатный юрист', 'Free lawyer'],
  [
    'Valsts apmaksāts jurists tiem, kam nav naudas: parādi, dzīvoklis, mantojums, pabalsti.',
    'Юрист за счёт государства для тех, у кого нет денег: долги, квартира, наследство, пособия.',
    'A lawyer paid by the state for people with no money: debts, housing, inheritance, benefits.',
  ],
  [
    'Jābūt trūcīga vai maznodrošināta statusam vai grūtā situācijā.',
    'Нужен статус малоимущего или нуждающегося, или трудное положение.',
    'You must have needy or low-income status, or be in a hard situation.',
  ],
  [
    'Aizpildiet iesniegumu; palīdzēs sociālais dienests.',
    'Заполните заявление; поможет социальная служба.',
    'Fill in an application; the social service will help.',
  ],
  [
    'Izziņa par trūcīgas personas statusu, ja ir',
    'Справка о статусе малоимущего, если есть',
    'Proof of needy status, if you have it',
  ],
  [
    'Demo: Valsts probācijas dienesta Rīgas nodaļa',
    'Demo: Отдел Государственной службы пробации в Rīga',
    'Demo: State Probation Service, Rīga office',
  ],
  [
    'Izdomāta probācijas nodaļa: plāns pēc atbrīvošanas, mentori, programmas.',
    'Вымышленный отдел пробации: план после освобождения, наставники, программы.',
    'An invented probation office: a plan after release, mentors, programmes.',
  ],
  ['Mentors pēc atbrīvošanas', 'Наставник после освобождения', 'A mentor after release'],
  [
    'Brīvprātīgais mentors, kas palīdz pirmajos mēnešos: dokumenti, darbs, mājoklis.',
    'Наставник-волонтёр помогает в первые месяцы: документы, работа, жильё.',
    'A volunteer mentor who helps in the first months: papers, work, a home.',
  ],
  ['Sociālās uzvedības programmas', 'Программы социального поведения', 'Behaviour programmes'],
  [
    'Grupu nodarbības: kā tikt galā ar dusmām, atkarību un stresu.',
    'Групповые занятия: как справиться с гневом, зависимостью и стрессом.',
    'Group sessions: how to deal with anger, addiction and stress.',
  ],
  [
    'Demo: Valsts probācijas dienesta Daugavpils nodaļa',
    'Demo: Отдел Государственной службы пробации в Daugavpils',
    'Demo: State Probation Service, Daugavpils office',
  ],
  [
    'Izdomāta probācijas nodaļa Daugavpilī.',
    'Вымышленный отдел пробации в Daugavpils.',
    'An invented probation office in Daugavpils.',
  ],
  ['Plāns pēc atbrīvošanas', 'План после освобождения', 'A plan after release'],
  [
    'Kopā sastādām plānu: kur dzīvot, kur strādāt, kur saņemt palīdzību.',
    'Вместе составим план: где жить, где работать, где получить помощь.',
    'Together we make a plan: where to live, where to work, where to get help.',
  ],
  // ---- narcology, VSAA ----
  [
    'Demo: Valsts narkoloģijas centrs',
    'Demo: Государственный наркологический центр',
    'Demo: State Addiction Treatment Centre',
  ],
  [
    'Izdomāts valsts centrs atkarību ārstēšanai.',
    'Вымышленный государственный центр лечения зависимостей.',
    'An invented state centre that treats addiction.',
  ],
  ['Detoksikācija', 'Детоксикация', 'Detox'],
  [
    'Ārstēšana slimnīcā, lai droši pārtrauktu dzert vai lietot narkotikas.',
    'Лечение в больнице, чтобы безопасно перестать пить или принимать наркотики.',
    'Treatment in hospital to stop drinking or taking drugs safely.',
  ],
  [
    'Valsts apmaksāts; pacienta iemaksa',
    'Оплачивает государство; взнос пациента',
    'Paid by the state; you pay the patient fee',
  ],
  [
    'Ģimenes ārsta nosūtījums, ja ir',
    'Направление семейного врача, если есть',
    'A referral from your family doctor, if you have one',
  ],
  ['Aizvietojošā terapija', 'Заместительная терапия', 'Substitution treatment'],
  [
    'Metadons vai buprenorfīns ārsta uzraudzībā.',
    'Метадон или бупренорфин под наблюдением врача.',
    'Methadone or buprenorphine with a doctor watching over you.',
  ],
  ['Valsts apmaksāts', 'Оплачивает государство', 'Paid by the state'],
  ['Narkologa konsultācija', 'Консультация нарколога', 'See an addiction doctor'],
  [
    'Ārsts, kas ārstē atkarību, pieņem bez nosūtījuma.',
    'Врач, который лечит зависимость, принимает без направления.',
    'A doctor who treats addiction sees you without a referral.',
  ],
  ['Pacienta iemaksa', 'Взнос пациента', 'Patient fee'],
  [
    'Demo: VSAA klientu apkalpošanas centrs',
    'Demo: Центр обслуживания клиентов VSAA',
    'Demo: VSAA customer service centre',
  ],
  [
    'Izdomāts Valsts sociālās apdrošināšanas aģentūras centrs.',
    'Вымышленный центр Государственного агентства социального страхования (VSAA).',
    'An invented centre of the State Social Insurance Agency (VSAA).',
  ],
  ['Pabalsti un pensijas', 'Пособия и пенсии', 'Benefits and pensions'],
  [
    'Uzzināt, kādus valsts pabalstus varat saņemt, un pieteikties.',
    'Узнайте, какие государственные пособия вам положены, и подайте заявление.',
    'Find out which state benefits you can get, and apply.',
  ],
  // ---- NGOs ----
  [
    'Demo: Biedrība "Jauns sākums – parauga pusceļa māja"',
    'Demo: Общество «Jauns sākums» — дом на полпути',
    'Demo: Society "Jauns sākums" – halfway house',
  ],
  [
    'Izdomāta biedrība, kas uztur pusceļa māju bijušajiem ieslodzītajiem.',
    'Вымышленное общество, которое содержит дом на полпути для бывших заключённых.',
    'An invented society that runs a halfway house for people who have left prison.',
  ],
  ['Pusceļa māja vīriešiem', 'Дом на полпути для мужчин', 'Halfway house for men'],
  [
    'Dzīvošana līdz 6 mēnešiem ar sociālā darbinieka atbalstu; palīdz atrast darbu un mājokli.',
    'Жильё до 6 месяцев с поддержкой социального работника; помогают найти работу и жильё.',
    'A place to live for up to 6 months with a social worker’s support; help to find work and a home.',
  ],
  [
    'Atbrīvots pēdējo 6 mēnešu laikā; jābūt skaidrā.',
    'Освобождён за последние 6 месяцев; нужно быть трезвым.',
    'Released in the last 6 months; you must be sober.',
  ],
  [
    'Bez maksas pirmo mēnesi, tad neliela īre',
    'Первый месяц бесплатно, потом небольшая плата за жильё',
    'Free for the first month, then a small rent',
  ],
  [
    'Zvaniet vai rakstiet vēl ieslodzījumā; probācijas darbinieks var pieteikt.',
    'Позвоните или напишите ещё из заключения; вас может записать сотрудник пробации.',
    'Call or write while you are still inside; your probation officer can sign you up.',
  ],
  [
    'Demo: Biedrība "Parauga patvērums sievietēm"',
    'Demo: Общество «Parauga patvērums sievietēm» — убежище для женщин',
    'Demo: Society "Parauga patvērums sievietēm" – refuge for women',
  ],
  [
    'Izdomāta biedrība, kas palīdz sievietēm krīzē.',
    'Вымышленное общество, которое помогает женщинам в кризисе.',
    'An invented society that helps women in crisis.',
  ],
  ['Krīzes centrs sievietēm', 'Кризисный центр для женщин', 'Crisis centre for women'],
  [
    'Droša vieta, psihologs un jurists sievietēm un viņu bērniem.',
    'Безопасное место, психолог и юрист для женщин и их детей.',
    'A safe place, a psychologist and a lawyer for women and their children.',
  ],
  [
    'Demo: Biedrība "Parauga zupas virtuve"',
    'Demo: Общество «Parauga zupas virtuve» — бесплатная кухня',
    'Demo: Society "Parauga zupas virtuve" – soup kitchen',
  ],
  ['Izdomāta zupas virtuve Rīgā.', 'Вымышленная бесплатная кухня в Rīga.', 'An invented soup kitchen in Rīga.'],
  ['Silta zupa un maize', 'Горячий суп и хлеб', 'Hot soup and bread'],
  [
    'Silta maltīte katru darbdienu un sestdien, bez jautājumiem.',
    'Горячая еда каждый рабочий день и в субботу, без вопросов.',
    'A hot meal every weekday and on Saturday, no questions asked.',
  ],
  ['Apģērba punkts', 'Пункт одежды', 'Clothes point'],
  ['Silts apģērbs un apavi bez maksas.', 'Тёплая одежда и обувь бесплатно.', 'Warm clothes and shoes, free.'],
  [
    'Demo: Parauga AA grupa "Otrdienas vakars"',
    'Demo: Группа АА «Otrdienas vakars» (вторник вечером)',
    'Demo: AA group "Otrdienas vakars" (Tuesday evening)',
  ],
  [
    'Izdomāta anonīmo alkoholiķu grupa.',
    'Вымышленная группа анонимных алкоголиков.',
    'An invented Alcoholics Anonymous group.',
  ],
  ['AA grupas sanāksmes', 'Встречи группы АА', 'AA group meetings'],
  [
    'Tikšanās ar cilvēkiem, kas arī atmet dzeršanu. Var atnākt bez pieteikšanās.',
    'Встречи с людьми, которые тоже бросают пить. Можно прийти без записи.',
    'Meetings with other people who are giving up drinking too. Just come, no need to book.',
  ],
  [
    'Demo: Rehabilitācijas centrs "Parauga ceļš"',
    'Demo: Реабилитационный центр «Parauga ceļš»',
    'Demo: Rehabilitation centre "Parauga ceļš"',
  ],
  [
    'Izdomāts rehabilitācijas centrs cilvēkiem ar atkarību.',
    'Вымышленный реабилитационный центр для людей с зависимостью.',
    'An invented rehabilitation centre for people with an addiction.',
  ],
  [
    'Rehabilitācijas programma ar dzīvošanu',
    'Реабилитационная программа с проживанием',
    'Live-in rehabilitation programme',
  ],
  [
    'Gads centrā: darbs, grupas, psihologs, lai dzīvotu bez narkotikām un alkohola.',
    'Год в центре: работа, группы, психолог — чтобы жить без наркотиков и алкоголя.',
    'A year at the centre: work, groups and a psychologist, to live without drugs and alcohol.',
  ],
  [
    'Jāiziet detoksikācija pirms iestāšanās.',
    'Перед поступлением нужно пройти детоксикацию.',
    'You must go through detox before you come.',
  ],
  [
    'Valsts apmaksāts ar narkologa nosūtījumu',
    'Оплачивает государство, если есть направление нарколога',
    'Paid by the state with a referral from an addiction doctor',
  ],
  [
    'Zvaniet un piesakieties uz pārrunām.',
    'Позвоните и запишитесь на собеседование.',
    'Call and ask for an interview.',
  ],
  ['Narkologa izziņa', 'Справка нарколога', 'A letter from an addiction doctor'],
  [
    'Demo: Biedrība "Parauga juridiskā klīnika"',
    'Demo: Общество «Parauga juridiskā klīnika» — юридическая клиника',
    'Demo: Society "Parauga juridiskā klīnika" – legal clinic',
  ],
  [
    'Izdomāta juridiskā klīnika: studenti un juristi konsultē bez maksas.',
    'Вымышленная юридическая клиника: студенты и юристы консультируют бесплатно.',
    'An invented legal clinic: students and lawyers give free advice.',
  ],
  ['Bezmaksas juridiskā konsultācija', 'Бесплатная юридическая консультация', 'Free legal advice'],
  [
    'Padoms par parādiem, sodiem, dzīvokli, mantojumu un pabalstiem.',
    'Совет по долгам, штрафам, квартире, наследству и пособиям.',
    'Advice on debts, fines, housing, inheritance and benefits.',
  ],
  [
    'Pierakstieties pa e-pastu vai tālruni.',
    'Запишитесь по электронной почте или по телефону.',
    'Book by e-mail or phone.',
  ],
  [
    'Visi papīri par jūsu jautājumu (līgumi, vēstules, spriedumi)',
    'Все бумаги по вашему вопросу (договоры, письма, решения суда)',
    'All the papers about your problem (contracts, letters, court rulings)',
  ],
  [
    'Demo: Sociālais uzņēmums "Parauga darbnīca"',
    'Demo: Социальное предприятие «Parauga darbnīca» — мастерская',
    'Demo: Social enterprise "Parauga darbnīca" – workshop',
  ],
  [
    'Izdomāts sociālais uzņēmums, kas pieņem darbā bijušos ieslodzītos.',
    'Вымышленное социальное предприятие, которое берёт на работу бывших заключённых.',
    'An invented social enterprise that hires people who have left prison.',
  ],
  ['Darbs darbnīcā', 'Работа в мастерской', 'Work in the workshop'],
  [
    'Algots darbs kokapstrādē, kamēr atrodat pastāvīgu darbu; apmāca arodu.',
    'Оплачиваемая работа по дереву, пока вы не найдёте постоянную; учат профессии.',
    'Paid woodwork until you find a steady job; they teach you the trade.',
  ],
  [
    'Demo: Biedrība "Parauga saruna"',
    'Demo: Общество «Parauga saruna» — психологическая помощь',
    'Demo: Society "Parauga saruna" – counselling',
  ],
  [
    'Izdomāta biedrība, kas piedāvā psihologu un atbalsta grupas.',
    'Вымышленное общество: психолог и группы поддержки.',
    'An invented society that offers a psychologist and support groups.',
  ],
  ['Psihologa konsultācijas', 'Консультации психолога', 'Talks with a psychologist'],
  [
    'Līdz 10 sarunām ar psihologu bez maksas.',
    'До 10 бесплатных встреч с психологом.',
    'Up to 10 free talks with a psychologist.',
  ],
  ['Atbalsta grupa pēc atbrīvošanas', 'Группа поддержки после освобождения', 'Support group after release'],
  [
    'Reizi nedēļā sarunas ar cilvēkiem, kas arī nesen atbrīvoti.',
    'Раз в неделю разговоры с людьми, которые тоже недавно освободились.',
    'Once a week, talks with other people who have also just been released.',
  ],
  [
    'Demo: Biedrība "Parauga tilts Latgalē"',
    'Demo: Общество «Parauga tilts Latgalē» — мост в Latgale',
    'Demo: Society "Parauga tilts Latgalē" – a bridge in Latgale',
  ],
  [
    'Izdomāta biedrība: mentori un programma pēc atbrīvošanas Latgalē.',
    'Вымышленное общество: наставники и программа после освобождения в Latgale.',
    'An invented society: mentors and a programme after release in Latgale.',
  ],
  ['Reintegrācijas programma', 'Программа возвращения в общество', 'Resettlement programme'],
  [
    'Pusgada programma: mentors, darba meklēšana, psihologs un palīdzība ar dokumentiem.',
    'Программа на полгода: наставник, поиск работы, психолог и помощь с документами.',
    'A six-month programme: a mentor, job search, a psychologist and help with papers.',
  ],
  [
    'Demo: Parauga zema sliekšņa centrs',
    'Demo: Центр низкого порога «Parauga»',
    'Demo: Low-threshold centre "Parauga"',
  ],
  [
    'Izdomāts zema sliekšņa centrs cilvēkiem, kas lieto narkotikas.',
    'Вымышленный центр низкого порога для людей, которые употребляют наркотики.',
    'An invented drop-in centre for people who use drugs.',
  ],
  ['Konsultācijas un šļirču apmaiņa', 'Консультации и обмен шприцев', 'Advice and needle exchange'],
  [
    'Anonīmi: konsultācija, testi, šļirču apmaiņa, nosūtījums uz ārstēšanos.',
    'Анонимно: консультация, тесты, обмен шприцев, направление на лечение.',
    'No names needed: advice, tests, needle exchange, a referral for treatment.',
  ],
  // ---- churches, private, prisons ----
  [
    'Demo: Parauga draudzes žēlsirdības virtuve',
    'Demo: Благотворительная кухня прихода «Parauga»',
    'Demo: "Parauga" parish charity kitchen',
  ],
  [
    'Izdomāta draudzes virtuve un apģērba punkts.',
    'Вымышленная кухня прихода и пункт одежды.',
    'An invented parish kitchen and clothes point.',
  ],
  ['Bezmaksas pusdienas un apģērbs', 'Бесплатный обед и одежда', 'Free lunch and clothes'],
  [
    'Pusdienas darbdienās, apģērbs un saruna ar mācītāju.',
    'Обед по рабочим дням, одежда и разговор со священником.',
    'Lunch on weekdays, clothes and a talk with the pastor.',
  ],
  [
    'Demo: Kristīgā rehabilitācijas kopiena "Parauga sēta"',
    'Demo: Христианская реабилитационная община «Parauga sēta»',
    'Demo: Christian rehabilitation community "Parauga sēta"',
  ],
  [
    'Izdomāta kristīga kopiena laukos, kur dzīvo un strādā cilvēki pēc atkarības un ieslodzījuma.',
    'Вымышленная христианская община в деревне, где живут и работают люди после зависимости и заключения.',
    'An invented Christian community in the countryside where people live and work after addiction and prison.',
  ],
  ['Dzīve un darbs kopienā', 'Жизнь и работа в общине', 'Living and working in the community'],
  [
    'Var dzīvot līdz gadam: darbs saimniecībā, grupas, lūgšanas, palīdzība sākt no jauna.',
    'Можно жить до года: работа на хозяйстве, группы, молитвы, помощь начать заново.',
    'You can stay up to a year: farm work, groups, prayer, help to make a fresh start.',
  ],
  [
    'Jābūt gatavam dzīvot bez alkohola un narkotikām.',
    'Нужно быть готовым жить без алкоголя и наркотиков.',
    'You must be ready to live without alcohol and drugs.',
  ],
  [
    'Demo: Parauga cietuma kapelānu biedrība',
    'Demo: Общество тюремных капелланов «Parauga»',
    'Demo: "Parauga" prison chaplains’ society',
  ],
  [
    'Izdomāti kapelāni, kas apmeklē ieslodzītos un palīdz pēc atbrīvošanas.',
    'Вымышленные капелланы, которые навещают заключённых и помогают после освобождения.',
    'Invented chaplains who visit people in prison and help after release.',
  ],
  [
    'Kapelāns un atbalsts pēc atbrīvošanas',
    'Капеллан и поддержка после освобождения',
    'A chaplain and support after release',
  ],
  [
    'Saruna, lūgšana, palīdzība sazināties ar ģimeni un atrast palīdzību.',
    'Разговор, молитва, помощь связаться с семьёй и найти помощь.',
    'A talk, prayer, help to get in touch with your family and to find help.',
  ],
  [
    'Zvaniet; kapelāns atbrauks vai satiksies jums ērtā vietā.',
    'Позвоните; капеллан приедет или встретится с вами там, где вам удобно.',
    'Call; the chaplain will come to you or meet you where it suits you.',
  ],
  ['Demo: Draudzes naktsmājas Valmierā', 'Demo: Ночлежка прихода в Valmiera', 'Demo: Parish night shelter in Valmiera'],
  [
    'Izdomātas draudzes naktsmājas ziemas mēnešos.',
    'Вымышленная ночлежка прихода в зимние месяцы.',
    'An invented parish night shelter for the winter months.',
  ],
  ['Ziemas naktsmājas', 'Зимняя ночлежка', 'Winter night shelter'],
  [
    'Gulta un tēja aukstajās naktīs. Uzņem vakarā.',
    'Кровать и чай в холодные ночи. Принимают вечером.',
    'A bed and tea on cold nights. They take people in in the evening.',
  ],
  [
    'Demo: Parauga katoļu labdarības punkts',
    'Demo: Католический благотворительный пункт «Parauga»',
    'Demo: "Parauga" Catholic charity point',
  ],
  [
    'Izdomāts labdarības punkts Rēzeknē.',
    'Вымышленный благотворительный пункт в Rēzekne.',
    'An invented charity point in Rēzekne.',
  ],
  ['Apģērbs, pārtika un ceļa nauda', 'Одежда, еда и деньги на дорогу', 'Clothes, food and money for the journey'],
  [
    'Apģērbs, pārtikas paka un biļete, lai nokļūtu mājās.',
    'Одежда, продуктовый пакет и билет, чтобы добраться домой.',
    'Clothes, a food parcel and a ticket to get home.',
  ],
  [
    'Demo: Privātklīnika "Parauga veselība"',
    'Demo: Частная клиника «Parauga veselība»',
    'Demo: Private clinic "Parauga veselība"',
  ],
  [
    'Izdomāta privātklīnika: narkologs un psihoterapeits.',
    'Вымышленная частная клиника: нарколог и психотерапевт.',
    'An invented private clinic: an addiction doctor and a psychotherapist.',
  ],
  ['Narkologs un psihoterapija', 'Нарколог и психотерапия', 'Addiction doctor and psychotherapy'],
  [
    'Ārstēšana ambulatori, ar pierakstu.',
    'Лечение амбулаторно, по записи.',
    'Treatment without staying in hospital, by appointment.',
  ],
  [
    'Par maksu; pirmā konsultācija 40 eiro',
    'Платно; первая консультация 40 евро',
    'You pay; the first visit costs 40 euros',
  ],
  ['Pierakstieties pa tālruni.', 'Запишитесь по телефону.', 'Book by phone.'],
  [
    'Demo: Darbā iekārtošanas aģentūra "Parauga darbs"',
    'Demo: Агентство по трудоустройству «Parauga darbs»',
    'Demo: Job agency "Parauga darbs"',
  ],
  [
    'Izdomāta privāta aģentūra, kas sadarbojas ar probāciju.',
    'Вымышленное частное агентство, которое работает вместе с пробацией.',
    'An invented private agency that works with the probation service.',
  ],
  ['Darba piedāvājumi', 'Предложения работы', 'Job offers'],
  [
    'Darbs būvniecībā, noliktavās un ražošanā; palīdz ar CV.',
    'Работа на стройке, на складах и на производстве; помогают с CV.',
    'Work in building, warehouses and factories; help with your CV.',
  ],
  ['Darba meklētājam bez maksas', 'Для ищущего работу — бесплатно', 'Free for job seekers'],
  ['Demo: Hostelis "Parauga nakts"', 'Demo: Хостел «Parauga nakts»', 'Demo: Hostel "Parauga nakts"'],
  [
    'Izdomāts lēts hostelis, kas sadarbojas ar sociālo dienestu.',
    'Вымышленный дешёвый хостел, который работает с социальной службой.',
    'An invented cheap hostel that works with the social service.',
  ],
  ['Lēta gulta hostelī', 'Дешёвая кровать в хостеле', 'A cheap bed in a hostel'],
  [
    'Gulta kopistabā; ar sociālā dienesta nosūtījumu samaksā dienests.',
    'Кровать в общей комнате; с направлением социальной службы платит служба.',
    'A bed in a shared room; with a referral from the social service, the service pays.',
  ],
  ['12 eiro naktī', '12 евро за ночь', '12 euros a night'],
  ['Demo: Parauga cietums Latgalē', 'Demo: Тюрьма «Parauga» в Latgale', 'Demo: "Parauga" prison in Latgale'],
  [
    'Izdomāta ieslodzījuma vieta; sociālais darbs pirms atbrīvošanas.',
    'Вымышленное место заключения; социальная работа перед освобождением.',
    'An invented prison; social work before release.',
  ],
  ['Sagatavošana atbrīvošanai', 'Подготовка к освобождению', 'Getting ready for release'],
  [
    'Pirms atbrīvošanas palīdz noformēt pasi un personas kodu, sazināties ar sociālo dienestu.',
    'Перед освобождением помогают оформить паспорт и персональный код, связаться с социальной службой.',
    'Before release, help to get a passport and a personal code, and to contact the social service.',
  ],
  [
    'Tikai šīs ieslodzījuma vietas ieslodzītajiem pēdējos 6 mēnešos pirms atbrīvošanas.',
    'Только для заключённых этого учреждения, в последние 6 месяцев перед освобождением.',
    'Only for people held in this prison, in their last 6 months before release.',
  ],
  ['Atkarību programma', 'Программа для людей с зависимостью', 'Addiction programme'],
  [
    'Grupu programma ieslodzījuma laikā cilvēkiem ar alkohola vai narkotiku atkarību.',
    'Групповая программа во время заключения для людей с зависимостью от алкоголя или наркотиков.',
    'A group programme in prison for people addicted to alcohol or drugs.',
  ],
  [
    'Tikai šīs ieslodzījuma vietas ieslodzītajiem.',
    'Только для заключённых этого учреждения.',
    'Only for people held in this prison.',
  ],
  ['Demo: Parauga cietums sievietēm', 'Demo: Женская тюрьма «Parauga»', 'Demo: "Parauga" prison for women'],
  [
    'Izdomāta ieslodzījuma vieta sievietēm.',
    'Вымышленное место заключения для женщин.',
    'An invented prison for women.',
  ],
  ['Sagatavošana atbrīvošanai un ģimene', 'Подготовка к освобождению и семья', 'Getting ready for release, and family'],
  [
    'Dokumenti, saziņa ar bērniem un ģimeni, plāns pēc atbrīvošanas.',
    'Документы, связь с детьми и семьёй, план после освобождения.',
    'Papers, keeping in touch with your children and family, a plan after release.',
  ],
  [
    'Tikai šīs ieslodzījuma vietas ieslodzītajām.',
    'Только для заключённых женщин этого учреждения.',
    'Only for women held in this prison.',
  ],
  ['Demo: Parauga cietums Kurzemē', 'Demo: Тюрьма «Parauga» в Kurzeme', 'Demo: "Parauga" prison in Kurzeme'],
  ['Izdomāta ieslodzījuma vieta Kurzemē.', 'Вымышленное место заключения в Kurzeme.', 'An invented prison in Kurzeme.'],
  ['Arodizglītība ieslodzījumā', 'Обучение профессии в заключении', 'Trade training in prison'],
  [
    'Kursi un arods ieslodzījuma laikā, lai pēc tam vieglāk atrastu darbu.',
    'Курсы и профессия во время заключения, чтобы потом легче найти работу.',
    'Courses and a trade while in prison, so it is easier to find work afterwards.',
  ],
  [
    'Demo: Parauga audzināšanas iestāde nepilngadīgajiem',
    'Demo: Воспитательное учреждение для несовершеннолетних «Parauga»',
    'Demo: "Parauga" young offenders’ institution',
  ],
  [
    'Izdomāta ieslodzījuma vieta jauniešiem.',
    'Вымышленное место заключения для молодёжи.',
    'An invented prison for young people.',
  ],
  [
    'Skola, psihologs un sagatavošana atbrīvošanai',
    'Школа, психолог и подготовка к освобождению',
    'School, a psychologist and getting ready for release',
  ],
  [
    'Mācības, psihologs un plāns kopā ar ģimeni un sociālo dienestu.',
    'Учёба, психолог и план вместе с семьёй и социальной службой.',
    'Lessons, a psychologist, and a plan made with your family and the social service.',
  ],
  ['Tikai šīs iestādes audzēkņiem.', 'Только для воспитанников этого учреждения.', 'Only for young people held here.'],
];

/** Latvian demo text → its Russian and English. */
export const demoTranslations: ReadonlyMap<string, DemoTranslation> = new Map(
  entries.map(([lv, ru, en]) => [lv, { ru, en }]),
);
