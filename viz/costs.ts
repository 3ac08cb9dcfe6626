/**
 * Cost outcomes beside the map: headline figures (spend this month, cumulative spend, spend per
 * child in care, weekly prices and the private margin) and two charts (monthly spend by category,
 * stacked; weekly prices of private and council-run places).
 */
import type { MarketRecord } from '../sim/records';
import { SPEND_CATEGORIES, type SpendCategory } from '../sim/states';
import { createChart, type Chart, type ChartTheme } from './charts';
import { formatCount, formatPercent, formatPounds } from './format';
import { spendKey, type RunHistory, type SeriesKey } from './history';
import { OKABE_ITO, SPEND_COLOUR } from './palette';

/** Short, so the stacked chart's legend stays within a few lines. */
const SPEND_LABEL: Record<SpendCategory, string> = {
  kinship_foster: 'Kinship foster',
  inhouse_foster: 'In-house foster',
  agency_foster: 'Agency foster',
  placed_with_parents: 'With parents',
  la_residential: 'Council home',
  private_residential: 'Private home',
  supported_accommodation: 'Supported 16\u201317',
  secure: 'Secure',
  early_help: 'Early help',
  early_help_unused: 'Early help unused',
  social_work: 'Social work',
  care_leavers: 'Care leavers',
  permanence_allowances: 'SGO/adoption allowances',
};

export interface CostPanel {
  /** `area`: what the spend covers ("whole region", or the council shown); prices and places are always the region's. */
  update(market: MarketRecord, scale: number, area?: string): void;
  charts: readonly Chart[];
}

export interface Figure {
  value: HTMLElement;
  note: HTMLElement;
}

/** One headline figure (label, value, note) in a `dl.kpis`; also used by the children-in-care panels. */
export function figure(host: HTMLElement, label: string, key: string): Figure {
  const wrap = document.createElement('div');
  wrap.className = 'kpi';
  wrap.dataset.figure = key;
  const dt = document.createElement('dt');
  dt.textContent = label;
  const value = document.createElement('dd');
  value.className = 'kpi-value';
  value.textContent = '–';
  const note = document.createElement('dd');
  note.className = 'kpi-note';
  wrap.append(dt, value, note);
  host.append(wrap);
  return { value, note };
}

export function createCostPanel(host: HTMLElement, history: RunHistory, theme: ChartTheme): CostPanel {
  const list = document.createElement('dl');
  list.className = 'kpis';
  host.append(list);
  const monthly = figure(list, 'Spend this month', 'monthly-spend');
  const cumulative = figure(list, 'Since the start', 'cumulative-spend');
  const perChild = figure(list, 'Per child in care', 'per-child');
  const privatePrice = figure(list, 'Private home', 'private-price');
  const councilPrice = figure(list, 'Council home', 'council-price');
  const agency = figure(list, 'Agency foster', 'agency-price');

  const spendChart = createChart(
    host,
    history.series,
    {
      title: 'Monthly spend by category',
      unit: '£ a month, whole region',
      mode: 'stacked',
      series: SPEND_CATEGORIES.map((c) => ({ key: spendKey(c) as SeriesKey, label: SPEND_LABEL[c], colour: SPEND_COLOUR[c] })),
      formatTick: formatPounds,
      legend: true,
    },
    theme,
  );
  spendChart.element.classList.add('chart-spend');
  const priceChart = createChart(
    host,
    history.series,
    {
      title: 'Weekly price of a place',
      unit: '£ a week',
      mode: 'lines',
      series: [
        { key: 'privatePrice', label: 'Private home', colour: OKABE_ITO.vermillion },
        { key: 'councilPrice', label: 'Council-run home', colour: OKABE_ITO.skyBlue },
        { key: 'agencyPrice', label: 'Agency foster', colour: OKABE_ITO.bluishGreen },
      ],
      formatTick: formatPounds,
      legend: true,
    },
    theme,
  );
  priceChart.element.classList.add('chart-price');

  return {
    charts: [spendChart, priceChart],
    update(market, scale, area = 'whole region') {
      const t = history.totals;
      monthly.value.textContent = formatPounds(t.monthlySpend);
      monthly.note.textContent = scale < 1 ? `${area === 'whole region' ? 'region' : area}, from a 1 in ${formatCount(1 / scale)} sample` : area;
      cumulative.value.textContent = formatPounds(t.cumulativeSpend);
      cumulative.note.textContent = area;
      perChild.value.textContent = formatPounds(t.perChildInCarePerYear);
      perChild.note.textContent = 'placements, a year';
      privatePrice.value.textContent = `${formatPounds(market.privateResidentialPricePerWeek)}/wk`;
      privatePrice.note.textContent = `margin ${formatPercent(market.privateResidentialMargin)}; high-cost tail +${formatPounds(market.privateResidentialTailPerWeek)}/wk`;
      councilPrice.value.textContent = `${formatPounds(market.councilHomePricePerWeek)}/wk`;
      councilPrice.note.textContent = `${formatCount(market.councilHomePlaces / scale)} places open; high-cost tail +${formatPounds(market.councilHomeTailPerWeek)}/wk`;
      agency.value.textContent = `${formatPounds(market.agencyFosterPricePerWeek)}/wk`;
      agency.note.textContent = `margin ${formatPercent(market.agencyFosterMargin)}`;
      spendChart.invalidate();
      priceChart.invalidate();
    },
  };
}
