import { describe, expect, it } from 'vitest';
import { observedHistory } from '../../sim/observed/history';
import { overlayFor } from '../../sim/observed/overlay';
import type { ObservedHistory } from '../../sim/observed/types';

function history(): ObservedHistory {
  const result = observedHistory();
  if (!result.ok) throw new Error('the shipped observed history is invalid');
  return result.value;
}

describe('overlayFor', () => {
  it('puts each observed 31 March on the run month whose record is that March', () => {
    const overlay = overlayFor(history(), 'england', 'lookedAfter', '2009-04');
    // April 2009 start: month 0 is March 2009 (the derived 53.9), month 12 March 2010 (57), ...
    expect([...(overlay?.months ?? [])].slice(0, 3)).toEqual([0, 12, 24]);
    expect([...(overlay?.values ?? [])].slice(0, 3)).toEqual([53.9, 57, 58]);
    // 2017 is a gap: no point, so 2016 (month 84) is followed by 2018 (month 108).
    expect([...(overlay?.months ?? [])].slice(6, 9)).toEqual([72, 84, 108]);
    expect(overlay?.description).toMatch(/^observed \(DfE\), England: 2009 53.9 \(derived\), 2010 57, 2011 58,/);
  });

  it('keeps only the figures from month 0 on, and gives nothing when none is left', () => {
    const overlay = overlayFor(history(), 'north-east', 'childrenInNeed', '2021-04');
    expect([...(overlay?.months ?? [])]).toEqual([12]);
    expect([...(overlay?.values ?? [])]).toEqual([470.7]);
    expect(overlayFor(history(), 'north-east', 'lookedAfter', '2030-04')).toBeUndefined();
    expect(overlayFor(history(), 'north-east', 'lookedAfter', 'April')).toBeUndefined();
  });
});
