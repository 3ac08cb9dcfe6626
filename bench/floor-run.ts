/**
 * The FLOOR: how fast an event-driven engine that keeps one random stream per family (common
 * random numbers, which paired-seed comparisons rest on) can be on this machine, with the model's
 * own event rates. It is the engine stripped to its universal-services core, written as lean as
 * we know how, in one function, on the engine's own hashed draws (sim/engine/rng.ts) and month
 * calendar (sim/engine/calendar.ts):
 *
 * - families with poverty and risk flags, four child slots each (the engine's block layout);
 * - each family's poverty clock and need clock (exponential, from the family's own hash streams),
 *   booked in month calendars and rescaled when poverty or the family's size changes, needs thinned
 *   by age exactly as the engine does (sim/engine/clocks.ts);
 * - births into a family picked by a hash of the serial, 18th birthdays leaving;
 * - children whose need arises stepped monthly in a dense table, one draw each, leaving with a
 *   fixed chance that keeps as many children in the system as the engine has (~45,000 at 1:1).
 *
 * Everything else the engine does (the pathway's thirteen states and their hazards, matching to
 * places, the market, legal status, waiting lists, costs, records) is left out, so the engine can
 * only be slower than this. `node floor-run.mjs [scenario] [months] [scale]` prints one JSON line:
 * `totalMs` (allocation and set-up included, as bench/engine-run.ts), `cpuMs`, `maxRssMB` and the
 * work done, to set against the engine's work counts.
 */
import { loadScenarioFile } from '../sim/node/files';
import { toParams } from '../sim/params';
import { MonthCalendar } from '../sim/engine/calendar';
import { uniform } from '../sim/engine/rng';
import { applyLever } from '../sim/run';

const [file = 'scenarios/north-east-baseline.json', monthsText = '120', scaleText = '1'] = process.argv.slice(2);
const loaded = loadScenarioFile(file);
if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
const scaled = applyLever(loaded.value, 'population.scale', Number(scaleText));
if (!scaled.ok) throw new Error(scaled.issues.map((i) => i.message).join('\n'));
const p = toParams(scaled.value);
const months = Number(monthsText);


const AGE_OUT = 216;
const SLOTS = 4;
const EMPTY = 255;
/** leaving the system: the engine's 45,000 children in the system at 1:1 over its ~3,900 needs a month */
const LEAVE_SYSTEM = 0.087;

