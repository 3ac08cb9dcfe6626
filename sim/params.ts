/**
 * Validated scenario -> engine parameters. Units are converted here, once: yearly hazards stay
 * hazards per month (the engine turns competing hazards into monthly probabilities), weekly costs
 * become monthly costs, and full-scale counts and budgets are multiplied by `population.scale`.
 */
import { AGE_BANDS, PROCEEDINGS_MIN_MONTHS } from './ages';

import { DEFAULT_START_DATE, monthIndexOf } from './dates';
import type { Scenario } from './scenario/schema';
import { councilScenario } from './scenario/councils/derive';
import { PLACEMENTS, STATE_CODE, type PlacementId } from './states';

/** Average weeks in a month: spend per month = weekly cost x this. */
export const WEEKS_PER_MONTH = 52.1775 / 12;

export type PerMonth = number;
export type PoundsPerMonth = number;


export interface MarketParams {
  baseMargin: number;
  scarcityOccupancy: number;
  marginPerOccupancy: number;
  /** the margin at which providers neither open nor close places */
  hurdleMargin: number;
  /** yearly growth of local places per unit of margin above the hurdle */
  supplyElasticity: number;
  supplyLagMonths: number;
  /** local places at month 0 solved so that the margin starts at the hurdle (market.ts, startMarketsAtHurdle) */
  startAtHurdle: boolean;
}

export interface EngineParams {
  scale: number;
  /** month index (year x 12 + month - 1) of the first simulated month */
  startMonth: number;
  initialChildren: number;
  families: number;
  birthsPerMonth: number;
  initialPer10k: Scenario['initialState'];

  povertyInitialShare: number;
  povertyEntry: PerMonth;
  povertyExit: PerMonth;
  povertyNeedRatio: number;
  povertyReferralOdds: number;
  /** prevalence and hazard ratio of each risk factor, in bit order */
  riskPrevalence: number[];
  riskHazardRatio: number[];

  needBase: PerMonth;
  /** need hazard multiplier by DfE age band (DFE_AGE_BANDS), and its largest value (the family clocks run at it; see clocks.ts) */
  needAgeRatio: Float64Array;
  needAgeMax: number;
  /** share of newborns referred around birth (weighted by their family's need), and of those, the share entering care at birth */
  preBirthReferral: number;
  careAtBirth: number;
  /** multiplier on every route into care (assessment, CIN, CP): local practice and thresholds */
  careEntryRatio: number;
  directReferralShare: number;

  earlyHelpClose: PerMonth;
  earlyHelpSuccessShare: number;
  /** families that the budget pays early help for at a time (scaled) */
  earlyHelpCapacity: number;
  earlyHelpStatutory: boolean;
  /** the budget, a month (scaled) */
  earlyHelpBudget: PoundsPerMonth;
  earlyHelpCostPerFamily: PoundsPerMonth;
  waitingEscalation: PerMonth;
  waitingResolve: PerMonth;

  socialWorkers: number;
  caseloadThreshold: number;
  /** the workforce's cost a month (scaled), agency cover of vacancies included */
  socialWorkCost: PoundsPerMonth;
  overloadRaisesNoFurtherAction: number;
  maxOverload: number;
  overloadSlowsAssessment: number;
  overloadRaisesEscalation: number;
  assessmentComplete: PerMonth;
  /** cumulative shares: no further action, CIN, CP, care */
  assessmentOutcomeCdf: Float64Array;
  reReferralShare: number;
  reReferralWithinMonths: number;

  cinClose: PerMonth;
  cinToCp: PerMonth;
  cinToCare: PerMonth;

  cpEnd: PerMonth;
  cpEndToCareShare: number;
  cpEndToCinShare: number;

