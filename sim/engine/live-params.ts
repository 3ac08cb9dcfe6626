/**
 * Parameters changed during a run (levers), declaratively: every engine parameter states what a
 * change of it does to a running simulation. The table is typed over every key of EngineParams, so
 * a new parameter does not compile until it says how it takes effect, and none is silently ignored.
 */
import type { EngineParams } from '../params';
import { STATE_CODE as S } from '../states';
import { rescaleNeedClocks, rescalePovertyClocks, updateNeedRates } from './clocks';
import type { EngineState } from './state';

/**
 * - `read`: the engine reads the parameter where it uses it, so the new value applies by itself;
 * - `setup`: it shapes month 0 only (the initial population); a run cannot change it (refused);
 * - `needClocks`: need hazards change: running need clocks are rescaled (`applyParams`);
 * - `povertyClocks`: poverty hazards change: families' poverty clocks are rescaled;
 * - `places`: the number of places changes: capacity moves by the difference.
 */
export type LiveEffect = 'read' | 'setup' | 'needClocks' | 'povertyClocks' | 'places';

export const LIVE_EFFECT: Readonly<Record<keyof EngineParams, LiveEffect>> = {
  scale: 'setup',
  startMonth: 'setup',
  initialChildren: 'setup',
  families: 'setup',
  birthsPerMonth: 'read',
  initialPer10k: 'setup',
  povertyInitialShare: 'setup',
  povertyEntry: 'povertyClocks',
  povertyExit: 'povertyClocks',
  povertyNeedRatio: 'needClocks',
  povertyReferralOdds: 'read',
  riskPrevalence: 'setup',
  riskHazardRatio: 'needClocks',
  needBase: 'needClocks',
  needAgeRatio: 'needClocks',
  needAgeMax: 'needClocks',
  preBirthReferral: 'read',
  careAtBirth: 'read',
  careEntryRatio: 'read',
  directReferralShare: 'read',
  earlyHelpClose: 'read',
  earlyHelpSuccessShare: 'read',
  earlyHelpCapacity: 'read',
  earlyHelpStatutory: 'read',
  earlyHelpBudget: 'read',
  earlyHelpCostPerFamily: 'read',
  waitingEscalation: 'read',
  waitingResolve: 'read',
  socialWorkers: 'read',
  caseloadThreshold: 'read',
  socialWorkCost: 'read',
  overloadRaisesNoFurtherAction: 'read',
  maxOverload: 'read',
  overloadSlowsAssessment: 'read',
  overloadRaisesEscalation: 'read',
  assessmentComplete: 'read',
  assessmentOutcomeCdf: 'read',
  reReferralShare: 'read',
  reReferralWithinMonths: 'read',
  cinClose: 'read',
  cinToCp: 'read',
  cinToCare: 'read',
  cpEnd: 'read',
  cpEndToCareShare: 'read',
  cpEndToCinShare: 'read',
  entryCdf: 'read',
  // read at set-up only (steady-placements.ts); a lever on the entry mix or step-down acts through entryCdf and stepDown
  setupEntryCdf: 'read',
  setupStepDown: 'read',
  reEntryFirstYear: 'read',
  reEntryLater: 'read',
  reunification: 'read',
  reunificationByTic: 'read',
  reunifiedToCinShare: 'read',
  adoption: 'read',
  specialGuardianshipByAge: 'read',
  otherExit16: 'read',
  otherExitUnder16: 'read',
  section20AtEntry: 'read',
  otherAtEntry: 'read',
  section20Reunification: 'read',
  section20ToProceedings: 'read',
  otherToOrder: 'read',
  proceedingsConclude: 'read',
  courtOutcomes: 'read',
  uascArrivalsPerMonth: 'read',
  uascShare16to17: 'read',
  stepDown: 'read',
  supportedAt16: 'read',
  escalateToResidential: 'read',
  costPerWeek: 'read',
  places: 'places',
  privateMarket: 'read',
  agencyMarket: 'read',
  outOfAreaPremium: 'read',
  highCostShare: 'read',
  highCostPerWeek: 'read',
  profitCap: 'read',
  councilHomeTarget: 'read',
  councilHomeMonthsToOpen: 'read',
  fosterExtraPlacesPerMonth: 'read',
  councilHomeFixedShare: 'read',
  councilHomeCapitalPerPlace: 'read',
  councilHomeCapitalMonths: 'read',
  inflationPerMonth: 'read',
  councilHomeStaffShare: 'read',
  generalInflationPerMonth: 'read',
  priceBaseMonth: 'setup', // sets the deflator at month 0 (state.ts); nothing reads it after
  careLeaverMonths: 'read',
  careLeaverCostPerMonth: 'read',
  stayingPutShare: 'read',
  stayingPutCostPerWeek: 'read',
  permanenceAllowancePerWeek: 'read',
  homesEarly: 'read',
  earlyHomeReunification: 'read',
  earlyHomeStepDown: 'read',
  earlyHomeBreakdown: 'read',
  sellCouncilHomes: 'read',
  // each council's parameters go to its own state (simulation.ts, setParams)
  councils: 'read',
};

/**
 * Apply new parameters from the next step on: the run converted them once for the month
 * (`sim/run.ts`), and each piece of running state that was derived from parameters is brought in
 * line by comparing only the figures it was derived from, so nothing here rediscovers which lever
 * moved. Need clocks are rescaled where a family's need hazard changed, poverty clocks when the
 * poverty rates changed, and place counts by the difference (`LIVE_EFFECT` lists which parameters
 * each reads). Setup-only parameters never get here: levers refuse their paths
 * (`sim/refused-levers.ts`, checked against this table by test/engine/refused-levers.test.ts).
 */
export function applyParams(s: EngineState, next: EngineParams): void {
  const old = s.p;
  const needRatesBefore = Float64Array.from(s.needRate);
  s.p = next;
  updateNeedRates(s);
  const now = s.month;
  if (next.povertyEntry !== old.povertyEntry || next.povertyExit !== old.povertyExit) rescalePovertyClocks(s, old, now);
  rescaleNeedClocks(s, needRatesBefore, now);
  // Places that grow by recruitment, building or the market keep their own count: move it by the difference.
  if (next.places[S.inhouse_foster] !== old.places[S.inhouse_foster]) s.inhousePlaces += next.places[S.inhouse_foster] - old.places[S.inhouse_foster];
  for (const code of [S.private_residential, S.agency_foster]) {
    if (next.places[code] === old.places[code]) continue;
    const moved = s.marketPlaces[code] + next.places[code] - old.places[code];
    s.marketPlaces[code] = Number.isFinite(moved) ? Math.max(0, moved) : next.places[code];
  }
}
