// The statistics page's prepare modules (lib/stats/*): core figures in, chart specs and text
// alternatives out. Pure functions, checked on hand-made figures with known answers.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChartTheme } from '../../renderer/src/lib/stats/chart';
import { chartConfig } from '../../renderer/src/lib/stats/chart';
import { prepareButtons } from '../../renderer/src/lib/stats/buttons';
import { prepareCardCounts } from '../../renderer/src/lib/stats/cardCounts';
import { binLabel, prepareDistribution } from '../../renderer/src/lib/stats/distributions';
import { prepareForecast } from '../../renderer/src/lib/stats/forecast';
import { daysBetween, formatInterval, parseDay } from '../../renderer/src/lib/stats/format';
import { heatLevel, prepareHeatmap } from '../../renderer/src/lib/stats/heatmap';
import { prepareRetention } from '../../renderer/src/lib/stats/retention';
import { bucketDays, prepareReviews } from '../../renderer/src/lib/stats/reviews';
import { prepareStreak, prepareToday } from '../../renderer/src/lib/stats/today';
import { currentScheme, readChartTheme, TOKEN_PROPERTIES, watchTheme } from '../../renderer/src/lib/stats/theme';
import { i18n } from '../../renderer/src/lib/i18n.svelte';
import { statistics } from './fakeExam';

afterEach(() => i18n.use('en'));

const THEME: ChartTheme = {
  scheme: 'dark',
  font: 'Test Sans',
  text: '#eeeeee',
  muted: '#aaaaaa',
  grid: '#333333',
  surface: '#111111',
  border: '#444444',
  colors: Object.fromEntries(Object.keys(TOKEN_PROPERTIES).map((k, i) => [k, `#0000${String(i).padStart(2, '0')}`])) as ChartTheme['colors'],
};

describe('forecast', () => {
  it('stacks learning, young and mature per day and sums them in the summary', () => {
    const stats = statistics();
    const view = prepareForecast(stats);
    expect(view.spec.labels).toHaveLength(30);
    expect(view.spec.labels[0]).toBe('Today');
    expect(view.spec.stacked).toBe(true);
    expect(view.spec.series.map((s) => s.color)).toEqual(['learning', 'young', 'mature']);
    const expected = stats.forecast.reduce((s, d) => s + d.total, 0);
    expect(view.total).toBe(expected);
    expect(view.tomorrow).toBe(stats.forecast[1]!.total);
    expect(view.alt.summary).toContain(`${expected} cards are due in the next 30 days.`);
    expect(view.alt.summary).toContain('3 cards are overdue.');
    expect(view.alt.table!.rows).toHaveLength(30);
    expect(view.spec.footer!(0)).toBe(`Total: ${stats.forecast[0]!.total}`);
  });
});

describe('calendar heatmap', () => {
  it('shades days by quarters of the busiest day', () => {
    expect(heatLevel(0, 12)).toBe(0);
    expect(heatLevel(1, 12)).toBe(1);
    expect(heatLevel(3, 12)).toBe(1);
    expect(heatLevel(4, 12)).toBe(2);
    expect(heatLevel(12, 12)).toBe(4);
    expect(heatLevel(5, 0)).toBe(0);
  });

  it('lays a year out as Monday-first weeks, with every day in place and today marked', () => {
    const stats = statistics();
    const view = prepareHeatmap(stats.days);
    expect(view.weeks.every((w) => w.length === 7)).toBe(true);
    const cells = view.weeks.flat().filter((c) => c !== null);
    expect(cells.map((c) => c!.date)).toEqual(stats.days.map((d) => d.date));
    // Each cell sits on its own weekday row (Monday = row 0).
    view.weeks.forEach((week) =>
      week.forEach((cell, row) => {
        if (cell) expect((parseDay(cell.date).getDay() + 6) % 7).toBe(row);
      }),
    );
    expect(cells.filter((c) => c!.today).map((c) => c!.date)).toEqual(['2026-03-18']);
    expect(view.max).toBe(12);
    expect(view.daysStudied).toBe(stats.days.filter((d) => d.total > 0).length);
    expect(cells.at(-1)!.title).toBe('Wed, Mar 18, 2026: 12 answers');
    expect(view.alt.summary).toMatch(/^You studied on 123 of the last 365 days \(34%\)\. Your busiest day was Wed, Mar 18, 2026, with 12 answers\./);
  });

  it('names each month once, over the first week that starts in it', () => {
    const view = prepareHeatmap(statistics().days);
    const columns = view.months.map((m) => m.column);
    expect(new Set(columns).size).toBe(columns.length);
    expect(columns).toEqual([...columns].sort((a, b) => a - b));
    expect(view.months.length).toBeGreaterThanOrEqual(11);
    expect(view.months.at(-1)!.label).toBe('Mar');
  });

  it('says so when nothing was studied', () => {
    const days = statistics().days.map((d) => ({ ...d, total: 0, learning: 0, young: 0, mature: 0, relearning: 0 }));
    expect(prepareHeatmap(days).alt.summary).toBe('You have not studied in the last 365 days.');
  });
});

