/**
 * The tidy table as Parquet, written a batch of rows at a time (one row group each) through
 * hyparquet-writer: small, maintained, no native code, and paired with a reader (hyparquet) that
 * the tests read it back with. Columns as the tidy CSV's, typed: text as UTF-8 strings, run, seed
 * and month as 32-bit integers, the value as a double (a missing value is null), then the council.
 */
import { fileWriter, ParquetWriter, schemaFromColumnData, type ColumnSource } from 'hyparquet-writer';

export interface TidyRow {
  scenario: string;
  variant: string;
  run: number;
  seed: number;
  month: number;
  date: string;
  financialYear: string;
  measure: string;
  unit: string;
  value: number;
  /** '' for the region's rows; a council's ONS code for its own (tidy.ts) */
  council: string;
}

const TEXT = ['scenario', 'variant', 'date', 'financialYear', 'measure', 'unit'] as const;
const WHOLE = ['run', 'seed', 'month'] as const;
/** Column names as in the CSV. */
const NAME: Record<keyof TidyRow, string> = { scenario: 'scenario', variant: 'variant', run: 'run', seed: 'seed', month: 'month', date: 'date', financialYear: 'financial_year', measure: 'measure', unit: 'unit', value: 'value', council: 'council' };

function columns(rows: readonly TidyRow[]): ColumnSource[] {
  return [
    ...TEXT.slice(0, 2).map((k): ColumnSource => ({ name: NAME[k], data: rows.map((r) => r[k]), type: 'STRING', nullable: false })),
    ...WHOLE.map((k): ColumnSource => ({ name: NAME[k], data: Int32Array.from(rows, (r) => r[k]), type: 'INT32', nullable: false })),
    ...TEXT.slice(2).map((k): ColumnSource => ({ name: NAME[k], data: rows.map((r) => r[k]), type: 'STRING', nullable: false })),
    { name: 'value', data: rows.map((r) => (Number.isFinite(r.value) ? r.value : null)), type: 'DOUBLE', nullable: true },
    { name: 'council', data: rows.map((r) => r.council), type: 'STRING', nullable: false },
  ];
}

/** Rows go in with `add`; every `batch` rows become a row group; `close` writes the footer. */
export class TidyParquet {
  private readonly writer: ParquetWriter;
  private rows: TidyRow[] = [];

  constructor(
    path: string,
    private readonly batch = 200_000,
  ) {
    const schema = schemaFromColumnData({ columnData: columns([]) });
    this.writer = new ParquetWriter({ writer: fileWriter(path), schema, createdBy: 'care-futures' });
  }

  async add(row: TidyRow): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.batch) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    await this.writer.write({ columnData: columns(rows), rowGroupSize: rows.length });
  }

  async close(): Promise<void> {
    await this.flush();
    await this.writer.finish();
  }
}
