// A wave's figures from its answer counts (table analysis_answer_count: how many complete responses gave each
// answer to each question, plus the derived items the triggers keep — see the 0410 migration). Pure arithmetic
// over a frequency table: sums, the 3 × 3 tables, and exact medians, no response is read here.
import { closingBlocks, helpBlocks, type ClosingBlock, type HelpBlock } from './questions.js';

export type AnswerCount = { item: string; value: string; count: number };
export type YesNoValue = 'yes' | 'no' | 'not_answered';
export type CrossTabulation = Record<YesNoValue, Record<YesNoValue, number>>;
export type TextAnswerRow = { questionId: string; text: string; count: number };
export type FundingGroupRow = {
  block: HelpBlock;
  currency: string | null;
  basis: string | null;
  count: number;
  min: number;
  median: number;
  max: number;
  sum: number;
};

export type HelpBlockCounts = {
  provides: Record<YesNoValue, number>;
  couldWithSupportByProvides: CrossTabulation;
  staff: { count: number; total: number | null; min: number | null; max: number | null };
  fundingCount: number;
  lawChangeCount: number;
};

export type CountedWave = {
  respondents: number;
  respondentsWithoutHelp: number;
  helpBlocks: Record<HelpBlock, HelpBlockCounts>;
  closingBlocks: Record<ClosingBlock, { provides: Record<YesNoValue, number> }>;
  funding: FundingGroupRow[];
  /** Every counted answer of every question, by question id, most frequent first. */
  answers: Map<string, TextAnswerRow[]>;
};

const NUMBER = /^\s*[0-9]+([.,][0-9]+)?\s*$/;

/** A number as respondents write it ("0,5", "1500"); null for anything that is not one. */
export function parseAnswerNumber(text: string): number | null {
  return NUMBER.test(text) ? Number(text.trim().replace(',', '.')) : null;
}

/** The exact median of a frequency table of numbers (mean of the middle two for an even total). */
export function medianOfCounts(values: ReadonlyArray<{ value: number; count: number }>): number | null {
  const sorted = [...values].filter((entry) => entry.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0) return null;
  const at = (position: number): number => {
    let seen = 0;
    for (const entry of sorted) {
      seen += entry.count;
      if (seen >= position) return entry.value;
    }
    return sorted[sorted.length - 1]!.value;
  };
  return total % 2 === 1 ? at((total + 1) / 2) : (at(total / 2) + at(total / 2 + 1)) / 2;
}

function emptyCross(): CrossTabulation {
  return {
    yes: { yes: 0, no: 0, not_answered: 0 },
    no: { yes: 0, no: 0, not_answered: 0 },
    not_answered: { yes: 0, no: 0, not_answered: 0 },
  };
}

function asYesNo(value: string): YesNoValue {
  return value === 'yes' || value === 'no' ? value : 'not_answered';
}

/** Turns a wave's answer counts into every count the analysis needs. */
export function summariseAnswerCounts(rows: readonly AnswerCount[]): CountedWave {
  const answers = new Map<string, TextAnswerRow[]>();
  for (const row of rows) {
    const list = answers.get(row.item) ?? [];
    list.push({ questionId: row.item, text: row.value, count: row.count });
    answers.set(row.item, list);
  }
  for (const list of answers.values())
    list.sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const of = (item: string) => answers.get(item) ?? [];
  const countOf = (item: string, value: string) => of(item).find((row) => row.text === value)?.count ?? 0;
  const respondents = countOf('respondents', '');

  const help = {} as Record<HelpBlock, HelpBlockCounts>;
  const funding: FundingGroupRow[] = [];
  for (const block of helpBlocks) {
    const cross = emptyCross();
    for (const row of of(`${block}_cell`)) {
      const [provides = '', could = ''] = row.text.split('|');
      cross[asYesNo(provides)][asYesNo(could)] += row.count;
    }
    const provides = { yes: 0, no: 0, not_answered: 0 };
    for (const value of ['yes', 'no', 'not_answered'] as const)
      provides[value] = cross[value].yes + cross[value].no + cross[value].not_answered;

    const staff = of(`${block}_needs_staff`).flatMap((row) => {
      const value = parseAnswerNumber(row.text);
      return value !== null && value > 0 ? [{ value, count: row.count }] : [];
    });
    const groups = new Map<
      string,
      { currency: string | null; basis: string | null; values: Array<{ value: number; count: number }> }
    >();
    for (const row of of(`${block}_funding`)) {
      const [amountText = '', currency = '', basis = ''] = row.text.split('|');
      const amount = parseAnswerNumber(amountText);
      if (amount === null || amount <= 0) continue;
      const key = `${currency}|${basis}`;
      const group = groups.get(key) ?? { currency: currency || null, basis: basis || null, values: [] };
      group.values.push({ value: amount, count: row.count });
      groups.set(key, group);
    }
    let fundingCount = 0;
    for (const group of [...groups.values()].sort(
      (a, b) => (a.currency ?? '').localeCompare(b.currency ?? '') || (a.basis ?? '').localeCompare(b.basis ?? ''),
    )) {
      const count = group.values.reduce((sum, entry) => sum + entry.count, 0);
      fundingCount += count;
      funding.push({
        block,
        currency: group.currency,
        basis: group.basis,
        count,
        min: Math.min(...group.values.map((entry) => entry.value)),
        median: medianOfCounts(group.values) ?? 0,
        max: Math.max(...group.values.map((entry) => entry.value)),
        sum: group.values.reduce((sum, entry) => sum + entry.value * entry.count, 0),
      });
    }
    help[block] = {
      provides,
      couldWithSupportByProvides: cross,
      staff: {
        count: staff.reduce((sum, entry) => sum + entry.count, 0),
        total: staff.length > 0 ? staff.reduce((sum, entry) => sum + entry.value * entry.count, 0) : null,
        min: staff.length > 0 ? Math.min(...staff.map((entry) => entry.value)) : null,
        max: staff.length > 0 ? Math.max(...staff.map((entry) => entry.value)) : null,
      },
      fundingCount,
      lawChangeCount: countOf(`${block}_needs_law_change`, 'yes'),
    };
  }
  const closing = {} as CountedWave['closingBlocks'];
  for (const block of closingBlocks) {
    const yes = countOf(`${block}_provides`, 'yes');
    const no = countOf(`${block}_provides`, 'no');
    closing[block] = { provides: { yes, no, not_answered: respondents - yes - no } };
  }
  return {
    respondents,
    respondentsWithoutHelp: countOf('without_help', ''),
    helpBlocks: help,
    closingBlocks: closing,
    funding,
    answers,
  };
}