describe('reviews per day', () => {
  it('keeps days for a month and three months, and whole weeks ending today for a year', () => {
    const days = statistics().days;
    expect(bucketDays(days, 'month')).toHaveLength(30);
    expect(bucketDays(days, 'quarter')).toHaveLength(90);
    const weeks = bucketDays(days, 'year');
    expect(weeks).toHaveLength(53);
    expect(weeks.at(-1)!.to).toBe('2026-03-18');
    expect(weeks.at(-1)!.from).toBe('2026-03-12');
    expect(weeks.reduce((s, w) => s + w.total, 0)).toBe(days.reduce((s, d) => s + d.total, 0));
  });

  it('stacks answers by kind, or shows minutes', () => {
    const days = statistics().days;
    const counts = prepareReviews(days, 'month', 'count');
    expect(counts.spec.series.map((s) => s.color)).toEqual(['learning', 'young', 'mature', 'relearning']);
    const month = days.slice(-30);
    expect(counts.total).toBe(month.reduce((s, d) => s + d.total, 0));
    expect(counts.daysStudied).toBe(month.filter((d) => d.total > 0).length);
    expect(counts.alt.summary).toContain(`${counts.total} answers in the last 30 days.`);
    expect(counts.alt.table!.rows).toHaveLength(counts.daysStudied);

    const time = prepareReviews(days, 'month', 'time');
    expect(time.spec.series).toHaveLength(1);
    expect(time.spec.series[0]!.data.at(-1)).toBe(1.6); // 12 answers × 8 s = 96 s
    expect(time.spec.format!(1.6)).toBe('1.6 min');
  });
});

