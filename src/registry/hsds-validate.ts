// Validation against the official HSDS 3.0 JSON Schemas (a copy in hsds-schema/, loaded at run time by their bare
// file names, the way they reference each other). The files declare no "$schema"; the HSDS OpenAPI document that
// uses them declares "jsonSchemaDialect": draft 2020-12, so they are compiled with Ajv's 2020-12 class.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { hasForbiddenUrlScheme } from '../core/url.js';

export const hsdsSchemaDirectory = join(dirname(fileURLToPath(import.meta.url)), 'hsds-schema');

/** One field property of an HSDS table schema, as far as we use it. */
export type HsdsFieldSchema = {
  name: string;
  type?: string;
  format?: string;
  enum?: string[];
  datapackage_type?: string;
  description?: string;
  $ref?: string;
  items?: { $ref?: string };
};
export type HsdsTableSchema = {
  name: string;
  path: string;
  description: string;
  datapackage_metadata: { order: number };
  properties: Record<string, HsdsFieldSchema>;
  required?: string[];
  tabular_required?: string[];
};

/** A problem found by the schema, named by where (`phones[0].id`) and a message key with parameters. */
export type SchemaProblem = { path: string; key: string; params: Record<string, string | number> };

// The HSDS schema files carry Frictionless Data Package keywords beside JSON Schema ones; declaring them keeps
// Ajv's strict mode on for everything else.
const dataPackageKeywords = [
  'name',
  'path',
  'datapackage_metadata',
  'datapackage_type',
  'constraints',
  'example',
  'core',
  'tabular_required',
];

type Schemas = {
  ajv: Ajv2020;
  tables: Map<string, HsdsTableSchema>;
  openapi: { components: { schemas: { Page: Record<string, unknown> } } };
};
let schemas: Schemas | undefined;

function loadSchemas(): Schemas {
  if (schemas) return schemas;
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
  // ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
    ajv: Ajv2020,
  ) => Ajv2020;
  addFormats(ajv);
  // A URI must also use one of the schemes the registry allows (core/url.ts): `javascript:` is a valid URI.
  const standardUri = ajv.formats.uri;
  ajv.addFormat('uri', (value: string) => !hasForbiddenUrlScheme(value) && matchesFormat(standardUri, value));
  ajv.addVocabulary(dataPackageKeywords);
  const tables = new Map<string, HsdsTableSchema>();
  for (const file of readdirSync(hsdsSchemaDirectory).sort()) {
    if (!file.endsWith('.json') || file === 'openapi.json') continue;
    const schema = JSON.parse(readFileSync(join(hsdsSchemaDirectory, file), 'utf8')) as HsdsTableSchema;
    tables.set(file, schema);
    ajv.addSchema(schema, file);
  }
  const openapi = JSON.parse(readFileSync(join(hsdsSchemaDirectory, 'openapi.json'), 'utf8')) as Schemas['openapi'];
  // The Page wrapper of every paged HSDS API answer (components.schemas.Page of openapi.json).
  ajv.addSchema(openapi.components.schemas.Page, 'openapi-page.json');
  schemas = { ajv, tables, openapi };
  return schemas;
}

/** The raw HSDS schema of one table, by file name (e.g. 'service.json'). */
export function hsdsTableSchema(file: string): HsdsTableSchema {
  const schema = loadSchemas().tables.get(file);
  if (!schema) throw new Error(`no HSDS schema ${file}`);
  return schema;
}

/** The HSDS OpenAPI document, as served at /hsds/openapi.json. */
export function hsdsOpenApiText(): string {
  return readFileSync(join(hsdsSchemaDirectory, 'openapi.json'), 'utf8');
}

/** The compiled validator of one schema file. */
export function hsdsValidator(file: string): ValidateFunction {
  const validate = loadSchemas().ajv.getSchema(file);
  if (!validate) throw new Error(`no HSDS schema ${file}`);
  return validate;
}

let pageValidators = new Map<string, ValidateFunction>();

