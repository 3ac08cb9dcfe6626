/**
 * Where the set-up's children in care are placed: the placement the model's own moves lead to,
 * given the age a child entered care and how long it has been there. A child who entered at 8 and
 * is 15 now was placed as an eight-year-old is (mostly foster care) and has had seven years of the
 * moves between placements since; placing every child in care at month 0 as children of its
 * current age are placed at entry overstated children's homes by half (12.4% of children in care
 * against a steady 7.7%), and the market drifted for years while the mix settled (issue 21).
 *
 * The moves (hazards.ts) do not depend on the legal status or on exits, and exits do not depend on
 * the placement, so the placement of a child still in care after d months is a small Markov chain
 * over placement types on its own: from the entry mix of its age at entry, month by month, a home
 * steps down to foster care, a foster placement of a child aged 10 or more breaks down to a home,
 * and from 16 children in foster care or homes move to supported accommodation. The chain gives
 * the placement *sought*; matching then finds what exists, as for any entry. The chain uses the
 * scenario's practice without policies (the providers' proposal's entry and step-down
 * multipliers), so that a policy changes what happens from month 1, never the starting state.
 */
import { AGE_OUT_MONTHS, ageBandOf, ESCALATION_FROM, SUPPORTED_ACCOMMODATION_FROM } from '../ages';
import type { EngineParams } from '../params';
import { PLACEMENTS, STATE_CODE as S } from '../states';

const N = PLACEMENTS.length;
const K = (code: number): number => code - S.kinship_foster; // placement codes are contiguous
const FOSTER = [S.kinship_foster, S.inhouse_foster, S.agency_foster].map(K);
const HOMES = [S.la_residential, S.private_residential].map(K);

/** Size of a SteadyPlacements table (for a buffer a caller lends it). */
export const STEADY_PLACEMENTS_SIZE = ((AGE_OUT_MONTHS * (AGE_OUT_MONTHS + 1)) / 2) * PLACEMENTS.length;

export class SteadyPlacements {
  /** by age at entry x and months in care d (x + d < 18 years): the chance of each placement, flattened [x][d][placement] */
  private readonly table: Float64Array;
  /** where row x starts in `table` (rows shrink as x grows) */
  private readonly rowStart = new Int32Array(AGE_OUT_MONTHS + 1);

  /** `buffer`: a table of STEADY_PLACEMENTS_SIZE to write into (the set-up lends one to council after council), else a new one. */
  constructor(p: EngineParams, buffer?: Float64Array) {
    for (let x = 0; x < AGE_OUT_MONTHS; x++) this.rowStart[x + 1] = this.rowStart[x] + (AGE_OUT_MONTHS - x) * N;
    this.table = buffer?.length === this.rowStart[AGE_OUT_MONTHS] ? buffer.fill(0) : new Float64Array(this.rowStart[AGE_OUT_MONTHS]);
    const stepDown = 1 - Math.exp(-p.setupStepDown);
    const q = new Float64Array(N);
    for (let x = 0; x < AGE_OUT_MONTHS; x++) {
      const cdf = p.setupEntryCdf[ageBandOf(x)];
      for (let k = 0; k < N; k++) q[k] = cdf[k] - (k > 0 ? cdf[k - 1] : 0);
      // children under 16 are not placed in supported accommodation (matching.ts): foster care instead
      if (x < SUPPORTED_ACCOMMODATION_FROM) {
        q[K(S.inhouse_foster)] += q[K(S.supported_accommodation)];
        q[K(S.supported_accommodation)] = 0;
      }
      for (let d = 0; x + d < AGE_OUT_MONTHS; d++) {
        this.table.set(q, this.rowStart[x] + d * N);
        step(q, x + d, stepDown, p);
      }
    }
  }

  /** The placement sought for a child aged `age` months, in care for `months`, drawn with uniform `u`. */
  draw(age: number, months: number, u: number): number {
    const x = Math.max(0, age - months);
    const at = this.rowStart[x] + Math.min(months, AGE_OUT_MONTHS - 1 - x) * N;
    let target = u;
    for (let k = 0; k < N - 1; k++) {
      target -= this.table[at + k];
      if (target < 0) return k + S.kinship_foster;
    }
    return N - 1 + S.kinship_foster;
  }

  /** The chances of each placement (PLACEMENTS order) for a child aged `age` months, in care for `months`. */
  chances(age: number, months: number): Float64Array {
    const x = Math.max(0, age - months);
    const at = this.rowStart[x] + Math.min(months, AGE_OUT_MONTHS - 1 - x) * N;
    return this.table.slice(at, at + N);
  }
}

/** One month of moves between placements for a child aged `age` months (competing moves share one chance). */
function step(q: Float64Array, age: number, stepDown: number, p: EngineParams): void {
  const toSupported = age >= SUPPORTED_ACCOMMODATION_FROM ? p.supportedAt16 : 0;
  const breakdown = age >= ESCALATION_FROM ? p.escalateToResidential : 0;
  const homeRate = -Math.log(1 - stepDown) + toSupported;
  const fosterRate = breakdown + toSupported;
  let toFoster = 0;
  let toHomes = 0;
  let toSA = 0;
  for (const k of HOMES) {
    const leave = q[k] * (1 - Math.exp(-homeRate));
    if (leave === 0) continue;
    toSA += (leave * toSupported) / homeRate;
    toFoster += leave - (leave * toSupported) / homeRate;
    q[k] -= leave;
  }
  for (const k of FOSTER) {
    const leave = fosterRate > 0 ? q[k] * (1 - Math.exp(-fosterRate)) : 0;
    if (leave === 0) continue;
    toSA += (leave * toSupported) / fosterRate;
    toHomes += (leave * breakdown) / fosterRate;
    q[k] -= leave;
  }
  // a step-down seeks an in-house carer (pathway.ts), a breakdown a council home (matching falls back)
  q[K(S.inhouse_foster)] += toFoster;
  q[K(S.la_residential)] += toHomes;
  q[K(S.supported_accommodation)] += toSA;
}
