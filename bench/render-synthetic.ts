/**
 * Synthetic snapshots for the render benchmark and screenshots: a small monthly Markov chain over
 * the sample slots, with made-up but plausible rates, so the map can be exercised without the
 * engine. The numbers mean nothing about England; they only give the map realistic proportions
 * (most children in universal services, a few in care) and a steady trickle of moves.
 */
import { VIEW_CODE, type Snapshot } from '../sim/worker/contract';
import { neutralMonthFields, type MarketRecord, type MonthRecord } from '../sim/records';
import { SPEND_CATEGORIES, STATES, STATE_CODE, type StateId } from '../sim/states';

type Row = readonly (readonly [StateId | 'exit', number])[];

/** Monthly moves out of each state; whatever is left over stays. */
const MOVES: Record<StateId, Row> = {
  universal: [['early_help', 0.004], ['assessment', 0.003], ['exit', 0.0045]],
  early_help: [['universal', 0.1], ['assessment', 0.03], ['exit', 0.004]],
  assessment: [['universal', 0.35], ['child_in_need', 0.35], ['child_protection', 0.06], ['early_help', 0.1]],
  child_in_need: [['universal', 0.06], ['child_protection', 0.02], ['kinship_foster', 0.003], ['inhouse_foster', 0.004], ['exit', 0.004]],
  child_protection: [['child_in_need', 0.06], ['universal', 0.01], ['inhouse_foster', 0.01], ['agency_foster', 0.01], ['kinship_foster', 0.006], ['placed_with_parents', 0.004]],
  kinship_foster: [['universal', 0.02], ['exit', 0.006]],
  inhouse_foster: [['universal', 0.015], ['agency_foster', 0.01], ['kinship_foster', 0.005], ['exit', 0.006]],
  agency_foster: [['universal', 0.012], ['private_residential', 0.01], ['inhouse_foster', 0.006], ['exit', 0.007]],
  placed_with_parents: [['universal', 0.04], ['inhouse_foster', 0.01]],
  la_residential: [['private_residential', 0.01], ['supported_accommodation', 0.02], ['exit', 0.01]],
  private_residential: [['supported_accommodation', 0.025], ['secure', 0.003], ['agency_foster', 0.01], ['exit', 0.012]],
  supported_accommodation: [['exit', 0.04], ['private_residential', 0.01]],
  secure: [['private_residential', 0.15], ['exit', 0.01]],
};

/** Starting shares of the sample by state (sum to 1). */
const START: Record<StateId, number> = {
  universal: 0.925,
  early_help: 0.02,
  assessment: 0.006,
  child_in_need: 0.03,
  child_protection: 0.006,
  kinship_foster: 0.0012,
  inhouse_foster: 0.003,
  agency_foster: 0.002,
  placed_with_parents: 0.0008,
  la_residential: 0.0006,
  private_residential: 0.0016,
  supported_accommodation: 0.0012,
  secure: 0.0002,
};

/** mulberry32: a seeded stream so every run and screenshot shows the same picture. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MARKET: MarketRecord = {
  privateResidentialPricePerWeek: 6_000,
  privateResidentialTailPerWeek: 800,
  councilHomeTailPerWeek: 700,
  privateResidentialMargin: 0.22,
  agencyFosterPricePerWeek: 1_000,
  agencyFosterMargin: 0.18,
  councilHomePricePerWeek: 5_200,
  outOfArea: 0,
  councilHomePlaces: 0,
  privateResidentialPlaces: 0,
  inhouseFosterPlaces: 0,
  earlyHelpCapacity: 0,
  earlyHelpWaiting: 0,
  socialWorkCaseload: 18,
};

export class SyntheticPathway {
  private readonly random: () => number;
  private readonly state: Uint8Array;
  private readonly poor: Uint8Array;
  private month = 0;

  /** `children`: the population one full sample stands for. */
  constructor(
    readonly sampleSize: number,
    private readonly children = 12_000_000,
    seed = 1,
  ) {
    this.random = rng(seed);
    this.state = new Uint8Array(sampleSize);
    this.poor = new Uint8Array(sampleSize);
    for (let i = 0; i < sampleSize; i++) {
      this.state[i] = this.pick(START);
      this.poor[i] = this.newPoverty(this.state[i]);
    }
  }

  /** The initial population, then one simulated month per call. */
  next(): Snapshot {
    const n = this.sampleSize;
    const prev = this.state.slice();
    const flows = new Map<string, number>();
    const count = (key: string): void => {
      flows.set(key, (flows.get(key) ?? 0) + 1);
    };
    if (this.month > 0) {
      for (let i = 0; i < n; i++) {
        const code = this.state[i];
        if (code === VIEW_CODE.exited) {
          // The slot is reused by a newborn: the population stays the same size.
          prev[i] = VIEW_CODE.birth;
          this.state[i] = STATE_CODE.universal;
          this.poor[i] = this.newPoverty(STATE_CODE.universal);
          count('birth>universal');
          continue;
        }
        const from = STATES[code];
        const to = this.move(MOVES[from]);
        if (to === null) continue;
        if (to === 'exit') {
          this.state[i] = VIEW_CODE.exited;
          count(`${from}>${code >= STATE_CODE.kinship_foster ? 'left_care_18' : 'aged_out'}`);
        } else {
          this.state[i] = STATE_CODE[to];
          count(`${from}>${to}`);
        }
      }
    }
    const scale = this.children / Math.max(n, 1);
    const stocks = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<StateId, number>;
    for (let i = 0; i < n; i++) if (this.state[i] < STATES.length) stocks[STATES[this.state[i]]] += scale;
    const record: MonthRecord = {
      month: this.month,
      children: n > 0 ? Math.round(Object.values(stocks).reduce((a, b) => a + b, 0)) : this.children,
      stocks: Object.fromEntries(STATES.map((s) => [s, Math.round(stocks[s])])) as Record<StateId, number>,
      flows: Object.fromEntries([...flows].map(([k, v]) => [k, Math.round(v * scale)])),
      careExits: { reunified: 0, permanence: 0, left_care_18: 0 },
      spend: Object.fromEntries(SPEND_CATEGORIES.map((c) => [c, 0])) as MonthRecord['spend'],
      spendTotal: 0,
      ...neutralMonthFields(this.month),
    };
    this.month += 1;
    return {
      record,
      coalesced: 1,
      market: MARKET,
      scale,
      view: { state: this.state.slice(), prev, poor: this.poor.slice() },
    };
  }

  private pick(shares: Record<StateId, number>): number {
    let r = this.random();
    for (let k = 0; k < STATES.length; k++) {
      r -= shares[STATES[k]];
      if (r < 0) return k;
    }
    return 0;
  }

  private move(row: Row): StateId | 'exit' | null {
    let r = this.random();
    for (const [to, p] of row) {
      r -= p;
      if (r < 0) return to;
    }
    return null;
  }

  /** Poverty is more common further along the pathway, as in the real data. */
  private newPoverty(code: number): number {
    const p = code === STATE_CODE.universal ? 0.28 : 0.55;
    return this.random() < p ? 1 : 0;
  }
}
