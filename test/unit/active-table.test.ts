import { describe, expect, it } from 'vitest';
import { ActiveTable } from '../../sim/engine/active-table';

describe('the active table', () => {
  it('moves every column of the last row into a removed row (a column left out of the copy fails here)', () => {
    const t = new ActiveTable(4);
    for (let k = 0; k < 3; k++) t.add(10 + k, 1, 100 + k, 0, -k);
    ActiveTable.columns.forEach((name, c) => {
      const column = t.column(name) as Uint8Array | Int32Array | Uint32Array;
      column[2] = 7 + c; // distinct values in the last row
      column[0] = 0;
    });
    expect(t.removeAt(0)).toBe(7); // the moved child's slot (column 0 is `slot`)
    ActiveTable.columns.forEach((name, c) => expect(t.column(name)[0], name).toBe(7 + c));
    expect(t.count).toBe(2);
  });

  it('returns -1 when the removed row was the last', () => {
    const t = new ActiveTable(4);
    t.add(5, 1, 1, 0, 0);
    expect(t.removeAt(0)).toBe(-1);
    expect(t.count).toBe(0);
  });
});
