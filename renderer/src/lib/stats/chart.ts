// What a chart shows, as plain data: every "prepare" module (Anki style) turns core figures into a
// ChartSpec plus a text alternative, and ChartCanvas.svelte draws the spec with chart.js. Colours
// are named by role (ColorToken), never written here: the theme (theme.ts) turns them into the
// current light or dark CSS custom properties at draw time.
import type { ChartConfiguration, TooltipItem } from 'chart.js';

/** A colour role; theme.ts maps each to a CSS custom property. */
export type ColorToken =
  | 'new'
  | 'learning'
  | 'young'
  | 'mature'
  | 'relearning'
  | 'review'
  | 'suspended'
  | 'buried'
  | 'again'
  | 'hard'
  | 'good'
  | 'easy'
  | 'accent'
  | 'muted';

export interface ChartSeries {
  label: string;
  data: (number | null)[];
  color: ColorToken;
  /** One colour per data point (doughnut slices); `color` otherwise. */
  colors?: ColorToken[];
  /** A line drawn over bars (mixed charts). */
  line?: boolean;
  /** A line drawn dashed (targets, pass marks). */
  dashed?: boolean;
  /** The right-hand axis (a second unit). */
  secondAxis?: boolean;
}

/** How values read on the axis and in tooltips. */
export type ValueFormat = (value: number) => string;

export interface ChartSpec {
  type: 'bar' | 'line' | 'doughnut';
  /** Short labels under the bars. */
  labels: string[];
  /** Longer labels for tooltips' titles (e.g. the full date); `labels` otherwise. */
  titles?: string[];
  series: ChartSeries[];
  stacked?: boolean;
  xTitle?: string;
  yTitle?: string;
  y2Title?: string;
  yMin?: number;
  yMax?: number;
  /** Formats values on the value axis and in tooltips (default: whole numbers). */
  format?: ValueFormat;
  format2?: ValueFormat;
  /** Extra tooltip lines under the values of a point (e.g. a day's total). */
  footer?: (index: number) => string | null;
  /** A highlighted line across the chart at this value of the value axis (e.g. the pass mark). */
  mark?: { value: number; label: string; color: ColorToken };
  /** Hide the legend (a single series says what it is in the heading). */
  legend?: boolean;
  /** How tall the chart is drawn (a CSS class: no inline styles under the CSP). */
  size?: 'small' | 'medium' | 'large';
}

/** The resolved colours of the current theme. */
export interface ChartTheme {
  scheme: 'light' | 'dark';
  font: string;
  text: string;
  muted: string;
  grid: string;
  surface: string;
  border: string;
  colors: Record<ColorToken, string>;
}

/** A table that stands in for a chart for screen readers (or shows beside it). */
export interface DataTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

/** What a screen reader gets instead of the chart: a summary sentence and, usually, a table. */
export interface TextAlternative {
  summary: string;
  table?: DataTable;
}

const whole: ValueFormat = (v) => String(Math.round(v));

/**
 * The chart.js configuration for a spec in a theme. Pure: the component calls it on every draw
 * (first draw, data change, theme change).
 */
