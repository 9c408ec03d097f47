// Shares and their uncertainty. Every percentage the analysis prints states its base and carries a Wilson score
// interval (Wilson 1927), which, unlike the textbook Wald interval, stays inside 0–100% and behaves at small
// counts such as 8 of 111.

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** A share with its base: `percent` and the interval are in percent, rounded to one decimal; null when base is 0. */
export type Share = { count: number; base: number; percent: number | null; ci95: [number, number] | null };

/** Rounds to one decimal the way people do (half away from zero), so 61.25 → 61.3. */
export function roundToOneDecimal(value: number): number {
  return (Math.sign(value) * Math.round(Math.abs(value) * 10 + Number.EPSILON * 10)) / 10;
}

/** Rounds a fraction to three decimals (0.18500000001 → 0.185): one decimal of a percent. */
export function roundFraction(value: number): number {
  return Math.round(value * 1000 + Number.EPSILON * 1000) / 1000;
}

/**
 * The Wilson score interval of count/base as fractions. With `population` (N) the variance is multiplied by the
 * finite population correction (N − n)/(N − 1): when nearly every institution answered, the interval narrows,
 * and when n = N it closes on the observed share.
 */
export function wilsonInterval(
  count: number,
  base: number,
  options: { population?: number; z?: number } = {},
): [number, number] | null {
  if (base <= 0) return null;
  const p = count / base;
  let z = options.z ?? Z95;
  if (options.population !== undefined && options.population > 1) {
    const population = Math.max(options.population, base);
    z *= Math.sqrt((population - base) / (population - 1));
  }
  const z2 = z * z;
  const denominator = 1 + z2 / base;
  const centre = (p + z2 / (2 * base)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / base + z2 / (4 * base * base));
  return [Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth)];
}

/** count of base as a percentage with its Wilson 95% interval, both rounded to one decimal. */
export function describeShare(count: number, base: number, options: { population?: number } = {}): Share {
  const interval = wilsonInterval(count, base, options);
  return {
    count,
    base,
    percent: base > 0 ? roundToOneDecimal((100 * count) / base) : null,
    ci95: interval ? [roundToOneDecimal(100 * interval[0]), roundToOneDecimal(100 * interval[1])] : null,
  };
}

/**
 * The change between two independent shares (b − a, in percentage points) with Newcombe's hybrid score
 * interval (method 10 of Newcombe 1998), built from the two Wilson intervals; null if either base is 0.
 */
export function describeChange(
  a: { count: number; base: number },
  b: { count: number; base: number },
): { points: number; ci95: [number, number] } | null {
  const intervalA = wilsonInterval(a.count, a.base);
  const intervalB = wilsonInterval(b.count, b.base);
  if (!intervalA || !intervalB) return null;
  const pA = a.count / a.base;
  const pB = b.count / b.base;
  const difference = pB - pA;
  const [lowA, highA] = intervalA;
  const [lowB, highB] = intervalB;
  const lower = difference - Math.sqrt((pB - lowB) ** 2 + (highA - pA) ** 2);
  const upper = difference + Math.sqrt((highB - pB) ** 2 + (pA - lowA) ** 2);
  return {
    points: roundToOneDecimal(100 * difference),
    ci95: [roundToOneDecimal(100 * lower), roundToOneDecimal(100 * upper)],
  };
}

/**
 * Below this many answers a percentage swings by more than 3 points with a single answer, and its interval is
 * wide: every page and report that shows such a share marks it and says so in words beside the table.
 */
export const smallBaseLimit = 30;

/** The visible mark put after a percentage with a small base; the note beside the table explains it. */
export const smallBaseMark = '*';

/** True when a share's base is positive but under smallBaseLimit. */
export function isSmallBase(base: number): boolean {
  return base > 0 && base < smallBaseLimit;
}
