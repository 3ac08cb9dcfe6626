/**
 * The audience view's three headline figures (children in care, on child protection plans, spent
 * since the start) and, during a branch, the gap in children in care between B and A. The figures
 * are read back from the page for the presenter console, so what it shows is what the room sees.
 */
import { inCare, per10k, regionPounds } from '../../sim/measures';
import type { MonthRecord } from '../../sim/worker/contract';
import { formatCount, formatPounds } from '../format';
import { el } from './dom';
import type { Ghost } from './ghost';

export interface HeadlineFigures {
  /** The figures of a month's record; `scale` turns the run's children into the region's. */
  show(record: MonthRecord, scale: number): void;
  /** The three figures as shown, for the presenter console. */
  figures(): { label: string; value: string }[];
  /**
   * The branch's gap (B − A children in care) at the record's month, once the fork has been checked
   * (`setForkCheck`) and A has reached that month; says whether it was shown.
   */
  showBranchGap(ghost: Ghost, record: MonthRecord): boolean;
  /** The gap on show, or null when there is none. */
  gap(): number | null;
  /** Whether A's record at the fork equals the run on show's, set once the fork is checked. */
  setForkCheck(equal: boolean, month: number): void;
  /** Hides the gap and forgets the fork's check (the branch ended). */
  clearGap(): void;
}

const signed = (n: number): string => (n > 0 ? `+${formatCount(Math.round(n))}` : n < 0 ? `−${formatCount(Math.round(-n))}` : '0');

export function createHeadline(headline: HTMLElement): HeadlineFigures {
  const figure = (label: string): HTMLElement => {
    const box = el('div', 'headline-figure');
    const value = el('span', 'headline-value', '–');
    const name = el('span', 'headline-label', label);
    box.append(value, name);
    headline.append(box);
    return value;
  };
  const careValue = figure('children in care');
  const careRate = careValue.nextElementSibling as HTMLElement;
  const cpValue = figure('on child protection plans');
  const spendValue = figure('spent since the start');
  const gapBox = el('div', 'headline-figure branch-gap');
  gapBox.dataset.testid = 'branch-gap';
  gapBox.hidden = true;
  const gapValue = el('span', 'headline-value', '–');
  const gapLabel = el('span', 'headline-label', 'children in care, B (solid) − A (dashed)');
  gapBox.append(gapValue, gapLabel);
  headline.append(gapBox);
  // Spend since month 0, summed as the records arrive (a record carries only its own month's).
  let cumulative = 0;

  return {
    show(record, scale) {
      const care = inCare(record.stocks);
      careValue.textContent = formatCount(Math.round(care / scale));
      careRate.textContent = `children in care, ${per10k(care, record.children).toFixed(0)} per 10k`;
      cpValue.textContent = formatCount(Math.round(record.stocks.child_protection / scale));
      if (record.month === 0) cumulative = 0;
      else cumulative += regionPounds(record.spendTotal, scale);
      spendValue.textContent = formatPounds(cumulative);
    },
    figures: () => [
      { label: 'Children in care', value: careValue.textContent ?? '' },
      { label: 'On CP plans', value: cpValue.textContent ?? '' },
      { label: 'Spent since the start', value: spendValue.textContent ?? '' },
    ],
    showBranchGap(ghost, record) {
      // Not before the fork has been checked (branch() in audience.ts sets data-fork-equal first).
      if (gapBox.dataset.forkEqual === undefined) return false;
      const gap = ghost.gapAt(record.month, record);
      if (gap === undefined) return false;
      gapBox.hidden = false;
      gapBox.dataset.value = String(gap);
      gapBox.dataset.month = String(record.month);
      gapValue.textContent = signed(gap);
      return true;
    },
    gap: () => (gapBox.hidden ? null : Number(gapBox.dataset.value)),
    setForkCheck(equal, month) {
      gapBox.dataset.forkEqual = String(equal);
      gapBox.dataset.forkMonth = String(month);
    },
    clearGap() {
      gapBox.hidden = true;
      delete gapBox.dataset.forkEqual;
    },
  };
}
