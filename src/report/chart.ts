// Bar charts drawn by our own small builder: a chart model is laid out once into primitives (rectangles, lines,
// text) in a coordinate space 560 units wide (narrower for a few vertical bars), and the same primitives are written as SVG (app, HTML report) and drawn as
// vectors by pdfkit (PDF report) — so every output shows the identical chart. A dependency such as vega would do
// the layout for us, but we need only bars, and this keeps the PDF path free of SVG parsing.

/** One bar series; `values` line up with the chart's categories, null meaning "no data" (no bar, a dash). */
export type ChartSeries = { name: string; values: ReadonlyArray<number | null>; colour: string };

export type BarChart = {
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in a sentence or two, with its numbers. */
  description: string;
  orientation: 'vertical' | 'horizontal';
  categories: readonly string[];
  series: readonly ChartSeries[];
  unit: 'count' | 'percent';
  /** The locale numbers are written in ('lv': 61,3%). */
  language: string;
  /** 95% intervals (in the unit of the values) drawn as whiskers on a single-series chart. */
  intervals?: ReadonlyArray<readonly [number, number] | null>;
  /** Printed under the plot, e.g. the base. */
  note?: string;
};

export type ChartPrimitive =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; strokeWidth: number }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      anchor: 'start' | 'middle' | 'end';
      bold?: boolean;
      fill: string;
    };

export type ChartLayout = { width: number; height: number; primitives: ChartPrimitive[] };

/** Okabe–Ito colours: distinguishable with the common kinds of colour blindness, dark enough on white. */
export const chartColours = {
  yes: '#0072B2',
  no: '#D55E00',
  neutral: '#0072B2',
  series: ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'],
};

const WIDTH = 560;
const TEXT = '#1a1a1a';
const MUTED = '#5a5a5a';
const GRID = '#d0d0d0';
const TITLE_SIZE = 15;
const LABEL_SIZE = 13;
const SMALL_SIZE = 12;

/** A rough width of text in DejaVu Sans: wide enough that labels never run into the bars. */
export function estimateTextWidth(text: string, size: number): number {
  return text.length * size * 0.6;
}

/** Round axis steps (1, 2, 5 × 10ⁿ) so that the axis has at most `maximumTicks` intervals. */
export function chooseAxis(maximum: number, maximumTicks = 5): { top: number; step: number } {
  if (!(maximum > 0)) return { top: 1, step: 1 };
  const rough = maximum / maximumTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  return { top: Math.ceil(maximum / step) * step, step };
}