export function chartConfig(spec: ChartSpec, theme: ChartTheme, options: { animate: boolean }): ChartConfiguration {
  const format = spec.format ?? whole;
  const format2 = spec.format2 ?? format;
  const color = (token: ColorToken) => theme.colors[token];
  const font = { family: theme.font, size: 12 };
  const tick = { color: theme.muted, font };
  const title = (text: string | undefined) => ({ display: Boolean(text), text: text ?? '', color: theme.muted, font });

  const datasets = spec.series.map((s) => {
    const fill = s.colors ? s.colors.map(color) : color(s.color);
    const base = {
      label: s.label,
      data: s.data,
      backgroundColor: fill,
      // Explicit hover colours: chart.js would otherwise derive them by parsing the colour.
      hoverBackgroundColor: fill,
      borderColor: spec.type === 'doughnut' ? theme.surface : fill,
      hoverBorderColor: spec.type === 'doughnut' ? theme.surface : fill,
    };
    if (spec.type === 'doughnut') return { ...base, borderWidth: 2 };
    if (s.line || spec.type === 'line') {
      return {
        ...base,
        type: 'line' as const,
        backgroundColor: color(s.color),
        borderWidth: 2,
        borderDash: s.dashed ? [6, 4] : [],
        pointRadius: s.dashed ? 0 : 3,
        pointHoverRadius: s.dashed ? 0 : 5,
        tension: 0.25,
        spanGaps: true,
        yAxisID: s.secondAxis ? 'y2' : 'y',
        order: 0,
      };
    }
    return { ...base, type: 'bar' as const, borderWidth: 0, borderRadius: 2, maxBarThickness: 28, yAxisID: s.secondAxis ? 'y2' : 'y', order: 1 };
  });

  const tooltip = {
    backgroundColor: theme.surface,
    titleColor: theme.text,
    bodyColor: theme.text,
    footerColor: theme.muted,
    borderColor: theme.border,
    borderWidth: 1,
    padding: 10,
    boxPadding: 4,
    titleFont: { ...font, weight: 'bold' as const },
    bodyFont: font,
    footerFont: { ...font, weight: 'normal' as const },
    callbacks: {
      title: (items: TooltipItem<'bar'>[]) => {
        const i = items[0]?.dataIndex ?? 0;
        return spec.type === 'doughnut' ? '' : (spec.titles?.[i] ?? spec.labels[i] ?? '');
      },
      label: (item: TooltipItem<'bar'>) => {
        const value = typeof item.raw === 'number' ? item.raw : null;
        const name = spec.type === 'doughnut' ? (spec.labels[item.dataIndex] ?? '') : (item.dataset.label ?? '');
        const f = spec.series[item.datasetIndex]?.secondAxis ? format2 : format;
        return `${name}: ${value === null ? '—' : f(value)}`;
      },
      footer: (items: TooltipItem<'bar'>[]) => (spec.footer ? (spec.footer(items[0]?.dataIndex ?? 0) ?? '') : ''),
    },
  };

  const legend = {
    display: spec.legend ?? spec.series.length > 1,
    position: 'bottom' as const,
    labels: { color: theme.text, font, boxWidth: 12, boxHeight: 12, usePointStyle: false },
  };

  if (spec.type === 'doughnut') {
    return {
      type: 'doughnut',
      data: { labels: spec.labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: options.animate ? { duration: 250 } : false,
        cutout: '62%',
        plugins: { legend: { ...legend, display: spec.legend ?? false }, tooltip },
      },
    } as ChartConfiguration;
  }

  const hasSecond = spec.series.some((s) => s.secondAxis);
  const mark = spec.mark;
  const isMark = (value: unknown) => mark !== undefined && value === mark.value;
  return {
    type: spec.type,
    data: { labels: spec.labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: options.animate ? { duration: 250 } : false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend, tooltip },
      scales: {
        x: {
          stacked: spec.stacked ?? false,
          // Lines keep half a step free at both ends, so a lone point is not squeezed to an edge.
          offset: spec.type === 'line',
          grid: { display: false },
          border: { color: theme.grid },
          ticks: { ...tick, autoSkip: true, maxRotation: 0, autoSkipPadding: 12 },
          title: title(spec.xTitle),
        },
        y: {
          stacked: spec.stacked ?? false,
          beginAtZero: true,
          min: spec.yMin,
          max: spec.yMax,
          // The mark is a grid line of its own (its tick is added if the scale has none there).
          grid: {
            color: (c: { tick?: { value: number } }) => (isMark(c.tick?.value) ? color(mark!.color) : theme.grid),
            lineWidth: (c: { tick?: { value: number } }) => (isMark(c.tick?.value) ? 2 : 1),
          },
          border: { display: false },
          afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
            if (mark && !axis.ticks.some((t) => t.value === mark.value)) {
              axis.ticks = [...axis.ticks, { value: mark.value }].sort((a, b) => a.value - b.value);
            }
          },
          ticks: {
            ...tick,
            precision: 0,
            callback: (v: number | string) => (isMark(Number(v)) ? `${mark!.label} ${format(Number(v))}` : format(Number(v))),
          },
          title: title(spec.yTitle),
        },
        ...(hasSecond
          ? {
              y2: {
                position: 'right' as const,
                beginAtZero: true,
                grid: { display: false },
                border: { display: false },
                ticks: { ...tick, callback: (v: number | string) => format2(Number(v)) },
                title: title(spec.y2Title),
              },
            }
          : {}),
      },
    },
  } as ChartConfiguration;
}
