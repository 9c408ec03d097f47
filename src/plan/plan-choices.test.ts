// The plan's second version (issue 14 item 6, issue 15 item 7): sex and age leave places out, the person chooses
// the places on a review step, the PDF has the release date, a notes area, 11 pt text and no lone item on its last
// page, large print is larger, no link carries what the person said of themselves, and a place's legal basis is
// said as "this is your right under …".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { anonymousVisitorForTest, formPost, type TestSession } from '../accounts/testing.js';
import { readPdfPages, readPdfText, readPdfTextSizes } from '../testing/pdf.js';
import { createTestApp } from '../testing/test-database.js';
import { addTestService } from './plan.fixtures.js';
import { itemToMove, renderPlanPdf } from './plan.pdf.js';
import type { PlanDocument } from './plan.document.js';

const daugavpils = '0002000';
let context: Awaited<ReturnType<typeof createTestApp>>;
let visitor: TestSession;
const ids: Record<string, string> = {};
const right = {
  law: 'Daugavpils pašvaldības saistošie noteikumi Nr. 99 (tests)',
  article: '7. punkts',
  url: 'https://example.org/tests/noteikumi-99',
  amount: 'līdz 150 EUR',
  limits: 'vienu reizi',
};

before(async () => {
  context = await createTestApp();
  const { db } = context;
  const add = async (key: string, specification: Parameters<typeof addTestService>[1]) => {
    ids[key] = (await addTestService(db, specification)).serviceId;
  };
  await add('women', {
    name: 'Aizsargātā māja sievietēm',
    helpTypes: ['shelter'],
    territoryCode: daugavpils,
    eligibleSex: 'female',
  });
  await add('shelter', { name: 'Daugavpils naktsmājas', helpTypes: ['shelter'], territoryCode: daugavpils });
  await add('young', {
    name: 'Jauniešu patversme',
    helpTypes: ['shelter'],
    territoryCode: daugavpils,
    maximumAge: 25,
  });
  await add('social', {
    name: 'Pabalsts pēc atbrīvošanas',
    institutionName: 'Daugavpils Sociālais dienests',
    institutionType: 'municipal_social_service',
    helpTypes: ['material.one_off_benefit'],
    territoryCode: daugavpils,
    residencyTerritoryCodes: [daugavpils],
    entitlement: right,
  });
  await add('womenGroup', {
    name: 'Atbalsta grupa sievietēm',
    helpTypes: ['psychological.support_group'],
    territoryCode: daugavpils,
    eligibleSex: 'female',
  });
  await add('psychologist', {
    name: 'Psihologa konsultācija',
    helpTypes: ['psychological'],
    territoryCode: daugavpils,
  });
  visitor = await anonymousVisitorForTest(db);
});

after(async () => {
  await context.close();
});

const answers = {
  release_date: '2026-12-12',
  sex: 'male',
  age: '40',
  place: 'Daugavpils',
  residence: daugavpils,
  needs: ['shelter', 'psychological'],
};

/** Posts the form in Russian and follows the redirect with the cookies it set, as a browser would. */
async function makePlanAsBrowser() {
  const posted = await formPost(context.app, '/plan?lang=ru', answers, visitor);
  assert.equal(posted.status, 303);
  const cookies = posted.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .join('; ');
  const location = posted.headers.get('location')!;
  const page = await context.app.request(location, { headers: { cookie: `${visitor.cookie}; ${cookies}` } });
  return { posted, cookies, location, html: await page.text(), status: page.status };
}

test('a plan for a man of 40 leaves out women-only and young people’s places; the link holds none of it', async () => {
  const { posted, cookies, location, html, status } = await makePlanAsBrowser();
  assert.equal(status, 200);
  const url = new URL(location, 'http://localhost');
  assert.deepEqual([...url.searchParams.keys()].sort(), ['lang', 'needs', 'residence', 'territory']);
  assert.doesNotMatch(location, /male|2026|40/);
  assert.match(cookies, /atlas_plan_person=male\.40/);
  assert.match(posted.headers.getSetCookie().join('\n'), /atlas_plan_person=male\.40;.*HttpOnly/);

  for (const name of ['Aizsargātā māja sievietēm', 'Atbalsta grupa sievietēm', 'Jauniešu patversme'])
    assert.ok(!html.includes(name), `${name} is left out of a plan for a man of 40`);
  for (const name of ['Daugavpils naktsmājas', 'Psihologa konsultācija', 'Daugavpils Sociālais dienests'])
    assert.ok(html.includes(name), `${name} is in the plan`);
  assert.match(html, /Для кого план: мужчина, 40 лет/);

  // Every link and form address on the page is free of what he said of himself; only form fields carry it.
  const addresses = [...html.matchAll(/(?:href|action|formaction)="([^"]*)"/g)].map((match) => match[1]!);
  assert.ok(addresses.length > 5);
  for (const address of addresses) assert.doesNotMatch(address, /male|2026-12-12|age=|sex=|release/, address);
  assert.match(html, /<input type="hidden" name="sex" value="male"/);
  assert.match(html, /<input type="hidden" name="release_date" value="2026-12-12"/);

  // The same link without his cookie (sent to someone else) does not know his sex: the women's place is back.
  const shared = await (await context.app.request(location)).text();
  assert.ok(shared.includes('Aizsargātā māja sievietēm'));
  assert.ok(!shared.includes('Для кого план'));
});

