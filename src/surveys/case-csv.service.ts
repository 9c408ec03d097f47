import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { selectCasesOfWave } from './case.repository.js';
import { addCases, isDisposition } from './case.service.js';
import { csvRejection, type CsvProblem } from './response-csv.service.js';
import { surveyInstitutionTypes, type Disposition, type SurveyInstitutionType } from './survey.table.js';
import type { Wave } from './wave.service.js';

// A wave's sample as CSV (e.g. the 600 institutions of 2004): case_id (the case code), respondent_id, institution_type,
// territory, disposition; optionally organization_name, contact_email, postal_address. Same rules as responses:
// every row checked first, then all stored or none.

const requiredColumns = ['case_id', 'respondent_id', 'institution_type', 'territory', 'disposition'] as const;
const optionalColumns = ['organization_name', 'contact_email', 'postal_address'] as const;

type CaseImportRow = {
  caseCode: string;
  respondentId: string | null;
  institutionType: SurveyInstitutionType | null;
  territory: string | null;
  disposition: Disposition;
  organizationName: string | null;
  contactEmail: string | null;
  postalAddress: string | null;
};

/** Reads and checks a sample file without touching the database. */
export function checkCasesCsv(text: string): { rows: CaseImportRow[]; problems: CsvProblem[] } {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((column) => column.trim()),
      skip_empty_lines: true,
    }) as Record<string, string>[];
  } catch (error) {
    return {
      rows: [],
      problems: [
        {
          row: (error as { lines?: number }).lines ?? 0,
          column: '',
          messageKey: 'survey.csv.unreadable',
          parameters: { reason: (error as Error).message },
        },
      ],
    };
  }
  const problems: CsvProblem[] = [];
  const header = Object.keys(records[0] ?? {});
  for (const column of requiredColumns) {
    if (records.length > 0 && !header.includes(column))
      problems.push({ row: 1, column, messageKey: 'survey.csv.missing_column', parameters: {} });
  }
  for (const column of header) {
    if (
      !(requiredColumns as readonly string[]).includes(column) &&
      !(optionalColumns as readonly string[]).includes(column)
    ) {
      problems.push({ row: 1, column, messageKey: 'survey.csv.unknown_column', parameters: {} });
    }
  }
  if (problems.length > 0) return { rows: [], problems };
  const rows: CaseImportRow[] = [];
  const seenCodes = new Map<string, number>();
  const seenRespondents = new Map<string, number>();
  records.forEach((record, index) => {
    const row = index + 2;
    const caseCode = (record.case_id ?? '').trim();
    const respondentId = (record.respondent_id ?? '').trim();
    const institutionType = (record.institution_type ?? '').trim();
    const disposition = (record.disposition ?? '').trim() || 'unknown_eligibility';
    if (caseCode === '')
      problems.push({ row, column: 'case_id', messageKey: 'survey.csv.case_missing', parameters: {} });
    else if (seenCodes.has(caseCode))
      problems.push({
        row,
        column: 'case_id',
        messageKey: 'survey.csv.case_repeated',
        parameters: { value: caseCode, first: seenCodes.get(caseCode)! },
      });
    else seenCodes.set(caseCode, row);
    if (respondentId !== '') {
      if (seenRespondents.has(respondentId))
        problems.push({
          row,
          column: 'respondent_id',
          messageKey: 'survey.csv.respondent_repeated',
          parameters: { value: respondentId, first: seenRespondents.get(respondentId)! },
        });
      else seenRespondents.set(respondentId, row);
    }
    if (institutionType !== '' && !(surveyInstitutionTypes as readonly string[]).includes(institutionType)) {
      problems.push({
        row,
        column: 'institution_type',
        messageKey: 'survey.csv.not_a_choice',
        parameters: { value: institutionType },
      });
    }
    if (!isDisposition(disposition))
      problems.push({
        row,
        column: 'disposition',
        messageKey: 'survey.csv.not_a_disposition',
        parameters: { value: disposition },
      });
    rows.push({
      caseCode,
      respondentId: respondentId || null,
      institutionType: institutionType ? (institutionType as SurveyInstitutionType) : null,
      territory: (record.territory ?? '').trim() || null,
      disposition: isDisposition(disposition) ? disposition : 'unknown_eligibility',
      organizationName: (record.organization_name ?? '').trim() || null,
      contactEmail: (record.contact_email ?? '').trim() || null,
      postalAddress: (record.postal_address ?? '').trim() || null,
    });
  });
  return { rows, problems };
}

/** Imports a wave's sample (cases with their dispositions) from CSV, all rows or none; call inside a transaction. */
export async function importCases(
  db: Kysely<Database>,
  wave: Wave,
  text: string,
  options: { accountId?: string | null; note?: string } = {},
): Promise<number> {
  const { rows, problems } = checkCasesCsv(text);
  const existing = await selectCasesOfWave(db, wave.id);
  const existingCodes = new Set(existing.map((row) => row.case_code));
  const existingRespondents = new Set(existing.map((row) => row.respondent_id).filter(Boolean));
  rows.forEach((row, index) => {
    if (existingCodes.has(row.caseCode))
      problems.push({
        row: index + 2,
        column: 'case_id',
        messageKey: 'survey.csv.case_exists',
        parameters: { value: row.caseCode },
      });
    if (row.respondentId && existingRespondents.has(row.respondentId))
      problems.push({
        row: index + 2,
        column: 'respondent_id',
        messageKey: 'survey.csv.respondent_exists',
        parameters: { value: row.respondentId },
      });
  });
  if (problems.length > 0) throw csvRejection(problems.sort((a, b) => a.row - b.row));
  return addCases(
    db,
    rows.map((row) => ({
      wave_id: wave.id,
      case_code: row.caseCode,
      respondent_id: row.respondentId,
      institution_type: row.institutionType,
      territory: row.territory,
      disposition: row.disposition,
      organization_name: row.organizationName,
      contact_email: row.contactEmail,
      postal_address: row.postalAddress,
    })),
    { accountId: options.accountId ?? null, note: options.note ?? 'imported from CSV' },
  );
}