const numberFormats = new Map<string, { whole: Intl.NumberFormat; oneDecimal: Intl.NumberFormat }>();
function formatValue(value: number, chart: BarChart): string {
  let formats = numberFormats.get(chart.language);
  if (!formats) {
    formats = {
      whole: new Intl.NumberFormat(chart.language, { maximumFractionDigits: 1 }),
      oneDecimal: new Intl.NumberFormat(chart.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    };
    numberFormats.set(chart.language, formats);
  }
  return chart.unit === 'percent' ? `${formats.oneDecimal.format(value)}%` : formats.whole.format(value);
}

function formatTick(value: number, chart: BarChart): string {
  return chart.unit === 'percent' ? `${Math.round(value)}%` : formatValue(value, chart);
}

/** Lays a chart out into primitives: at most 560 units wide, as tall as it needs. */
export function layoutChart(chart: BarChart): ChartLayout {
  return chart.orientation === 'vertical' ? layoutVertical(chart) : layoutHorizontal(chart);
}

/** Splits text into lines that fit the width (by the rough text width), breaking between words. */
function wrapText(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && estimateTextWidth(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The title, wrapped to the chart's width; returns where the next element may start. */
function titlePrimitives(chart: BarChart, width: number): { primitives: ChartPrimitive[]; bottom: number } {
  const lines = wrapText(chart.title, TITLE_SIZE, width);
  const primitives: ChartPrimitive[] = lines.map((line, index) => ({
    kind: 'text',
    x: 0,
    y: TITLE_SIZE + index * (TITLE_SIZE + 4),
    text: line,
    size: TITLE_SIZE,
    anchor: 'start',
    bold: true,
    fill: TEXT,
  }));
  return { primitives, bottom: TITLE_SIZE + (lines.length - 1) * (TITLE_SIZE + 4) };
}

function legendPrimitives(
  chart: BarChart,
  top: number,
  width: number,
): { primitives: ChartPrimitive[]; height: number } {
  if (chart.series.length < 2) return { primitives: [], height: 0 };
  const primitives: ChartPrimitive[] = [];
  let x = 0;
  let y = top;
  for (const series of chart.series) {
    const itemWidth = 14 + 6 + estimateTextWidth(series.name, SMALL_SIZE) + 16;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      y += 18;
    }
    primitives.push({ kind: 'rect', x, y: y - 10, width: 12, height: 12, fill: series.colour });
    primitives.push({ kind: 'text', x: x + 18, y, text: series.name, size: SMALL_SIZE, anchor: 'start', fill: TEXT });
    x += itemWidth;
  }
  return { primitives, height: y - top + 22 };
}

function notePrimitives(chart: BarChart, top: number, width: number): { primitives: ChartPrimitive[]; height: number } {
  if (!chart.note) return { primitives: [], height: 0 };
  const lines = wrapText(chart.note, SMALL_SIZE, width);
  return {
    primitives: lines.map((line, index) => ({
      kind: 'text',
      x: 0,
      y: top + 4 + index * (SMALL_SIZE + 4),
      text: line,
      size: SMALL_SIZE,
      anchor: 'start',
      fill: MUTED,
    })),
    height: lines.length * (SMALL_SIZE + 4) + 4,
  };
}

function maximumOf(chart: BarChart): number {
  const values = chart.series.flatMap((series) => series.values.filter((value): value is number => value !== null));
  const upper = (chart.intervals ?? []).flatMap((interval) => (interval ? [interval[1]] : []));
  const maximum = Math.max(0, ...values, ...upper);
  return chart.unit === 'percent' ? Math.min(100, Math.max(maximum, 10)) : maximum;
}

function layoutVertical(chart: BarChart): ChartLayout {
  // As narrow as its bars need, so that a chart of two bars is not shrunk to nothing on a phone.
  const axis = chooseAxis(maximumOf(chart));
  const axisLabelWidth = estimateTextWidth(formatTick(axis.top, chart), SMALL_SIZE) + 8;
  const plotLeft = axisLabelWidth + 4;
  const plotWidth = Math.min(WIDTH - plotLeft, 110 * chart.categories.length * Math.max(1, chart.series.length));
  const width = Math.max(320, plotLeft + plotWidth + 8);
  const title = titlePrimitives(chart, width);
  const primitives = title.primitives;
  const legend = legendPrimitives(chart, title.bottom + 22, width);
  primitives.push(...legend.primitives);
  const plotTop = title.bottom + 22 + legend.height + 10;
  const plotHeight = 220;
  const plotBottom = plotTop + plotHeight;
  const yOf = (value: number) => plotBottom - (value / axis.top) * plotHeight;
  for (let tick = 0; tick <= axis.top + 1e-9; tick += axis.step) {
    const y = yOf(tick);
    primitives.push({
      kind: 'line',
      x1: plotLeft,
      y1: y,
      x2: plotLeft + plotWidth,
      y2: y,
      stroke: GRID,
      strokeWidth: 1,
    });
    primitives.push({
      kind: 'text',
      x: plotLeft - 6,
      y: y + 4,
      text: formatTick(tick, chart),
      size: SMALL_SIZE,
      anchor: 'end',
      fill: MUTED,
    });
  }
  const slot = plotWidth / Math.max(1, chart.categories.length);
  const barWidth = Math.min(56, (slot * 0.7) / Math.max(1, chart.series.length));
  chart.categories.forEach((category, index) => {
    const groupLeft = plotLeft + index * slot + (slot - barWidth * chart.series.length) / 2;
    chart.series.forEach((series, seriesIndex) => {
      const value = series.values[index] ?? null;
      const x = groupLeft + seriesIndex * barWidth;
      if (value === null) return;
      const y = yOf(value);
      primitives.push({ kind: 'rect', x, y, width: barWidth - 2, height: plotBottom - y, fill: series.colour });
      primitives.push({
        kind: 'text',
        x: x + (barWidth - 2) / 2,
        y: y - 5,
        text: formatValue(value, chart),
        size: LABEL_SIZE,
        anchor: 'middle',
        bold: true,
        fill: TEXT,
      });
    });
    primitives.push({
      kind: 'text',
      x: plotLeft + index * slot + slot / 2,
      y: plotBottom + 18,
      text: category,
      size: LABEL_SIZE,
      anchor: 'middle',
      fill: TEXT,
    });
  });
  primitives.push({
    kind: 'line',
    x1: plotLeft,
    y1: plotBottom,
    x2: plotLeft + plotWidth,
    y2: plotBottom,
    stroke: MUTED,
    strokeWidth: 1,
  });
  const note = notePrimitives(chart, plotBottom + 30, width);
  primitives.push(...note.primitives);
  return { width, height: plotBottom + 30 + note.height, primitives };
}

function layoutHorizontal(chart: BarChart): ChartLayout {
  const title = titlePrimitives(chart, WIDTH);
  const primitives = title.primitives;
  const legend = legendPrimitives(chart, title.bottom + 22, WIDTH);
  primitives.push(...legend.primitives);
  const plotTop = title.bottom + 22 + legend.height + 6;
  const labelWidth =
    Math.min(
      WIDTH * 0.4,
      Math.max(40, ...chart.categories.map((category) => estimateTextWidth(category, LABEL_SIZE))),
    ) + 10;
  const plotLeft = labelWidth;
  const valueRoom = estimateTextWidth(chart.unit === 'percent' ? '100.0%' : '0000', LABEL_SIZE) + 8;
  const plotWidth = WIDTH - plotLeft - valueRoom;
  const axis = chooseAxis(maximumOf(chart));
  const xOf = (value: number) => plotLeft + (value / axis.top) * plotWidth;
  const barHeight = chart.series.length > 1 ? 11 : 18;
  const rowHeight = barHeight * chart.series.length + 10;
  const plotBottom = plotTop + rowHeight * chart.categories.length;
  for (let tick = 0; tick <= axis.top + 1e-9; tick += axis.step) {
    const x = xOf(tick);
    primitives.push({ kind: 'line', x1: x, y1: plotTop, x2: x, y2: plotBottom, stroke: GRID, strokeWidth: 1 });
    primitives.push({
      kind: 'text',
      x,
      y: plotBottom + 15,
      text: formatTick(tick, chart),
      size: SMALL_SIZE,
      anchor: 'middle',
      fill: MUTED,
    });
  }
  chart.categories.forEach((category, index) => {
    const rowTop = plotTop + index * rowHeight + 5;
    primitives.push({
      kind: 'text',
      x: plotLeft - 8,
      y: rowTop + (barHeight * chart.series.length) / 2 + 4,
      text: category,
      size: LABEL_SIZE,
      anchor: 'end',
      fill: TEXT,
    });
    chart.series.forEach((series, seriesIndex) => {
      const value = series.values[index] ?? null;
      const y = rowTop + seriesIndex * barHeight;
      if (value === null) {
        primitives.push({
          kind: 'text',
          x: plotLeft + 4,
          y: y + barHeight - 3,
          text: '–',
          size: LABEL_SIZE,
          anchor: 'start',
          fill: MUTED,
        });
        return;
      }
      const end = xOf(value);
      primitives.push({
        kind: 'rect',
        x: plotLeft,
        y,
        width: Math.max(0, end - plotLeft),
        height: barHeight - 1,
        fill: series.colour,
      });
      const interval = chart.series.length === 1 ? chart.intervals?.[index] : undefined;
      let labelX = end;
      if (interval) {
        const [low, high] = interval;
        const middle = y + (barHeight - 1) / 2;
        primitives.push({
          kind: 'line',
          x1: xOf(low),
          y1: middle,
          x2: xOf(high),
          y2: middle,
          stroke: TEXT,
          strokeWidth: 1.5,
        });
        primitives.push({
          kind: 'line',
          x1: xOf(low),
          y1: middle - 4,
          x2: xOf(low),
          y2: middle + 4,
          stroke: TEXT,
          strokeWidth: 1.5,
        });
        primitives.push({
          kind: 'line',
          x1: xOf(high),
          y1: middle - 4,
          x2: xOf(high),
          y2: middle + 4,
          stroke: TEXT,
          strokeWidth: 1.5,
        });
        labelX = Math.max(end, xOf(high));
      }
      primitives.push({
        kind: 'text',
        x: labelX + 5,
        y: y + barHeight - (chart.series.length > 1 ? 2 : 5),
        text: formatValue(value, chart),
        size: chart.series.length > 1 ? SMALL_SIZE : LABEL_SIZE,
        anchor: 'start',
        fill: TEXT,
      });
    });
  });
  primitives.push({
    kind: 'line',
    x1: plotLeft,
    y1: plotTop,
    x2: plotLeft,
    y2: plotBottom,
    stroke: MUTED,
    strokeWidth: 1,
  });
  const note = notePrimitives(chart, plotBottom + 26, WIDTH);
  primitives.push(...note.primitives);
  return { width: WIDTH, height: plotBottom + 26 + note.height, primitives };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function formatNumber(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * The chart as an accessible SVG: `role="img"`, a `<title>` and a `<desc>` named by aria-labelledby, and the
 * primitives. Its natural width is its layout width; CSS lets it shrink to fit, wide charts only so far.
 */
export function renderChartSvg(chart: BarChart): string {
  const layout = layoutChart(chart);
  const titleId = `${chart.id}-title`;
  const descriptionId = `${chart.id}-desc`;
  const body = layout.primitives
    .map((primitive) => {
      switch (primitive.kind) {
        case 'rect':
          return `<rect x="${formatNumber(primitive.x)}" y="${formatNumber(primitive.y)}" width="${formatNumber(primitive.width)}" height="${formatNumber(primitive.height)}" fill="${primitive.fill}"/>`;
        case 'line':
          return `<line x1="${formatNumber(primitive.x1)}" y1="${formatNumber(primitive.y1)}" x2="${formatNumber(primitive.x2)}" y2="${formatNumber(primitive.y2)}" stroke="${primitive.stroke}" stroke-width="${primitive.strokeWidth}"/>`;
        case 'text':
          return `<text x="${formatNumber(primitive.x)}" y="${formatNumber(primitive.y)}" font-size="${primitive.size}" text-anchor="${primitive.anchor}" fill="${primitive.fill}"${primitive.bold ? ' font-weight="bold"' : ''}>${escapeXml(primitive.text)}</text>`;
      }
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${formatNumber(layout.width)} ${formatNumber(layout.height)}" width="100%" role="img" aria-labelledby="${titleId} ${descriptionId}" font-family="'DejaVu Sans', Verdana, sans-serif" class="${layout.width > 400 ? 'chart chart-wide' : 'chart'}">` +
    `<title id="${titleId}">${escapeXml(chart.title)}</title><desc id="${descriptionId}">${escapeXml(chart.description)}</desc>` +
    `<g aria-hidden="true">${body}</g></svg>`
  );
}
