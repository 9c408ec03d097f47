import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DatabaseHandle } from '../db/connection.js';
import { helpTypeCodes, helpTypes } from '../registry/help-types.js';
import { institutionTypes } from '../registry/registry.enums.js';
import { searchInstitutions } from '../registry/institution-read.service.js';
import { addTestInstitution } from '../registry/registry.fixtures.js';
import { isDemonstrationWave } from '../surveys/lv2004/demo-wave.js';
import { createWave, listWaves } from '../surveys/wave.service.js';
import { openTestDatabase, testConfig } from '../testing/test-database.js';
import { demoCommands } from './demo.cli.js';
import {
  demoInstitutionIds,
  loadDemoData,
  loadDemoDataIfDatabaseEmpty,
  removeDemoData,
  seededIds,
} from './demo.service.js';

let database: DatabaseHandle;
let firstLoad: Awaited<ReturnType<typeof loadDemoData>>;
before(async () => {
  database = await openTestDatabase();
  const started = performance.now();
  firstLoad = await loadDemoDataIfDatabaseEmpty(database.db);
  // A figure for the record, not an assertion: tests do not time things.
  process.stdout.write(`# demo data loaded in ${Math.round(performance.now() - started)} ms\n`);
});
after(async () => {
  await database.close();
});

test('an empty registry gets about 60 demo institutions, all marked and named as demonstration data', async () => {
  assert.equal(firstLoad.loaded, true);
  const rows = await database.db.selectFrom('organization').select(['id', 'name', 'is_demo', 'email']).execute();
  assert.ok(rows.length >= 50, `${rows.length} institutions`);
  assert.equal(rows.length, firstLoad.institutions);
  assert.ok(rows.every((row) => row.is_demo));
  assert.ok(rows.every((row) => row.name.startsWith('Demo: ')));
  assert.ok(rows.every((row) => row.email?.endsWith('@example.org')));
  const services = await database.db.selectFrom('service').select('id').execute();
  assert.equal(services.length, firstLoad.services);
});

test('the reconstructed 2004 wave comes with them, named and marked as demonstration data', async () => {
  assert.equal(firstLoad.waveResponses, 111);
  const waves = await listWaves(database.db);
  const summary = waves.map((wave) => [wave.key, wave.status, wave.cases, wave.responses]);
  assert.deepEqual(summary, [['lv-2004', 'closed', 600, 111]]);
  assert.ok(waves[0]!.name.startsWith('Demo: 2004'));
  assert.equal(isDemonstrationWave(waves[0]!), true);
});

test('every help type and every institution type is covered', async () => {
  const db = database.db;
  const tagged = await db
    .selectFrom('attribute')
    .innerJoin('taxonomy_term', 'taxonomy_term.id', 'attribute.taxonomy_term_id')
    .select(['taxonomy_term.id', 'taxonomy_term.parent_id'])
    .where('attribute.link_entity', '=', 'service')
    .execute();
  const topIds = new Set(tagged.map((term) => term.parent_id ?? term.id));
  for (const type of helpTypes) assert.ok(topIds.has(type.id), `help type ${type.code}`);
  assert.equal(topIds.size, helpTypeCodes.length);
  for (const code of helpTypeCodes) {
    assert.ok((await searchInstitutions(db, { helpTypeCode: code })).total > 0, `institutions offering ${code}`);
  }
  const types = new Set(
    (await db.selectFrom('organization').select('institution_type').execute()).map((row) => row.institution_type),
  );
  assert.deepEqual([...types].sort(), [...institutionTypes].sort());
});

