import type { MessageCatalog } from '../core/i18n.js';

/** Words of the referral notifications: the service, the due time and a link, never who the referral is about. */
export const referralNotificationMessages: MessageCatalog = {
  lv: {
    'referral.digest.subject': 'Reentry Atlas: nosūtījumu kopsavilkums, {date}',
    'referral.digest.send': {
      zero: '{count} jaunu nosūtījumu uz pakalpojumu „{service}”, pirmais jāatbild līdz {due}',
      one: '{count} jauns nosūtījums uz pakalpojumu „{service}”, jāatbild līdz {due}',
      other: '{count} jauni nosūtījumi uz pakalpojumu „{service}”, pirmais jāatbild līdz {due}',
    },
    'referral.digest.answer_info': {
      zero: '{count} atbilžu par nosūtījumiem uz pakalpojumu „{service}”, pirmā jāizskata līdz {due}',
      one: '{count} atbilde par nosūtījumu uz pakalpojumu „{service}”, jāizskata līdz {due}',
      other: '{count} atbildes par nosūtījumiem uz pakalpojumu „{service}”, pirmā jāizskata līdz {due}',
    },
    'referral.digest.request_info': {
      zero: '{count} jautājumu par nosūtījumiem uz pakalpojumu „{service}”',
      one: '{count} jautājums par nosūtījumu uz pakalpojumu „{service}”',
      other: '{count} jautājumi par nosūtījumiem uz pakalpojumu „{service}”',
    },
    'referral.digest.accept': {
      zero: '{count} pieņemtu nosūtījumu uz pakalpojumu „{service}”',
      one: '{count} pieņemts nosūtījums uz pakalpojumu „{service}”',
      other: '{count} pieņemti nosūtījumi uz pakalpojumu „{service}”',
    },
    'referral.digest.decline': {
      zero: '{count} noraidītu nosūtījumu uz pakalpojumu „{service}”',
      one: '{count} noraidīts nosūtījums uz pakalpojumu „{service}”',
      other: '{count} noraidīti nosūtījumi uz pakalpojumu „{service}”',
    },
    'referral.digest.expire': {
      zero: '{count} nosūtījumu uz pakalpojumu „{service}” beidzās bez atbildes',
      one: '{count} nosūtījums uz pakalpojumu „{service}” beidzās bez atbildes',
      other: '{count} nosūtījumi uz pakalpojumu „{service}” beidzās bez atbildes',
    },
    'referral.digest.footer':
      'Šajā vēstulē neviens nav nosaukts. Kopsavilkumu vienreiz dienā var nomainīt pret atsevišķām vēstulēm savā konta lapā.',
    'referral.notify.send': '1 jauns nosūtījums uz pakalpojumu „{service}”, atbildiet līdz {due}',
    'referral.notify.answer_info': 'Saņemta atbilde par nosūtījumu uz pakalpojumu „{service}”, atbildiet līdz {due}',
    'referral.notify.request_info': 'Jautājums par nosūtījumu uz pakalpojumu „{service}”',
    'referral.notify.accept': 'Nosūtījums uz pakalpojumu „{service}” ir pieņemts',
    'referral.notify.decline': 'Nosūtījums uz pakalpojumu „{service}” ir noraidīts',
    'referral.notify.expire': 'Nosūtījumam uz pakalpojumu „{service}” atbildes laiks beidzās bez atbildes',
    'referral.notify.no_due': 'bez termiņa',
    'referral.notify.footer':
      'Šajā vēstulē neviens nav nosaukts. Nosūtījumu var redzēt, atverot saiti un piesakoties Reentry Atlas.',
  },
  ru: {
    'referral.digest.subject': 'Reentry Atlas: сводка направлений, {date}',
    'referral.digest.send': {
      one: '{count} новое направление в службу «{service}», первый ответ до {due}',
      few: '{count} новых направления в службу «{service}», первый ответ до {due}',
      many: '{count} новых направлений в службу «{service}», первый ответ до {due}',
      other: '{count} новых направления в службу «{service}», первый ответ до {due}',
    },
    'referral.digest.answer_info': {
      one: '{count} ответ по направлениям в службу «{service}», рассмотреть до {due}',
      few: '{count} ответа по направлениям в службу «{service}», первый рассмотреть до {due}',
      many: '{count} ответов по направлениям в службу «{service}», первый рассмотреть до {due}',
      other: '{count} ответа по направлениям в службу «{service}», первый рассмотреть до {due}',
    },
    'referral.digest.request_info': {
      one: '{count} вопрос по направлениям в службу «{service}»',
      few: '{count} вопроса по направлениям в службу «{service}»',
      many: '{count} вопросов по направлениям в службу «{service}»',
      other: '{count} вопроса по направлениям в службу «{service}»',
    },
    'referral.digest.accept': {
      one: '{count} направление в службу «{service}» принято',
      few: '{count} направления в службу «{service}» приняты',
      many: '{count} направлений в службу «{service}» принято',
      other: '{count} направления в службу «{service}» приняты',
    },
    'referral.digest.decline': {
      one: '{count} направление в службу «{service}» отклонено',
      few: '{count} направления в службу «{service}» отклонены',
      many: '{count} направлений в службу «{service}» отклонено',
      other: '{count} направления в службу «{service}» отклонены',
    },
    'referral.digest.expire': {
      one: 'У {count} направления в службу «{service}» истёк срок ответа',
      few: 'У {count} направлений в службу «{service}» истёк срок ответа',
      many: 'У {count} направлений в службу «{service}» истёк срок ответа',
      other: 'У {count} направления в службу «{service}» истёк срок ответа',
    },
    'referral.digest.footer':
      'В этом письме никто не назван. Сводку раз в день можно заменить отдельными письмами на странице своей учётной записи.',
    'referral.notify.send': '1 новое направление в службу «{service}», ответьте до {due}',
    'referral.notify.answer_info': 'Получен ответ по направлению в службу «{service}», ответьте до {due}',
    'referral.notify.request_info': 'Вопрос по направлению в службу «{service}»',
    'referral.notify.accept': 'Направление в службу «{service}» принято',
    'referral.notify.decline': 'Направление в службу «{service}» отклонено',
    'referral.notify.expire': 'Срок ответа на направление в службу «{service}» истёк без ответа',
    'referral.notify.no_due': 'без срока',
    'referral.notify.footer':
      'В этом письме никто не назван. Направление можно увидеть по ссылке после входа в Reentry Atlas.',
  },
  en: {
    'referral.digest.subject': 'Reentry Atlas: referrals summary, {date}',
    'referral.digest.send': {
      one: '{count} new referral for {service}, answer by {due}',
      other: '{count} new referrals for {service}, the first due {due}',
    },
    'referral.digest.answer_info': {
      one: '{count} answer on a referral for {service}, answer by {due}',
      other: '{count} answers on referrals for {service}, the first due {due}',
    },
    'referral.digest.request_info': {
      one: '{count} question about a referral to {service}',
      other: '{count} questions about referrals to {service}',
    },
    'referral.digest.accept': {
      one: '{count} referral to {service} was accepted',
      other: '{count} referrals to {service} were accepted',
    },
    'referral.digest.decline': {
      one: '{count} referral to {service} was declined',
      other: '{count} referrals to {service} were declined',
    },
    'referral.digest.expire': {
      one: '{count} referral to {service} expired without an answer',
      other: '{count} referrals to {service} expired without an answer',
    },
    'referral.digest.footer':
      'This message names no one. You can switch the daily summary back to one e-mail per event on your account page.',
    'referral.notify.send': '1 new referral for {service}, answer by {due}',
    'referral.notify.answer_info': 'Information answered on a referral for {service}, answer by {due}',
    'referral.notify.request_info': 'A question about a referral to {service}',
    'referral.notify.accept': 'A referral to {service} was accepted',
    'referral.notify.decline': 'A referral to {service} was declined',
    'referral.notify.expire': 'A referral to {service} expired without an answer',
    'referral.notify.no_due': 'no due time',
    'referral.notify.footer':
      'This message names no one. Open the link and sign in to Reentry Atlas to see the referral.',
  },
};
