/**
 * "Legal status and leaving care": children in care by legal status over time (stacked, whole
 * region) with the latest month's shares; unaccompanied asylum-seeking children in care; and, over
 * the last 12 months, why children left care and how many came back into care.
 */
import { CARE_EXIT_REASONS, LEGAL_STATUSES } from '../sim/states';
import { percentOf } from '../sim/measures';
import type { ChartTheme } from './charts';
import { createCareSplit, monthlyPanel } from './care-chart';
import { lastMonths, legalKey, regionNote, type CareMixHistory, type CarePanel } from './care-mix';
import { figure } from './costs';
import { formatCount, formatPercent } from './format';
import { EXIT_REASON_LABEL, LEGAL_STATUS_LABEL } from './labels';
import { LEGAL_COLOUR } from './palette';
import { createShareTable } from './share-table';

export function createLegalPanel(host: HTMLElement, history: CareMixHistory, theme: ChartTheme): CarePanel {
  const list = document.createElement('dl');
  list.className = 'kpis';
  host.append(list);
  const uasc = figure(list, 'Unaccompanied children in care', 'uasc');
  const reEntries = figure(list, 'Came back into care', 're-entries');
  const { chart, table: legal } = createCareSplit(host, history, theme, {
    title: 'Children in care by legal status',
    name: 'legal-status',
    partHeading: 'Legal status',
    parts: LEGAL_STATUSES,
    label: LEGAL_STATUS_LABEL,
    colour: LEGAL_COLOUR,
    key: legalKey,
    groups: ['In care'],
  });
  const exits = createShareTable(host, {
    name: 'care-exits',
    caption: 'Children who left care, by reason',
    partHeading: 'Reason',
    parts: CARE_EXIT_REASONS.map((r) => ({ key: r, label: EXIT_REASON_LABEL[r] })),
    groups: ['Left care'],
  });
  return monthlyPanel(chart, history, () => {
    const { latest, recent, scale } = history;
    const period = lastMonths(recent.months);
    legal.setCaption(`Month ${latest.month}: children in care by legal status (${regionNote(scale, history.area)})`);
    legal.show(0, latest.byLegalStatus, scale);
    exits.setCaption(`Children who left care, ${period}, by reason (${regionNote(scale, history.area)})`);
    exits.show(0, recent.exitsByReason, scale);
    uasc.value.textContent = formatCount(latest.uasc / scale);
    uasc.value.dataset.count = String(latest.uasc);
    uasc.note.textContent = `${formatPercent(percentOf(latest.uasc, latest.inCare) / 100)} of children in care`;
    let entries = 0;
    for (let i = 0; i < recent.entriesByAge.length; i++) entries += recent.entriesByAge[i];
    reEntries.value.textContent = formatCount(recent.reEntries / scale);
    reEntries.value.dataset.count = String(recent.reEntries);
    reEntries.note.textContent = recent.months > 0 ? `${formatPercent(percentOf(recent.reEntries, entries) / 100)} of entries, ${period}` : period;
  });
}