  /** per age band, cumulative weights over PLACEMENTS (normalised) */
  entryCdf: Float64Array[];
  /** the entry mix and step-down without policies (the providers' proposal): the set-up's placements (steady-placements.ts) */
  setupEntryCdf: Float64Array[];
  setupStepDown: PerMonth;
  /** return home, in months 3-12 of care, and its multiplier by time in care (TIME_IN_CARE_FROM classes) */
  reunification: PerMonth;
  reunificationByTic: Float64Array;
  reunifiedToCinShare: number;
  /** adoption of a child with a placement order */
  adoption: PerMonth;
  /** special guardianship of a child on a care order, under 5, 5-9 and 10+ */
  specialGuardianshipByAge: [PerMonth, PerMonth, PerMonth];
  /** other exits (independent living, custody, ...): from 16 and before */
  otherExit16: PerMonth;
  otherExitUnder16: PerMonth;
  /** legal status at entry: section 20 share under 10 and from 10; another status (police protection, remand) */
  section20AtEntry: [number, number];
  otherAtEntry: number;
  /** return home of a child accommodated under section 20, relative to one on an order */
  section20Reunification: number;
  /** proceedings issued for an accommodated child; other statuses become an interim order */
  section20ToProceedings: PerMonth;
  otherToOrder: PerMonth;
  /** proceedings conclude (after PROCEEDINGS_MIN_MONTHS) */
  proceedingsConclude: PerMonth;
  /** how proceedings end: placement order by age (under 5, 5-9, 10+), then of the rest special guardianship, return home, else a care order */
  courtOutcomes: { placementOrderByAge: [number, number, number]; specialGuardianship: number; returnHome: number };
  /** unaccompanied asylum-seeking children arriving a month (scaled), and the share aged 16-17 (the rest 14-15) */
  uascArrivalsPerMonth: number;
  uascShare16to17: number;
  stepDown: PerMonth;
  /** hazard of re-entry after a return home: in its first year, then to five years (re-entry.ts) */
  reEntryFirstYear: PerMonth;
  reEntryLater: PerMonth;
  supportedAt16: PerMonth;
  escalateToResidential: PerMonth;

  /** per state code (care states only meaningful): what the provider's place costs a week (pounds); the market adds its margin */
  costPerWeek: Float64Array;
  /** per state code: scaled places (Infinity = no limit) */
  places: Float64Array;
  privateMarket: MarketParams;
  agencyMarket: MarketParams;
  outOfAreaPremium: number;
  highCostShare: number;
  highCostPerWeek: number;
  profitCap: number;

  /** share of an occupied council-home place's weekly cost paid for every open place */
  councilHomeFixedShare: number;
  /** capital cost of a new place, spread over `councilHomeCapitalMonths` from its opening */
  councilHomeCapitalPerPlace: number;
  councilHomeCapitalMonths: number;

  /** monthly growth factor of each cost category's unit costs (COST_INDICES order: staff pay, placement prices, allowances, early help, general) */
  inflationPerMonth: Float64Array;
  /** monthly growth factor of general prices (the deflator) */
  generalInflationPerMonth: number;
  /** share of council homes' weekly cost that is staff (grows with pay; the rest with general prices) */
  councilHomeStaffShare: number;
  /** month index of the price base (April of the base year) */
  priceBaseMonth: number;

  careLeaverMonths: number;
  careLeaverCostPerMonth: PoundsPerMonth;
  stayingPutShare: number;
  stayingPutCostPerWeek: number;
  permanenceAllowancePerWeek: number;

  /** homes as an early option: whether it is on, and the benefits claimed for children placed in a home early */
  homesEarly: boolean;
  earlyHomeReunification: number;
  earlyHomeStepDown: number;
  earlyHomeBreakdown: number;

  councilHomeTarget: number;
  councilHomeMonthsToOpen: number;
  fosterExtraPlacesPerMonth: number;

  /** with councils: a council home's free place may take a neighbouring council's child */
  sellCouncilHomes: boolean;
  /**
   * The region as its councils (the scenario's `councils`): each council's own parameters, from its
   * derived scenario (scenario/councils/derive.ts). Absent: the scenario is one council, these
   * parameters. With councils, the parameters above are the region's and the engine reads only
   * what the region shares from them (the market, dates, scale).
   */
  councils?: readonly CouncilParams[];
}

export interface CouncilParams {
  code: string;
  name: string;
  centroid: { lat: number; lon: number };
  params: EngineParams;
}

const perMonth = (perYear: number): PerMonth => perYear / 12;

function cumulative(weights: number[]): Float64Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w / total;
    out[i] = acc;
  });
  out[weights.length - 1] = 1; // guard against rounding leaving a gap at the top
  return out;
}

const RESIDENTIAL: readonly PlacementId[] = ['la_residential', 'private_residential'];