/** Validates an HSDS API page: the Page wrapper of openapi.json with `contents` items of one schema file. */
export function validateHsdsPage(value: unknown, itemSchemaFile: string): SchemaProblem[] {
  let validate = pageValidators.get(itemSchemaFile);
  if (!validate) {
    const { ajv } = loadSchemas();
    // As openapi.json writes each paged answer: `contents` items, allOf the Page wrapper.
    validate = ajv.compile({
      type: 'object',
      properties: { contents: { type: 'array', items: { $ref: itemSchemaFile } } },
      required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
      allOf: [{ $ref: 'openapi-page.json' }],
    });
    pageValidators = new Map(pageValidators).set(itemSchemaFile, validate);
  }
  return validate(value) ? [] : describeSchemaErrors(validate.errors ?? []);
}

/** Validates the answer of `GET /` of the HSDS API against the schema openapi.json gives for it inline. */
export function validateHsdsApiRoot(value: unknown): SchemaProblem[] {
  const { ajv, openapi } = loadSchemas();
  const paths = (
    openapi as unknown as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: object }> }> } }>;
    }
  ).paths;
  const validate =
    ajv.getSchema('openapi-root.json') ??
    (ajv.addSchema(paths['/']!.get.responses['200']!.content['application/json']!.schema, 'openapi-root.json'),
    ajv.getSchema('openapi-root.json')!);
  return validate(value) ? [] : describeSchemaErrors(validate.errors ?? []);
}

/** Validates one value against a schema file and names every problem in a data steward's words. */
export function validateHsds(file: string, value: unknown): SchemaProblem[] {
  const validate = hsdsValidator(file);
  return validate(value) ? [] : describeSchemaErrors(validate.errors ?? []);
}

/** '/phones/0/number' → 'phones[0].number'. */
export function pointerToPath(pointer: string): string {
  let path = '';
  for (const part of pointer.split('/').slice(1)) {
    const name = part.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(name) ? `[${name}]` : path === '' ? name : `.${name}`;
  }
  return path;
}

/** Joins a record's path and a field path inside it: ('[3]', 'phones[0].id') → '[3].phones[0].id'. */
export function joinPath(prefix: string, path: string): string {
  if (prefix === '') return path;
  if (path === '') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

const formatKeys: Record<string, string> = {
  uuid: 'hsds.problem.uuid',
  email: 'hsds.problem.email',
  uri: 'hsds.problem.uri',
  'date-time': 'hsds.problem.date_time',
};

function matchesFormat(format: unknown, value: string): boolean {
  if (format instanceof RegExp) return format.test(value);
  if (typeof format === 'function') return (format as (value: string) => boolean)(value);
  if (typeof format === 'object' && format !== null && 'validate' in format)
    return matchesFormat((format as { validate: unknown }).validate, value);
  return true;
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'true/false';
  return 'object';
}

/** Turns Ajv's errors into plain problems; one per field, the most telling one first. */
export function describeSchemaErrors(errors: ErrorObject[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    let problem: SchemaProblem;
    const path = pointerToPath(error.instancePath);
    if (error.keyword === 'required') {
      problem = {
        path: joinPath(path, String(error.params.missingProperty)),
        key: 'hsds.problem.required',
        params: {},
      };
    } else if (error.keyword === 'format') {
      const format = String(error.params.format);
      const forbiddenScheme = format === 'uri' && typeof error.data === 'string' && hasForbiddenUrlScheme(error.data);
      problem = {
        path,
        key: forbiddenScheme ? 'hsds.problem.url_scheme' : (formatKeys[format] ?? 'hsds.problem.format'),
        params: { value: shown(error.data), format },
      };
    } else if (error.keyword === 'type') {
      const expected = String(error.params.type);
      problem = {
        path,
        key: 'hsds.problem.type',
        params: {
          expected: expected === 'string' ? 'text' : expected === 'array' ? 'list' : expected,
          actual: kindOf(error.data),
          value: shown(error.data),
        },
      };
    } else if (error.keyword === 'enum') {
      problem = {
        path,
        key: 'hsds.problem.enum',
        params: { value: shown(error.data), allowed: (error.params.allowedValues as unknown[]).join(', ') },
      };
    } else {
      problem = { path, key: 'hsds.problem.schema', params: { reason: error.message ?? error.keyword } };
    }
    const identity = `${problem.path}\u0000${problem.key}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    problems.push(problem);
  }
  return problems;
}
