// The question ids the survey engine's questionnaire uses (issue 3's contract): the analysis reads answers by
// these keys, so they are spelled out once here and nowhere else in this domain.

/** The nine help blocks with the full set of follow-up questions, in questionnaire order. */
export const helpBlocks = [
  'documents',
  'legal',
  'employment',
  'material',
  'housing',
  'drugs',
  'alcohol',
  'shelter',
  'psychological',
] as const;
/** The two closing blocks that ask only "do you provide it" and "what exactly". */
export const closingBlocks = ['other', 'programme'] as const;
/** Every block, in questionnaire order. */
export const allBlocks = [...helpBlocks, ...closingBlocks] as const;

export type HelpBlock = (typeof helpBlocks)[number];
export type ClosingBlock = (typeof closingBlocks)[number];
export type Block = (typeof allBlocks)[number];

export const institutionTypes = ['municipal', 'state', 'ngo', 'religious', 'private', 'other'] as const;
export type InstitutionType = (typeof institutionTypes)[number];

/** AAPOR final dispositions as the survey engine stores them on `survey_case`. */
export const dispositions = [
  'complete',
  'partial',
  'refusal',
  'non_contact',
  'other',
  'unknown_eligibility',
  'not_eligible',
  'undeliverable',
] as const;
export type Disposition = (typeof dispositions)[number];

export const fundingCurrencies = ['LVL', 'EUR'] as const;
export type FundingCurrency = (typeof fundingCurrencies)[number];
export const fundingBases = ['per_person', 'per_year', 'one_off'] as const;
export type FundingBasis = (typeof fundingBases)[number];

/** Answer keys of a help block. */
export function blockQuestions(block: HelpBlock) {
  return {
    provides: `${block}_provides`,
    providedWhat: `${block}_provided_what`,
    couldWithSupport: `${block}_could_with_support`,
    needsStaff: `${block}_needs_staff`,
    fundingAmount: `${block}_needs_funding_amount`,
    fundingCurrency: `${block}_needs_funding_currency`,
    fundingBasis: `${block}_needs_funding_basis`,
    cooperation: `${block}_needs_cooperation`,
    lawChange: `${block}_needs_law_change`,
    lawChangeWhat: `${block}_needs_law_change_what`,
  } as const;
}

/** True for any block key of the questionnaire. */
export function isBlock(block: string): block is Block {
  return (allBlocks as readonly string[]).includes(block);
}

/** Free-text questions the shelter block adds; quoted, not coded. */
export const shelterTextQuestions = ['shelter_admission_terms', 'shelter_max_stay'] as const;

/** The official fixed rate at which Latvia changed to the euro on 1 January 2014. */
export const latsPerEuro = 0.702804;