function run(): Record<string, number> {
  const F = p.families;
  const keyFamily = 0x12345678;
  const keyNeed = 0x9abcdef0;
  const keyChild = 0x0fedcba9;
  const work = { needEntries: 0, needFirings: 0, needsArisen: 0, povertyChanges: 0, activeDraws: 0, activeEvents: 0, births: 0, agedOut: 0 };
  // families: flags, size, draw counters, clocks and their booked months
  const flags = new Uint8Array(F);
  const size = new Uint8Array(F);
  const povDraws = new Uint32Array(F);
  const needDraws = new Uint32Array(F);
  const povDue = new Float64Array(F);
  const needDue = new Float64Array(F);
  const povBooked = new Uint16Array(F);
  const needBooked = new Uint16Array(F);
  // children: four slots per family
  const state = new Uint8Array(F * SLOTS).fill(EMPTY); // 0 universal, 1 in the system
  const born = new Int32Array(F * SLOTS);
  const activeSlot = new Int32Array(1 << 17);
  const activePos = new Int32Array(F * SLOTS);
  let active = 0;
  const enter = (i: number) => {
    state[i] = 1;
    activePos[i] = active;
    activeSlot[active++] = i;
  };
  /** swap-remove: the last entry takes the leaver's place */
  const leave = (i: number) => {
    const j = activePos[i];
    const last = activeSlot[--active];
    activeSlot[j] = last;
    activePos[last] = j;
  };
  const needCal = new MonthCalendar(256, F >> 4);
  const povCal = new MonthCalendar(256, F >> 5);
  const ageCal = new MonthCalendar(256, Math.ceil(p.initialChildren / 200));
  // the need hazard per child by flags, at the largest age multiplier
  const needRate = new Float64Array(256);
  for (let fl = 0; fl < 256; fl++) {
    let mult = fl & 1 ? p.povertyNeedRatio : 1;
    for (let k = 0; k < p.riskHazardRatio.length; k++) if (fl & (2 << k)) mult *= p.riskHazardRatio[k];
    needRate[fl] = p.needBase * mult * p.needAgeMax;
  }
  const ageKeep = new Float64Array(AGE_OUT + 1);
  for (let age = 0; age <= AGE_OUT; age++) {
    const band = age < 12 ? 0 : age < 60 ? 1 : age < 120 ? 2 : age < 192 ? 3 : 4;
    ageKeep[age] = p.needAgeRatio[band] / p.needAgeMax;
  }
  const povRate = (fl: number) => (fl & 1 ? p.povertyExit : p.povertyEntry);

  const bookNeed = (fam: number, m: number) => {
    const at = Math.min(Math.ceil(needDue[fam]), m + 255);
    const b = needBooked[fam];
    if (b !== 0 && b <= at) return;
    needBooked[fam] = at;
    needCal.push(at, fam);
  };
  const freshNeed = (fam: number, now: number) => {
    const u = uniform(keyNeed, fam, needDraws[fam]++);
    needDue[fam] = now + -Math.log(1 - u) / (size[fam] * needRate[flags[fam]]) + 1e-9;
  };
  const rescaleNeed = (fam: number, now: number, m: number, before: number, after: number) => {
    const mass = Math.max(0, needDue[fam] - now) * before;
    needDue[fam] = now + mass / after + 1e-9;
    if (after > before) bookNeed(fam, m);
  };
  const startPoverty = (fam: number, now: number) => {
    const u = uniform(keyFamily, fam, povDraws[fam]++);
    povDue[fam] = now + -Math.log(1 - u) / povRate(flags[fam]) + 1e-9;
    const at = Math.min(Math.ceil(povDue[fam]), now + 255);
    povBooked[fam] = at;
    povCal.push(at, fam);
  };
  const familyOf = (serial: number) => Math.floor(uniform(keyFamily ^ 0x5bd1e995, serial, 0) * F);
  const slotIn = (fam: number): number => {
    for (let d = 0; d < F; d++) {
      const g = fam + d < F ? fam + d : fam + d - F;
      if (size[g] === SLOTS) continue;
      for (let k = g * SLOTS; k < g * SLOTS + SLOTS; k++) if (state[k] === EMPTY) return k;
    }
    throw new Error('families full');
  };

  // set-up
  for (let fam = 0; fam < F; fam++) {
    let fl = uniform(keyFamily, fam, povDraws[fam]++) < p.povertyInitialShare ? 1 : 0;
    for (let k = 0; k < p.riskPrevalence.length; k++) if (uniform(keyFamily, fam, povDraws[fam]++) < p.riskPrevalence[k]) fl |= 2 << k;
    flags[fam] = fl;
    startPoverty(fam, 0);
  }
  let serial = 0;
  for (; serial < p.initialChildren; serial++) {
    const fam = familyOf(serial);
    const i = slotIn(fam);
    const g = i >> 2;
    size[g]++;
    const age = Math.floor(uniform(keyChild, serial, 0) * AGE_OUT);
    born[i] = -age;
    ageCal.push(AGE_OUT - age, i);
    if (uniform(keyChild, serial, 1) < 0.07) enter(i);
    else state[i] = 0;
  }
  for (let fam = 0; fam < F; fam++) {
    if (size[fam] === 0) continue;
    freshNeed(fam, 0);
    bookNeed(fam, 0);
  }

  let birthCarry = 0;
  for (let m = 1; m <= months; m++) {
    // 18th birthdays
    {
      const due = ageCal.take(m);
      const n = due.length;
      for (let k = 0; k < n; k++) {
        const i = due[k];
        if (state[i] === EMPTY || born[i] + AGE_OUT !== m) continue;
        work.agedOut++;
        if (state[i] === 1) leave(i);
        state[i] = EMPTY;
        const fam = i >> 2;
        const left = --size[fam];
        if (left === 0) needBooked[fam] = 0;
        else rescaleNeed(fam, m - 1, m, (left + 1) * needRate[flags[fam]], left * needRate[flags[fam]]);
      }
    }
    // poverty
    {
      const due = povCal.take(m);
      const n = due.length;
      for (let k = 0; k < n; k++) {
        const fam = due[k];
        if (povBooked[fam] !== m) continue;
        if (Math.ceil(povDue[fam]) > m) {
          povBooked[fam] = Math.min(Math.ceil(povDue[fam]), m + 255);
          povCal.push(povBooked[fam], fam);
          continue;
        }
        work.povertyChanges++;
        const old = flags[fam];
        flags[fam] = old ^ 1;
        startPoverty(fam, m);
        if (size[fam] > 0) rescaleNeed(fam, m - 1, m, size[fam] * needRate[old], size[fam] * needRate[old ^ 1]);
      }
    }
    // the system: one draw each
    for (let j = 0; j < active; j++) {
      const i = activeSlot[j];
      work.activeDraws++;
      if (uniform(keyChild, i, m) < LEAVE_SYSTEM) {
        work.activeEvents++;
        state[i] = 0;
        leave(i);
        j--; // the last entry moved here: step it too
      }
    }
    // needs
    {
      const due = needCal.take(m);
      const n = due.length;
      work.needEntries += n;
      for (let k = 0; k < n; k++) {
        const fam = due[k];
        if (needBooked[fam] !== m) continue;
        for (;;) {
          const t = needDue[fam];
          if (Math.ceil(t) > m) {
            needBooked[fam] = 0;
            bookNeed(fam, m);
            break;
          }
          work.needFirings++;
          let pick = Math.floor(uniform(keyNeed, fam, needDraws[fam]++) * size[fam]);
          let i = fam * SLOTS;
          for (; ; i++) if (state[i] !== EMPTY && pick-- === 0) break;
          freshNeed(fam, t);
          if (state[i] === 0 && uniform(keyNeed, fam, needDraws[fam]++) < ageKeep[m - born[i]]) {
            work.needsArisen++;
            enter(i);
          }
        }
      }
    }
    // births
    birthCarry += p.birthsPerMonth;
    const nb = Math.floor(birthCarry);
    birthCarry -= nb;
    for (let k = 0; k < nb; k++, serial++) {
      const i = slotIn(familyOf(serial));
      const fam = i >> 2;
      work.births++;
      state[i] = 0;
      born[i] = m;
      ageCal.push(m + AGE_OUT, i);
      const n = ++size[fam];
      if (n > 1) rescaleNeed(fam, m, m, (n - 1) * needRate[flags[fam]], n * needRate[flags[fam]]);
      else {
        freshNeed(fam, m);
        needBooked[fam] = 0;
        bookNeed(fam, m);
      }
    }
  }
  return { ...work, inSystem: active };
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const work = run();
const t1 = performance.now();
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ totalMs: t1 - t0, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, work }));
