import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DatabaseHandle } from '../db/connection.js';
import { openTestDatabase } from '../testing/test-database.js';
import { listAlternativePlaceNames, russianPlaceName } from './place-names.js';
import { listMunicipalities, listTerritories } from './territory.service.js';

let database: DatabaseHandle;
before(async () => {
  database = await openTestDatabase();
});
after(async () => {
  await database.close();
});

test('every alternative name points at a territory of that Latvian name, and every municipality has a Russian name', async () => {
  const territories = new Map(
    (await listTerritories(database.db, { includeHistorical: true })).map((territory) => [territory.code, territory]),
  );
  for (const alternative of listAlternativePlaceNames()) {
    const territory = territories.get(alternative.code);
    assert.ok(territory, `${alternative.name}: no territory ${alternative.code}`);
    assert.equal(territory.name, alternative.nameLatvian, alternative.name);
  }
  for (const municipality of await listMunicipalities(database.db))
    assert.ok(russianPlaceName(municipality.code), `${municipality.name} has no Russian name`);
  assert.equal(russianPlaceName('0002000'), 'Даугавпилс');
  assert.equal(russianPlaceName('0043000'), 'Резекненский край');
});

test("every municipality's main town (or the state city that is its seat) has a Russian name", async () => {
  const territories = await listTerritories(database.db);
  const withRussianName = new Set(
    listAlternativePlaceNames()
      .filter((name) => name.language === 'ru')
      .map((name) => name.nameLatvian),
  );
  for (const municipality of territories.filter((territory) => territory.level === 1 && territory.isCurrent)) {
    // "Daugavpils (seat outside its territory)": the seat is the town named first.
    const centre = municipality.centreName?.split(' (')[0];
    if (centre === 'Ulbroka') continue; // a village, not a town: its novads carries the name
    assert.ok(centre && withRussianName.has(centre), `${municipality.name}: centre ${centre} has no Russian name`);
  }
});