describe('card counts, retention, distributions, buttons, today', () => {
  it('counts cards by state with shares, leaving empty states out of the doughnut', () => {
    const view = prepareCardCounts(statistics().cardCounts);
    expect(view.rows.map((r) => [r.key, r.count])).toEqual([
      ['new', 20], ['learning', 2], ['relearning', 1], ['review', 17], ['suspended', 3], ['buried', 0],
    ]);
    expect(view.rows[0]!.share).toBe('47%');
    expect(view.spec.labels).toEqual(['New', 'Learning', 'Relearning', 'Review', 'Suspended']);
    expect(view.spec.series[0]!.colors).toEqual(['new', 'learning', 'relearning', 'mature', 'suspended']);
    expect(view.alt.summary).toBe('43 cards: 20 new, 2 learning, 1 relearning, 17 review, 3 suspended.');
  });

  it('shows true retention per period with counts, and a dash without answers', () => {
    const view = prepareRetention(statistics().trueRetention);
    expect(view.rows.map((r) => r.label)).toEqual(['Today', 'Yesterday', 'Last 7 days', 'Last 30 days', 'Last 365 days']);
    const month = view.rows[3]!;
    expect(month.young).toEqual({ rate: '87.0%', detail: '80 of 92', empty: false });
    expect(month.mature.rate).toBe('93.0%');
    expect(month.total.detail).toBe('120 of 135');
    expect(view.rows[1]!.total).toEqual({ rate: '—', detail: 'no answers', empty: true });
    expect(view.summary).toBe('Over the last 30 days you recalled 88.9% of your reviews: 87.0% of young cards and 93.0% of mature cards.');
  });

  it('labels distribution bins in days or percent and summarises the mean', () => {
    const stats = statistics();
    expect(binLabel({ from: 0, to: 1, count: 0 }, 'days')).toBe('< 1 d');
    expect(binLabel({ from: 1, to: 2, count: 0 }, 'days')).toBe('1–2 d');
    expect(binLabel({ from: 730, to: null, count: 0 }, 'days')).toBe('730+ d');
    expect(binLabel({ from: 10, to: 20, count: 0 }, 'percent')).toBe('10–20%');
    const stability = prepareDistribution(stats.stability, 'stability');
    expect(stability.spec.series[0]!.data).toEqual([2, 5, 8, 3]);
    expect(stability.alt.summary).toBe('Average stability 2 days over 18 cards. Most cards are in 2–3 d (8 cards).');
    expect(prepareDistribution(stats.difficulty, 'difficulty').mean).toBe('48.2%');
    expect(prepareDistribution({ unit: 'percent', bins: [], cards: 0, mean: null }, 'retrievability').alt.summary).toBe('No reviewed cards yet.');
  });

  it('groups answer buttons by kind with the share correct', () => {
    const view = prepareButtons(statistics(), 'month');
    expect(view.spec.labels).toEqual(['Learning', 'Young', 'Mature']);
    expect(view.spec.series.map((s) => [s.label, s.color, s.data])).toEqual([
      ['Again', 'again', [3, 4, 1]],
      ['Hard', 'hard', [1, 2, 0]],
      ['Good', 'good', [10, 30, 12]],
      ['Easy', 'easy', [2, 4, 3]],
    ]);
    expect(view.total).toBe(72);
    expect(view.spec.footer!(1)).toBe('Correct: 90% of 40 answers');
    expect(view.alt.summary).toBe('72 answers in the last month. Correct: learning 81%, young 90%, mature 94%.');
    expect(view.alt.table!.rows[0]).toEqual(['Learning', '3', '1', '10', '2', '81%']);
  });

  it('sums up today and the streak', () => {
    const stats = statistics();
    const today = prepareToday(stats);
    expect(today.figures.map((f) => [f.id, f.value])).toEqual([
      ['reviewed', '12'], ['time', '1 min 36 s'], ['retention', '88%'], ['correct', '75%'],
    ]);
    expect(today.figures[2]!.note).toBe('7 of 8 reviews recalled');
    const streak = prepareStreak(stats);
    expect(streak.figures.map((f) => f.value)).toEqual(['1 day', '1 day', '123']);
    expect(streak.figures[2]!.note).toBe('of the last 365 days');
  });

  it('speaks Dutch when the UI does', () => {
    i18n.use('nl');
    const view = prepareRetention(statistics().trueRetention);
    expect(view.rows[3]!.label).toBe('Laatste 30 dagen');
    expect(view.rows[3]!.young.detail).toBe('80 van 92');
    expect(prepareHeatmap(statistics().days).alt.summary).toMatch(/^Je hebt op 123 van de laatste 365 dagen gestudeerd/);
  });
});

describe('formatting', () => {
  it('counts calendar days across a DST change and words intervals', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-18', '2026-04-15')).toBe(28);
    expect(formatInterval(0.5)).toBe('12 hours');
    expect(formatInterval(1)).toBe('1 day');
    expect(formatInterval(12.4)).toBe('12 days');
    expect(formatInterval(90)).toBe('3 months');
    expect(formatInterval(730)).toBe('2 years');
  });
});

