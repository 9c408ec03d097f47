// `npx atlas import hsds <file.json|dir>` and `npx atlas export hsds <dir>`: thin over hsds-import.ts / hsds-export.ts.
import { resolve } from 'node:path';
import { recordAuditEvent } from '../audit/audit.service.js';
import { readArguments } from '../cli/arguments.js';
import type { Command } from '../cli/commands.js';
import { translatorFor } from '../core/i18n.js';
import { exportHsds } from './hsds-export.js';
import { importHsds, type ImportProgress } from './hsds-import.js';

const t = translatorFor('en');

const tableWords: Record<string, string> = {
  organization: 'organizations',
  service: 'services',
  location: 'locations',
  service_at_location: 'services at locations',
  address: 'addresses',
  phone: 'phones',
  contact: 'contacts',
  schedule: 'schedules',
  service_area: 'service areas',
  language: 'languages',
  program: 'programs',
  organization_identifier: 'organization identifiers',
  funding: 'funding sources',
  cost_option: 'cost options',
  required_document: 'required documents',
  accessibility: 'accessibility notes',
  attribute: 'attributes',
  metadata: 'metadata entries',
  taxonomy: 'taxonomies',
  taxonomy_term: 'taxonomy terms',
  service_residency_territory: 'residency territories',
};

export const hsdsCommands: Command[] = [
  {
    name: 'import',
    subcommand: 'hsds',
    usage: '<file.json|dir>: HSDS 3.0 full objects, a Page, an array, or CSV + datapackage.json; all or nothing',
    async run(context) {
      const { db, print, progress } = context;
      const usage = 'npx atlas import hsds <file.json|dir>';
      const parsed = readArguments(context, { usage, options: {}, positionals: ['<file.json|dir>'] });
      if (!parsed) return 2;
      const source = parsed.positionals[0]!;
      const report = (event: ImportProgress) =>
        progress(
          event.stage === 'validated'
            ? t('hsds.summary.validated', { count: event.records })
            : t('hsds.summary.written', { count: event.rows, total: event.total }),
        );
      const summary = await importHsds(db, resolve(source), { onProgress: report });
      // Counts only: the file's name may say more than the registry should keep.
      await recordAuditEvent(db, {
        accountId: null,
        action: 'registry.hsds.import',
        entityType: null,
        entityId: null,
        details: { ...summary.counts, via: 'cli' },
      });
      for (const note of summary.notes) progress(t(note.key, note.params));
      print(t('hsds.summary.title'));
      for (const [table, count] of Object.entries(summary.counts))
        if (count) print(`  ${tableWords[table] ?? table}: ${count}`);
      if (summary.externalReferences > 0) print(t('hsds.summary.external', { count: summary.externalReferences }));
      return 0;
    },
  },
  {
    name: 'export',
    subcommand: 'hsds',
    usage: '<dir>: writes organizations.json, services.json and tabular/ (CSV + datapackage.json) as HSDS 3.0',
    async run(context) {
      const { db, print } = context;
      const usage = 'npx atlas export hsds <dir>';
      const parsed = readArguments(context, { usage, options: {}, positionals: ['<dir>'] });
      if (!parsed) return 2;
      const directory = parsed.positionals[0]!;
      const summary = await exportHsds(db, resolve(directory));
      print(t('hsds.export.done', { organizations: summary.organizations, services: summary.services, directory }));
      return 0;
    },
  },
];