test('institutions are spread over the state cities and several novadi, with real territory codes', async () => {
  const db = database.db;
  const municipalities = await db
    .selectFrom('location')
    .innerJoin('territory as unit', 'unit.code', 'location.territory_code')
    .select((eb) => eb.fn.coalesce('unit.parent_code', 'unit.code').as('municipality'))
    .distinct()
    .execute();
  const codes = new Set(municipalities.map((row) => row.municipality));
  for (const stateCity of ['0001000', '0002000', '0003000', '0004000', '0005000', '0006000', '0007000'])
    assert.ok(codes.has(stateCity), stateCity);
  assert.ok(codes.has('0054000'), 'Valmieras novads (Valmiera)');
  assert.ok([...codes].filter((code) => code >= '0020000').length >= 8, 'several novadi');
  const withoutTerritory = await db.selectFrom('location').select('id').where('territory_code', 'is', null).execute();
  assert.equal(withoutTerritory.length, 0);
});

test('most municipal social services help only their own former residents; state bodies are statewide', async () => {
  const db = database.db;
  const municipal = await db
    .selectFrom('service')
    .innerJoin('organization', 'organization.id', 'service.organization_id')
    .select(['service.id', 'service.residency_rule'])
    .where('organization.institution_type', '=', 'municipal_social_service')
    .execute();
  const residentsOnly = municipal.filter((service) => service.residency_rule === 'last_declared_residence');
  assert.ok(residentsOnly.length / municipal.length > 0.5, `${residentsOnly.length} of ${municipal.length}`);
  // The accepted territory is the institution's own municipality.
  const mismatched = await db
    .selectFrom('service_residency_territory')
    .innerJoin('service', 'service.id', 'service_residency_territory.service_id')
    .innerJoin('organization', 'organization.id', 'service.organization_id')
    .innerJoin('location', 'location.organization_id', 'organization.id')
    .innerJoin('territory', 'territory.code', 'location.territory_code')
    .select('service.id')
    .where('organization.institution_type', '=', 'municipal_social_service')
    .whereRef('service_residency_territory.territory_code', '!=', (eb) =>
      eb.fn.coalesce('territory.parent_code', 'territory.code'),
    )
    .execute();
  assert.equal(mismatched.length, 0);
  const state = await db
    .selectFrom('service')
    .innerJoin('organization', 'organization.id', 'service.organization_id')
    .select(['service.is_statewide'])
    .where('organization.institution_type', '=', 'state')
    .execute();
  assert.ok(state.length > 0 && state.every((service) => service.is_statewide));
});

test('shelters have beds and some are open day and night; services have hours, languages and documents', async () => {
  const db = database.db;
  const shelterTermIds = helpTypes.find((type) => type.code === 'shelter')!;
  const shelterServices = await db
    .selectFrom('service')
    .innerJoin('attribute', 'attribute.link_id', 'service.id')
    .select(['service.id', 'service.capacity_beds'])
    .where('attribute.taxonomy_term_id', 'in', [shelterTermIds.id, ...shelterTermIds.finer.map((term) => term.id)])
    .distinct()
    .execute();
  assert.ok(shelterServices.length >= 5);
  assert.ok(
    shelterServices.every((service) => (service.capacity_beds ?? 0) > 0),
    'every shelter says how many beds',
  );
  const roundTheClock = await db
    .selectFrom('schedule')
    .select('service_id')
    .where('opens_at', '=', '00:00')
    .where('closes_at', '=', '24:00')
    .where('byday', '=', 'MO,TU,WE,TH,FR,SA,SU')
    .execute();
  assert.ok(roundTheClock.length >= 3);
  const languages = new Set((await db.selectFrom('language').select('code').execute()).map((row) => row.code));
  assert.ok(languages.has('lv') && languages.has('ru') && languages.has('en'));
  assert.ok((await db.selectFrom('required_document').select('id').execute()).length > 20);
  const phones = await db.selectFrom('phone').select('number').execute();
  assert.ok(phones.length >= 60 && phones.every((phone) => /^\+371 6000 \d{4}$/.test(phone.number)));
  const verified = await db.selectFrom('organization').select('last_verified_on').execute();
  assert.ok(
    verified.some((row) => row.last_verified_on === null) && verified.some((row) => row.last_verified_on !== null),
  );
});