/**
 * The steady-state poverty rate is entry / (entry + exit); a reduction r of that rate is applied by
 * lowering the entry hazard so that the new steady state is (1 - r) x the old one.
 */
/**
 * Families early help can take at once: the budget over the cost of a family. A budget of 0 funds
 * no places whatever the cost (0 / 0 would be NaN); free early help with a budget has no limit.
 */
export function earlyHelpPlaces(budgetPerYear: number, costPerFamilyPerYear: number): number {
  if (budgetPerYear <= 0) return 0;
  return Math.floor(budgetPerYear / costPerFamilyPerYear);
}

export function reducedPovertyEntry(entry: number, exit: number, reduction: number): number {
  const p = entry / (entry + exit);
  // A negative reduction raises poverty; the long-run share stays below 1 (every family poor is no steady state).
  const target = Math.min(MAX_POVERTY_SHARE, p * (1 - reduction));
  if (target <= 0) return 0;
  return (exit * target) / (1 - target);
}

/** The highest long-run poverty share a lever can ask for. */
export const MAX_POVERTY_SHARE = 0.95;

/** The scenario's classes of time in care for the return-home hazard (TIME_IN_CARE_FROM: 0, 3, 12, 24 months). */
const TIME_IN_CARE_CLASSES = ['under3Months', 'months3to12', 'months12to24', 'over24Months'] as const;

/** How proceedings end; special guardianship and a return home share what is not a placement order (scaled down together if they ask for more than all of it). */
function courtOutcomesOf(o: Scenario['courts']['outcomes']): EngineParams['courtOutcomes'] {
  const over = Math.max(1, o.specialGuardianship + o.returnHome);
  return {
    placementOrderByAge: [o.placementOrderUnder5, o.placementOrder5to9, 0],
    specialGuardianship: o.specialGuardianship / over,
    returnHome: o.returnHome / over,
  };
}

const monthlyFactor = (perYear: number): number => Math.pow(1 + perYear, 1 / 12);

