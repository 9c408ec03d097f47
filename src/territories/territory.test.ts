import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DatabaseHandle } from '../db/connection.js';
import { openTestDatabase } from '../testing/test-database.js';
import {
  findTerritory,
  listMunicipalities,
  listRegions2004,
  listTerritories,
  searchTerritories,
} from './territory.service.js';

let database: DatabaseHandle;
before(async () => {
  database = await openTestDatabase();
});
after(async () => {
  await database.close();
});

test('today there are 42 municipalities: 7 state cities and 35 novadi', async () => {
  const municipalities = await listMunicipalities(database.db);
  assert.equal(municipalities.length, 42);
  assert.equal(municipalities.filter((territory) => territory.kind === 'state_city').length, 7);
  assert.equal(municipalities.filter((territory) => territory.kind === 'municipality').length, 35);
  assert.ok(
    !municipalities.some((territory) => territory.name === 'Varakļānu novads'),
    'Varakļānu novads joined Madonas novads in 2025',
  );
});

test('585 towns and parishes, each linked to a current municipality', async () => {
  const all = await listTerritories(database.db);
  const units = all.filter((territory) => territory.level === 2);
  assert.equal(units.length, 585);
  const municipalityCodes = new Set(
    all.filter((territory) => territory.level === 1).map((territory) => territory.code),
  );
  assert.ok(units.every((unit) => unit.parentCode !== null && municipalityCodes.has(unit.parentCode)));
  const varaklani = units.find((unit) => unit.name === 'Varakļāni');
  assert.equal(varaklani?.parentCode, '0038001', 'Varakļāni town belongs to Madonas novads');
});

test('the historical Varakļānu novads is kept but marked as no longer current', async () => {
  const historical = await findTerritory(database.db, '0055000');
  assert.equal(historical?.name, 'Varakļānu novads');
  assert.equal(historical?.isCurrent, false);
});

test('name search ignores diacritics and case', async () => {
  for (const query of ['Rezekne', 'rēzekne', 'REZEKNE']) {
    const [first] = await searchTerritories(database.db, query);
    assert.equal(first?.name, 'Rēzekne', `query ${query}`);
  }
  const cesis = await searchTerritories(database.db, 'cesu nov');
  assert.equal(cesis[0]?.name, 'Cēsu novads');
});

test('lists sort in Latvian order: Č after C, Š after S', async () => {
  const names = (await listTerritories(database.db)).map((territory) => territory.name);
  const cesuIndex = names.indexOf('Cēsu novads');
  assert.ok(cesuIndex >= 0);
  const firstWithS = names.findIndex((name) => name.startsWith('S'));
  const firstWithSh = names.findIndex((name) => name.startsWith('Š'));
  assert.ok(firstWithS < firstWithSh, 'S before Š');
  assert.ok(
    names.slice(firstWithSh).every((name) => !name.startsWith('S')),
    'no plain S after Š',
  );
});

test('the 2004-era regions are available for recording old answers', async () => {
  const regions = await listRegions2004(database.db);
  assert.equal(regions.length, 33);
  assert.ok(regions.some((region) => region.name.startsWith('Rēzekne')));
});
