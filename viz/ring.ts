/**
 * Fixed-capacity time series for the charts: one Float64Array per series, written in place, so a
 * long run costs no allocation and the oldest months fall off once the buffer is full.
 */
export class RingSeries {
  private readonly values: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count < this.capacity) {
      this.values[(this.start + this.count) % this.capacity] = value;
      this.count++;
    } else {
      this.values[this.start] = value;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** The i-th oldest value still held (0 = oldest). */
  at(i: number): number {
    return this.values[(this.start + i) % this.capacity];
  }

  last(): number {
    return this.count === 0 ? NaN : this.at(this.count - 1);
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }
}

/**
 * Several series sampled at the same months. `months` is a series too, so a chart reads its x and
 * y values at the same index.
 */
export class SeriesTable<K extends string> {
  readonly months: RingSeries;
  private readonly series: Record<K, RingSeries>;

  constructor(
    readonly keys: readonly K[],
    capacity: number,
  ) {
    this.months = new RingSeries(capacity);
    this.series = {} as Record<K, RingSeries>;
    for (const k of keys) this.series[k] = new RingSeries(capacity);
  }

  get length(): number {
    return this.months.length;
  }

  get(key: K): RingSeries {
    return this.series[key];
  }

  /** Append one month; `value(key)` is called once per series (no object per row). */
  push(month: number, value: (key: K) => number): void {
    this.months.push(month);
    for (const k of this.keys) this.series[k].push(value(k));
  }

  clear(): void {
    this.months.clear();
    for (const k of this.keys) this.series[k].clear();
  }
}