export function toParams(s: Scenario): EngineParams {
  const scale = s.population.scale;
  const scaled = (fullScale: number) => fullScale * scale;
  const risks = [s.riskFactors.domesticAbuse, s.riskFactors.parentalMentalHealth, s.riskFactors.substanceMisuse];
  const outcomes = s.socialWork.assessmentOutcomes;
  const costPerWeek = new Float64Array(STATE_CODE.secure + 1);
  const places = new Float64Array(STATE_CODE.secure + 1).fill(Infinity);
  for (const p of PLACEMENTS) {
    costPerWeek[STATE_CODE[p]] = s.placements[p].costPerWeek;
    const n = s.placements[p].places;
    places[STATE_CODE[p]] = n === null ? Infinity : Math.round(scaled(n));
  }
  const entryCdfWith = (homesMultiplier: number) =>
    AGE_BANDS.map((band) => cumulative(PLACEMENTS.map((p) => s.care.entryMix[band][p] * (RESIDENTIAL.includes(p) ? homesMultiplier : 1))));
  const entryCdf = entryCdfWith(s.policy.homesAsEarlyOption.residentialEntryMultiplier);
  const r = s.need.ageHazardRatio;
  const needAgeRatio = Float64Array.from([r.under1, r.age1to4, r.age5to9, r.age10to15, r.age16plus]); // DFE_AGE_BANDS order
  const c = s.courts;
  const proceedingsMonths = c.proceedingsWeeks / WEEKS_PER_MONTH;
  const povertyEntry = perMonth(reducedPovertyEntry(s.poverty.entryPerYear, s.poverty.exitPerYear, s.policy.childPovertyReduction));
  return {
    scale,
    startMonth: monthIndexOf(s.startDate ?? DEFAULT_START_DATE) ?? 0,
    initialChildren: Math.round(scaled(s.population.children)),
    families: Math.max(1, Math.round(scaled(s.population.children) / s.population.childrenPerFamily)),
    birthsPerMonth: scaled(s.population.birthsPerYear) / 12,
    initialPer10k: s.initialState,
    povertyInitialShare: s.poverty.initialShare,
    povertyEntry,
    povertyExit: perMonth(s.poverty.exitPerYear),
    povertyNeedRatio: s.poverty.needHazardRatio,
    povertyReferralOdds: s.poverty.referralRatio,
    riskPrevalence: risks.map((r) => r.prevalence),
    riskHazardRatio: risks.map((r) => r.hazardRatio),
    needBase: perMonth(s.need.baseHazardPerYear),
    needAgeRatio,
    needAgeMax: Math.max(...needAgeRatio),
    preBirthReferral: s.need.preBirthReferralShare,
    careAtBirth: s.need.careAtBirthShare,
    careEntryRatio: s.practice.careEntryRatio,
    directReferralShare: s.need.directReferralShare,
    earlyHelpClose: 1 / s.earlyHelp.meanMonths,
    earlyHelpSuccessShare: s.earlyHelp.successShare,
    earlyHelpCapacity: earlyHelpPlaces(scaled(s.policy.earlyHelp.budgetPerYear), s.earlyHelp.costPerFamilyPerYear),
    earlyHelpStatutory: s.policy.earlyHelp.statutoryDuty,
    earlyHelpBudget: scaled(s.policy.earlyHelp.budgetPerYear) / 12,
    earlyHelpCostPerFamily: s.earlyHelp.costPerFamilyPerYear / 12,
    waitingEscalation: perMonth(s.earlyHelp.waitingEscalationPerYear),
    waitingResolve: perMonth(s.earlyHelp.waitingResolvePerYear),
    socialWorkers: scaled(s.socialWork.workers),
    caseloadThreshold: s.socialWork.caseloadThreshold,
    socialWorkCost: (scaled(s.socialWork.workers) * s.socialWork.costPerWorkerPerYear * (1 + s.socialWork.vacancyShare * s.socialWork.agencyPremium)) / 12,
    overloadRaisesNoFurtherAction: s.socialWork.overloadRaisesNoFurtherAction,
    maxOverload: s.socialWork.maxOverload,
    overloadSlowsAssessment: s.socialWork.overloadSlowsAssessment,
    overloadRaisesEscalation: s.socialWork.overloadRaisesEscalation,
    assessmentComplete: 1 / s.socialWork.assessmentMeanMonths,
    // practice: the threshold for care moves every route into it (the care outcome's weight here, CP below, CIN in the engine)
    assessmentOutcomeCdf: cumulative([outcomes.noFurtherAction, outcomes.childInNeed, outcomes.childProtection, outcomes.care * s.practice.careEntryRatio]),
    reReferralShare: s.socialWork.reReferralShare,
    reReferralWithinMonths: s.socialWork.reReferralWithinMonths,
    cinClose: perMonth(s.childInNeed.closePerYear),
    cinToCp: perMonth(s.childInNeed.toChildProtectionPerYear),
    cinToCare: perMonth(s.childInNeed.toCarePerYear),
    cpEnd: perMonth(s.childProtection.endPerYear),
    cpEndToCareShare: Math.min(1, s.childProtection.endToCareShare * s.practice.careEntryRatio),
    cpEndToCinShare: Math.min(s.childProtection.endToChildInNeedShare, 1 - Math.min(1, s.childProtection.endToCareShare * s.practice.careEntryRatio)),
    entryCdf,
    setupEntryCdf: entryCdfWith(1),
    reunification: perMonth(s.care.reunificationPerYear),
    reunificationByTic: Float64Array.from(TIME_IN_CARE_CLASSES, (k) => s.care.reunificationByTimeInCare[k]),
    reunifiedToCinShare: s.care.reunifiedToChildInNeedShare,
    adoption: perMonth(s.care.adoptionPerYearWithPlacementOrder),
    specialGuardianshipByAge: [
      perMonth(s.care.specialGuardianshipPerYear.under5),
      perMonth(s.care.specialGuardianshipPerYear.age5to9),
      perMonth(s.care.specialGuardianshipPerYear.age10plus),
    ],
    otherExit16: perMonth(s.care.otherExitPerYear16plus),
    otherExitUnder16: perMonth(s.care.otherExitPerYearUnder16),
    section20AtEntry: [s.legalStatus.section20ShareAtEntry.under10, s.legalStatus.section20ShareAtEntry.age10plus],
    otherAtEntry: s.legalStatus.otherShareAtEntry,
    section20Reunification: s.legalStatus.section20ReunificationRatio,
    section20ToProceedings: perMonth(c.section20ToProceedingsPerYear),
    otherToOrder: perMonth(s.legalStatus.otherToOrderPerYear),
    // proceedings last at least PROCEEDINGS_MIN_MONTHS, then conclude at a rate that gives the mean
    proceedingsConclude: 1 / Math.max(0.25, proceedingsMonths - PROCEEDINGS_MIN_MONTHS),
    courtOutcomes: courtOutcomesOf(c.outcomes),
    uascArrivalsPerMonth: scaled(s.uasc.arrivalsPerYear) / 12,
    uascShare16to17: s.uasc.share16to17,
    stepDown: perMonth(s.care.stepDownPerYear * s.policy.collaborativeFosterTransition.stepDownMultiplier),
    setupStepDown: perMonth(s.care.stepDownPerYear),
    reEntryFirstYear: perMonth(s.care.reEntryAfterReturnHomePerYear.firstYear),
    reEntryLater: perMonth(s.care.reEntryAfterReturnHomePerYear.years2to5),
    supportedAt16: perMonth(s.care.supportedAt16PerYear),
    escalateToResidential: perMonth(s.care.escalateToResidentialPerYear),
    costPerWeek,
    places,
    privateMarket: s.market.private_residential,
    agencyMarket: s.market.agency_foster,
    outOfAreaPremium: s.market.outOfAreaPremium,
    highCostShare: s.market.highCostShare,
    highCostPerWeek: s.market.highCostPerWeek,
    profitCap: s.policy.profitCap.enabled ? s.policy.profitCap.maxMargin : Infinity,
    councilHomeTarget: Math.round(scaled(s.policy.councilHomes.targetPlaces)),
    councilHomeMonthsToOpen: s.policy.councilHomes.monthsToOpen,
    fosterExtraPlacesPerMonth: scaled(s.policy.fosterRecruitment.extraPlacesPerYear) / 12,
    councilHomeFixedShare: s.councilHomes.fixedCostShare,
    councilHomeCapitalPerPlace: s.councilHomes.capitalCostPerPlace,
    councilHomeCapitalMonths: Math.round(s.councilHomes.capitalLifetimeYears * 12),
    inflationPerMonth: Float64Array.of(
      ...([s.prices.inflationPerYear.staffPay, s.prices.inflationPerYear.placementPrices, s.prices.inflationPerYear.allowances, s.prices.inflationPerYear.earlyHelp].map(monthlyFactor)),
      monthlyFactor(s.prices.generalInflationPerYear),
    ),
    generalInflationPerMonth: monthlyFactor(s.prices.generalInflationPerYear),
    councilHomeStaffShare: s.councilHomes.staffCostShare,
    priceBaseMonth: s.prices.baseYear * 12 + 3,
    careLeaverMonths: (s.careLeavers.supportedToAge - 18) * 12,
    careLeaverCostPerMonth: s.careLeavers.costPerYear / 12,
    stayingPutShare: s.careLeavers.stayingPutShare,
    stayingPutCostPerWeek: s.careLeavers.stayingPutCostPerWeek,
    permanenceAllowancePerWeek: s.permanence.allowancePerWeek,
    homesEarly: s.policy.homesAsEarlyOption.residentialEntryMultiplier > 1,
    earlyHomeReunification: s.policy.homesAsEarlyOption.reunificationMultiplier,
    earlyHomeStepDown: s.policy.homesAsEarlyOption.stepDownMultiplier,
    earlyHomeBreakdown: s.policy.homesAsEarlyOption.breakdownMultiplier,
    sellCouncilHomes: s.policy.councilHomes.sellToNeighbours ?? false,
    councils: s.councils?.map((c, k) => ({ code: c.code, name: c.name, centroid: c.centroid, params: toParams(derivedCouncil(s, k)) })),
  };
}

/** A council's derived scenario; the region's scenario was validated with it (validate.ts), so it cannot fail here. */
function derivedCouncil(s: Scenario, k: number): Scenario {
  const derived = councilScenario(s, k);
  if (!derived.ok) throw new Error(`council ${s.councils?.[k].code}: ${derived.message} (the scenario was not validated)`);
  return derived.value;
}
