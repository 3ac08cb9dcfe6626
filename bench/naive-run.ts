/**
 * The yardstick for the engine's speed: a NAIVE loop that steps every child every month, measured
 * in a fresh process exactly as bench/engine-run.ts is (bundled with esbuild, run with plain node).
 *
 * `node naive-run.mjs [children] [months] [pathway|dense]` prints one JSON line: `totalMs`
 * (allocation included), `cpuMs` (CPU time over the same span) and `maxRssMB`. Each child-month takes ONE draw from an inline sfc32
 * generator (one generator for the whole loop, its four words kept in locals: the cheapest draw
 * there is) and walks the cumulative transition row of its state (13 states, as the engine's) to
 * its next state. The rows (`pathway`, the default) are a plausible monthly Markov chain of the
 * pathway: about 95% of children are in universal services and stay there month after month, as in
 * the engine. The walk's length and how well the CPU predicts it set the loop's speed: with `dense`
 * rows (every state stays with 0.9, universal with 0.99, the rest spread over all states; about
 * half the children outside universal services) the same loop is about 1.8x slower. The engine is
 * compared with the `pathway` loop, which does the engine's job, naively.
 *
 * The engine is asked to be at most 0.3x this loop's time (issue 9): an event-driven engine does
 * work per event, this loop per child-month.
 */
const STATES = 13;
const [childrenText = '530000', monthsText = '120', rows = 'pathway'] = process.argv.slice(2);
const children = Number(childrenText);
const months = Number(monthsText);
if (rows !== 'pathway' && rows !== 'dense') throw new Error(`rows: expected pathway or dense, found ${rows}`);

/** Monthly transition probabilities out of each state (the rest of the row stays put). */
function transitionRows(): Float64Array {
  const p = new Float64Array(STATES * STATES);
  if (rows === 'dense') {
    for (let from = 0; from < STATES; from++) {
      const leave = from === 0 ? 0.01 : 0.1;
      for (let to = 0; to < STATES; to++) if (to !== from) p[from * STATES + to] = leave / (STATES - 1);
    }
    return cumulative(p);
  }
  const set = (from: number, to: number, prob: number) => (p[from * STATES + to] = prob);
  set(0, 1, 0.003); // universal -> early help
  set(0, 2, 0.002); // universal -> assessment
  set(1, 0, 0.13); // early help -> universal
  set(1, 2, 0.03);
  set(2, 0, 0.3); // assessment -> universal, CIN, CP, care
  set(2, 3, 0.35);
  set(2, 4, 0.07);
  set(2, 6, 0.012);
  set(3, 0, 0.08); // child in need
  set(3, 4, 0.004);
  set(3, 7, 0.001);
  set(4, 3, 0.05); // child protection
  set(4, 0, 0.03);
  set(4, 6, 0.02);
  for (let c = 5; c < STATES; c++) {
    set(c, 0, 0.01); // care: home, permanence, moves between placements
    set(c, c === STATES - 1 ? 5 : c + 1, 0.005);
  }
  return cumulative(p);
}

/** Each row's stay probability (1 - the rest), then the rows as cumulative sums. */
function cumulative(p: Float64Array): Float64Array {
  const cdf = new Float64Array(STATES * STATES);
  for (let from = 0; from < STATES; from++) {
    let out = 0;
    for (let to = 0; to < STATES; to++) if (to !== from) out += p[from * STATES + to];
    p[from * STATES + from] = 1 - out;
    let acc = 0;
    for (let to = 0; to < STATES; to++) cdf[from * STATES + to] = acc += p[from * STATES + to];
    cdf[from * STATES + STATES - 1] = 1;
  }
  return cdf;
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const cdf = transitionRows();
const state = new Uint8Array(children);
// Start near the engine's mix: ~6% of children in services, spread over the states.
for (let i = 0; i < children; i++) state[i] = i % 16 === 0 ? 1 + ((i >> 4) % (STATES - 1)) : 0;
const stock = new Int32Array(STATES);
// sfc32 (Chris Doty-Humphrey), seeded with constants.
let a = 0x9e3779b9 | 0;
let b = 0x243f6a88 | 0;
let c = 0xb7e15162 | 0;
let d = 1;
let checksum = 0;
for (let m = 0; m < months; m++) {
  stock.fill(0);
  for (let i = 0; i < children; i++) {
    // one sfc32 draw, inline
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    const u = (t >>> 0) / 4294967296;
    // walk the state's cumulative row
    const row = state[i] * STATES;
    let to = 0;
    while (to < STATES - 1 && u >= cdf[row + to]) to++;
    state[i] = to;
    stock[to]++;
  }
  checksum += stock[0];
}
const t1 = performance.now();
const cpu = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    totalMs: t1 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    childMonths: children * months,
    checksum,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
