/**
 * "Children in care by age": a stacked chart of children looked after by DfE age band over time
 * (whole region), and a table of the latest month's shares beside the shares of entries to care in
 * the last 12 months, so the ages read as numbers on a projector and to a screen reader.
 */
import { DFE_AGE_BANDS } from '../sim/ages';
import type { ChartTheme } from './charts';
import { createCareSplit, monthlyPanel } from './care-chart';
import { ageKey, lastMonths, regionNote, type CareMixHistory, type CarePanel } from './care-mix';
import { AGE_BAND_LABEL } from './labels';
import { AGE_COLOUR } from './palette';

export function createAgePanel(host: HTMLElement, history: CareMixHistory, theme: ChartTheme): CarePanel {
  const { chart, table } = createCareSplit(host, history, theme, {
    title: 'Children in care by age',
    name: 'care-age',
    partHeading: 'Age',
    parts: DFE_AGE_BANDS,
    label: AGE_BAND_LABEL,
    colour: AGE_COLOUR,
    key: ageKey,
    groups: ['In care', 'Entered care'],
  });
  return monthlyPanel(chart, history, () => {
    const { latest, recent, scale } = history;
    const period = lastMonths(recent.months);
    table.setCaption(`Month ${latest.month}: children in care by age (${regionNote(scale, history.area)}), and entries to care by age at entry, ${period}`);
    table.setGroupHeading(1, `Entered care, ${period}`);
    table.show(0, latest.byAge, scale);
    table.show(1, recent.entriesByAge, scale);
  });
}