describe('chart configuration', () => {
  it('colours every series from the theme and never leaves chart.js to derive hover colours', () => {
    const stats = statistics();
    const config = chartConfig(prepareForecast(stats).spec, THEME, { animate: false });
    const datasets = config.data.datasets as unknown as { backgroundColor: string; hoverBackgroundColor: string }[];
    expect(datasets.map((d) => d.backgroundColor)).toEqual([THEME.colors.learning, THEME.colors.young, THEME.colors.mature]);
    expect(datasets.every((d) => d.hoverBackgroundColor === d.backgroundColor)).toBe(true);
    const options = config.options as unknown as {
      animation: unknown;
      scales: { x: { stacked: boolean; ticks: { color: string } }; y: { grid: { color: (c: unknown) => string } } };
      plugins: { tooltip: { backgroundColor: string; titleColor: string }; legend: { display: boolean; labels: { color: string } } };
    };
    expect(options.animation).toBe(false);
    expect(options.scales.x.stacked).toBe(true);
    expect(options.scales.x.ticks.color).toBe(THEME.muted);
    expect(options.scales.y.grid.color({ tick: { value: 2 } })).toBe(THEME.grid);
    expect(options.plugins.tooltip.backgroundColor).toBe(THEME.surface);
    expect(options.plugins.tooltip.titleColor).toBe(THEME.text);
    expect(options.plugins.legend).toMatchObject({ display: true, labels: { color: THEME.text } });
  });

  it('writes tooltips with the full date, the series and the formatted value', () => {
    const stats = statistics();
    const spec = prepareReviews(stats.days, 'month', 'time').spec;
    const config = chartConfig(spec, THEME, { animate: true });
    const callbacks = (config.options as unknown as { plugins: { tooltip: { callbacks: Record<string, (x: unknown) => string> } } }).plugins.tooltip.callbacks;
    expect(callbacks.title!([{ dataIndex: 29 }])).toBe('Wed, Mar 18, 2026');
    expect(callbacks.label!({ raw: 1.6, dataIndex: 29, datasetIndex: 0, dataset: { label: 'Time' } })).toBe('Time: 1.6 min');
  });

  it('highlights a mark (the pass mark) as a grid line of its own, with a tick for it', () => {
    const spec = { ...prepareForecast(statistics()).spec, mark: { value: 70, label: 'Pass mark', color: 'hard' as const } };
    const y = (chartConfig(spec, THEME, { animate: false }).options as unknown as {
      scales: { y: { grid: { color: (c: unknown) => string; lineWidth: (c: unknown) => number }; afterBuildTicks: (a: unknown) => void; ticks: { callback: (v: number) => string } } };
    }).scales.y;
    expect(y.grid.color({ tick: { value: 70 } })).toBe(THEME.colors.hard);
    expect(y.grid.color({ tick: { value: 60 } })).toBe(THEME.grid);
    expect(y.grid.lineWidth({ tick: { value: 70 } })).toBe(2);
    const axis = { ticks: [{ value: 0 }, { value: 50 }, { value: 100 }] };
    y.afterBuildTicks(axis);
    expect(axis.ticks.map((t) => t.value)).toEqual([0, 50, 70, 100]);
    expect(y.ticks.callback(70)).toBe('Pass mark 70');
  });

  it('draws doughnut slices in their own colours with the surface between them', () => {
    const view = prepareCardCounts(statistics().cardCounts);
    const config = chartConfig(view.spec, THEME, { animate: false });
    const dataset = config.data.datasets[0] as unknown as { backgroundColor: string[]; borderColor: string };
    expect(config.type).toBe('doughnut');
    expect(dataset.backgroundColor).toEqual([THEME.colors.new, THEME.colors.learning, THEME.colors.relearning, THEME.colors.mature, THEME.colors.suspended]);
    expect(dataset.borderColor).toBe(THEME.surface);
  });

  it('takes the theme chosen in Settings over the system’s', () => {
    document.documentElement.dataset.theme = 'dark';
    expect(currentScheme()).toBe('dark');
    document.documentElement.dataset.theme = 'light';
    expect(currentScheme()).toBe('light');
    delete document.documentElement.dataset.theme;
    expect(currentScheme()).toBe('light'); // jsdom's system: no dark preference
  });

  it('redraws when the chosen theme changes', async () => {
    let calls = 0;
    const stop = watchTheme(() => calls++);
    document.documentElement.dataset.theme = 'dark';
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(1);
    stop();
    delete document.documentElement.dataset.theme;
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(1);
  });

  it('reads the theme from CSS custom properties at draw time', () => {
    const el = document.createElement('div');
    el.style.setProperty('--text', '#101010');
    el.style.setProperty('--chart-young', '#63b87e');
    el.style.setProperty('--border', '#dddddd');
    document.body.append(el);
    const theme = readChartTheme(el);
    expect(theme.text).toBe('#101010');
    expect(theme.colors.young).toBe('#63b87e');
    expect(theme.grid).toBe('#dddddd');
    // A role without a property falls back to the text colour rather than chart.js's grey.
    expect(theme.colors.easy).toBe('#101010');
    el.remove();
  });
});