test('loading is deterministic and idempotent; removing takes only the demo institutions', async () => {
  const db = database.db;
  const organizationIds = (await db.selectFrom('organization').select('id').execute()).map((row) => row.id).sort();
  assert.deepEqual(organizationIds, demoInstitutionIds().sort());
  const serviceIds = (await db.selectFrom('service').select('id').orderBy('id').execute()).map((row) => row.id);
  const nothing = { loaded: false, institutions: 0, services: 0, waveResponses: 0 };
  assert.deepEqual(await loadDemoData(db), nothing, 'a second load does nothing');
  assert.deepEqual(await loadDemoDataIfDatabaseEmpty(db), nothing);

  const realId = seededIds('not-demo')();
  await addTestInstitution(db, { id: realId, name: 'Īsta iestāde' });
  const realWave = await db
    .transaction()
    .execute((trx) =>
      createWave(trx, { questionnaireKey: 'lv-2004', name: 'Īsta kārta', sample: { source: 'import' } }),
    );
  assert.deepEqual(await removeDemoData(db), { institutions: organizationIds.length, waves: 1 });
  assert.deepEqual(
    (await db.selectFrom('organization').select('id').execute()).map((row) => row.id),
    [realId],
  );
  assert.equal((await db.selectFrom('service').select('id').execute()).length, 0);
  assert.equal((await db.selectFrom('attribute').select('id').execute()).length, 0, 'no help-type links left behind');
  const wavesLeft = (await listWaves(db)).map((wave) => wave.key);
  assert.deepEqual(wavesLeft, [realWave.key], 'the 2004 wave went, the real one stayed');
  const left = await db.selectFrom('survey_case').select('id').where('wave_id', '!=', realWave.id).execute();
  assert.equal(left.length, 0, 'no cases of the 2004 wave left behind');
  assert.equal((await db.selectFrom('survey_response').select('id').execute()).length, 0, 'no responses left behind');
  assert.deepEqual(await removeDemoData(db), { institutions: 0, waves: 0 }, 'a second removal finds nothing');

  // Not empty any more: start-up leaves the registry alone; the CLI loads on request, with the same ids.
  assert.equal((await loadDemoDataIfDatabaseEmpty(db)).loaded, false);
  assert.deepEqual(await loadDemoData(db), { ...firstLoad });
  assert.deepEqual(
    (await db.selectFrom('service').select('id').orderBy('id').execute()).map((row) => row.id),
    serviceIds,
  );
});

test('`atlas demo remove` and `atlas demo load` take out and bring back both parts, and say so', async () => {
  const run = async (subcommand: string, args: string[] = []) => {
    const command = demoCommands.find((candidate) => candidate.subcommand === subcommand)!;
    const printed: string[] = [];
    const problems: string[] = [];
    const context = { db: database.db, config: testConfig(), args, print: (line: string) => printed.push(line) };
    const code = await command.run({ ...context, progress: (line) => problems.push(line) });
    return { code, printed, problems };
  };
  const institutions = demoInstitutionIds().length;
  const removed = await run('remove');
  assert.deepEqual(removed.printed, [`Removed ${institutions} demo institutions and 1 demonstration survey wave.`]);
  assert.equal(removed.code, 0);
  assert.equal(
    (await listWaves(database.db)).some((wave) => isDemonstrationWave(wave)),
    false,
  );
  const loaded = await run('load');
  assert.equal(loaded.code, 0);
  assert.match(
    loaded.printed.join('\n'),
    new RegExp(`^Loaded ${institutions} demo institutions with \\d+ services\\.\\n`),
  );
  assert.match(loaded.printed.join('\n'), /Loaded the reconstructed 2004 survey wave with 111 responses\.$/);
  assert.deepEqual((await run('load')).printed, ['The demonstration data is already loaded.']);
  const wrong = await run('load', ['--force']);
  assert.deepEqual(wrong, {
    code: 2,
    printed: [],
    problems: ['Unknown option --force.', 'Usage: npx atlas demo load'],
  });
});