test('the review step offers a checkbox per place; the chosen plan and its PDF keep only the chosen places', async () => {
  const { html } = await makePlanAsBrowser();
  const boxes = [...html.matchAll(/<input type="checkbox" name="places" value="([^"]+)" checked/g)].map(
    (match) => match[1]!,
  );
  assert.ok(boxes.includes(ids.shelter!) && boxes.includes(ids.psychologist!), 'each offered place has a box');
  assert.ok(!boxes.includes(ids.women!));

  const chosen = { territory: daugavpils, residence: daugavpils, needs: answers.needs, chosen: '1' };
  const person = { release_date: '2026-12-12', sex: 'male', age: '40' };
  const page = await formPost(
    context.app,
    '/plan/result?lang=ru',
    { ...chosen, ...person, places: [ids.shelter!, ids.social!] },
    visitor,
  );
  assert.equal(page.status, 200);
  const text = await page.text();
  assert.ok(text.includes('Daugavpils naktsmājas'));
  assert.ok(!text.includes('Psihologa konsultācija'), 'a place he unticked is left out');
  assert.match(text, /Здесь вы не выбрали ни одного места\./);
  assert.match(text, /День освобождения: суббота, 12 декабря 2026/);

  const pdf = await formPost(
    context.app,
    '/plan.pdf?lang=ru',
    { ...chosen, ...person, places: [ids.shelter!, ids.social!] },
    visitor,
  );
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.match(pdf.headers.get('content-disposition') ?? '', /plan-posle-osvobozhdeniya\.pdf/);
  const bytes = new Uint8Array(await pdf.arrayBuffer());
  const pdfText = await readPdfText(bytes);
  for (const expected of [
    'Ваш план после освобождения',
    'День освобождения: суббота, 12 декабря 2026',
    'Для кого план: мужчина, 40 лет',
    'Daugavpils naktsmājas',
    'Заметки',
    `Это ваше право по: ${right.law}, ${right.article}.`,
    'Размер: līdz 150 EUR.',
  ])
    assert.ok(pdfText.includes(expected), `the PDF lacks “${expected}”`);
  assert.ok(!pdfText.includes('Psihologa konsultācija'));
  assert.ok(!pdfText.includes('Aizsargātā māja sievietēm'));

  // Body text is 11 pt: nothing but the footer is smaller, and 11 pt is the commonest size.
  const standardSizes = (await readPdfTextSizes(bytes)).flat();
  const body = standardSizes.filter((item) => !/Reentry Atlas|Страница/.test(item.text));
  assert.ok(Math.min(...body.map((item) => item.size)) >= 11, 'no body text under 11 pt');
  assert.equal(commonestSize(body), 11);

  // Large print: 16 pt body text, more pages, its own file name.
  const large = await formPost(
    context.app,
    '/plan.pdf?lang=ru',
    { ...chosen, ...person, places: [ids.shelter!, ids.social!], print: 'large' },
    visitor,
  );
  assert.match(large.headers.get('content-disposition') ?? '', /krupnyj-shrift\.pdf/);
  const largeBytes = new Uint8Array(await large.arrayBuffer());
  const largeBody = (await readPdfTextSizes(largeBytes))
    .flat()
    .filter((item) => !/Reentry Atlas|Страница/.test(item.text));
  assert.equal(commonestSize(largeBody), 16);
  assert.ok(Math.min(...largeBody.map((item) => item.size)) >= 16);
  assert.ok((await readPdfPages(largeBytes)).length >= (await readPdfPages(bytes)).length);
  assert.ok((await readPdfText(largeBytes)).includes('День освобождения: суббота, 12 декабря 2026'));
});

