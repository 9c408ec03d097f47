import type { MessageCatalog } from '../core/i18n.js';

/** Words of the referral notifications: the service, the due time and a link, never who the referral is about. */
export const referralNotificationMessages: MessageCatalog = {
  lv: {
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