test('without a release date the PDF has a line to write it on; a broken review form is a 400, not a 500', async () => {
  const pdf = await context.app.request(`/plan.pdf?territory=${daugavpils}&needs=shelter&lang=en`);
  assert.equal(pdf.status, 200);
  const text = await readPdfText(new Uint8Array(await pdf.arrayBuffer()));
  assert.match(text, /Release day:/);
  assert.ok(!/Release day: \w+day/.test(text));

  const broken: Array<Record<string, string>> = [
    { territory: '12', needs: 'shelter' },
    { territory: daugavpils, needs: 'wings' },
    { territory: daugavpils, age: 'forty' },
    { territory: daugavpils, sex: 'robot' },
    { territory: daugavpils, release_date: '2026-02-30' },
    { territory: daugavpils, places: 'x" onmouseover="alert(1)' },
  ];
  for (const fields of broken) {
    for (const path of ['/plan.pdf', '/plan/result']) {
      const response = await formPost(context.app, `${path}?lang=ru`, fields, visitor);
      assert.equal(response.status, 400, `${path} ${JSON.stringify(fields)}`);
    }
  }
  const form = await formPost(context.app, '/plan?lang=en', { ...answers, age: '4000' }, visitor);
  assert.equal(form.status, 400);
  assert.match(await form.text(), /Write your age in years: a number from 14 to 120\./);
});

test('the last page never holds a single item: every plan, standard and large print', async () => {
  const titles = (count: number) => Array.from({ length: count }, (_, index) => `Solis ${index + 1}`);
  for (const largePrint of [false, true]) {
    for (let steps = 1; steps <= 14; steps++) {
      const document = syntheticPlan(titles(steps));
      const bytes = await renderPlanPdf(document, {
        pageLabel: (page, pages) => `${page}/${pages}`,
        footerUrl: 'http://localhost',
        largePrint,
      });
      const pages = await readPdfPages(new Uint8Array(bytes));
      const last = pages.at(-1)!;
      const items = titles(steps).filter((title) => new RegExp(`(^|\\n)${title}\\n`).test(last));
      assert.ok(last.includes('Piezīmes'), 'the notes area ends the plan');
      if (pages.length > 1) {
        // A step that runs over from the page before counts too: its places are on the last page.
        const continued = titles(steps).some(
          (title, index) => !items.includes(title) && last.includes(`Vieta ${index + 1}.`),
        );
        assert.ok(items.length + (continued ? 1 : 0) >= 1, `${steps} steps, large ${largePrint}: ${last}`);
      }
    }
  }
  // The rule itself: one item alone on the last page moves the item before it over.
  assert.equal(
    itemToMove([
      { start: 0, end: 0 },
      { start: 1, end: 1 },
    ]),
    0,
  );
  assert.equal(
    itemToMove([
      { start: 0, end: 0 },
      { start: 1, end: 1 },
      { start: 1, end: 1 },
    ]),
    null,
  );
  assert.equal(
    itemToMove([
      { start: 0, end: 1 },
      { start: 1, end: 1 },
    ]),
    null,
  );
  assert.equal(itemToMove([{ start: 0, end: 0 }]), null);
});

test('the right to a place is said on the plan page in lv, ru and en', async () => {
  for (const [language, words] of [
    ['lv', `Tās ir jūsu tiesības saskaņā ar: ${right.law}, ${right.article}.`],
    ['ru', `Это ваше право по: ${right.law}, ${right.article}.`],
    ['en', `This is your right under ${right.law}, ${right.article}.`],
  ] as const) {
    const html = await (
      await context.app.request(`/plan/result?territory=${daugavpils}&residence=${daugavpils}&lang=${language}`)
    ).text();
    assert.ok(html.includes(words), `${language}: ${words}`);
    assert.ok(html.includes(`href="${right.url}"`));
  }
});

function commonestSize(items: Array<{ size: number }>): number {
  const counts = new Map<number, number>();
  for (const item of items) counts.set(item.size, (counts.get(item.size) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/** A plan document with steps of the same shape, to walk the page breaks through every count. */
function syntheticPlan(titles: string[]): PlanDocument {
  return {
    title: 'Plāns',
    facts: ['Kur būsiet: Daugavpils'],
    warning: null,
    advice: 'Pirms ejat, piezvaniet.',
    stages: [
      {
        number: 1,
        heading: 'Pirmās nedēļas',
        note: null,
        steps: titles.map((title, index) => ({
          title,
          todo: 'Aizejiet un pajautājiet, kā var palīdzēt. '.repeat(3),
          bring: 'Pase vai ID karte.',
          places: [1, 2].map((place) => ({
            key: null,
            name: `Vieta ${index + 1}.${place}`,
            detail: null,
            href: null,
            isDemo: false,
            lines: [
              { label: 'Adrese', text: 'Rīgas iela 1, Daugavpils' },
              { label: 'Tālr.', text: '+371 60000000' },
            ],
            reason: null,
          })),
          placesNote: null,
          more: null,
          notForYou: [],
        })),
      },
    ],
    madeOn: 'Plāns sastādīts: 2026. gada 7. decembris',
    demoBadge: 'Piemēra dati',
    bringLabel: 'Ko ņemt līdzi',
    notForYouLabel: 'Šeit nepalīdzēs:',
    notesTitle: 'Piezīmes',
    releaseLabel: 'Atbrīvošanas diena:',
    hasReleaseDate: false,
    referrals: null,
  };
}
