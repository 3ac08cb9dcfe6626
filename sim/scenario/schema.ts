/**
 * The scenario format: the single source of truth.
 *
 * `scenarios/scenario.schema.json` is generated from this file (`npm run schema`; CI checks that
 * the committed copy is current), and the TypeScript type `Scenario` is derived from the same
 * definitions, so the schema, the validator and the engine cannot drift apart.
 *
 * Conventions: every field has a `description` and a `unit`. Rates are "per year" hazards
 * (converted to monthly probabilities once, in `params.ts`); money is pounds at full scale
 * (the engine scales capacities and budgets by `population.scale`).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { PLACEMENTS, type PlacementId } from '../states';
import { UncertaintySchema } from './uncertainty-schema';
import { WorkshopSchema } from './workshop-schema';
import { CouncilsSchema } from './councils/schema';

interface FieldOpts {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
}

const num = (description: string, unit: string, opts: FieldOpts = {}) =>
  Type.Number({ description, unit, ...opts });
const int = (description: string, unit: string, opts: FieldOpts = {}) =>
  Type.Integer({ description, unit, ...opts });
/*
 * Every number has a plausible maximum, far above any real region (England has about 12 million
 * children, 600,000 births a year, 33,000 child and family social workers) but low enough that
 * no figure the engine derives can overflow, allocate without bound or loop for ever.
 */
const MAX_HAZARD_PER_YEAR = 100; // a monthly probability of 1 - exp(-100 / 12), i.e. certain
const MAX_RATIO = 100;
const MAX_PER_10K = 10_000;
const MAX_PLACES = 1_000_000;
const MAX_TIMELINE_ENTRIES = 10_000;
const MAX_TIMELINE_MONTH = 12 * 1000;
const share = (description: string) => num(description, 'share (0 to 1)', { minimum: 0, maximum: 1 });
const perYear = (description: string) => num(description, 'hazard per year', { minimum: 0, maximum: MAX_HAZARD_PER_YEAR });
const money = (description: string, unit: string, maximum: number) => num(description, unit, { minimum: 0, maximum });
const ratio = (description: string, unit = 'ratio') => num(description, unit, { minimum: 0, maximum: MAX_RATIO });
const per10k = (description: string) => num(description, 'per 10,000 children', { minimum: 0, maximum: MAX_PER_10K });
const flag = (description: string) => Type.Boolean({ description, unit: 'true/false' });
const obj = <T extends Record<string, TSchema>>(description: string, props: T) =>
  Type.Object(props, { description, additionalProperties: false });

const placementRecord = <T extends TSchema>(description: string, each: (p: PlacementId) => T) =>
  obj(
    description,
    Object.fromEntries(PLACEMENTS.map((p) => [p, each(p)])) as { [K in PlacementId]: T },
  );

const riskFactor = (name: string) =>
  obj(`${name}: a family risk factor ("toxic trio").`, {
    prevalence: share(`Share of families with ${name.toLowerCase()}.`),
    hazardRatio: ratio(`Multiplier on the hazard of need emerging for a family with ${name.toLowerCase()}.`),
  });

const entryWeights = (band: string) =>
  placementRecord(
    `Relative weights of the placement sought for a child entering care aged ${band}; normalised by the engine.`,
    (p) => num(`Weight for ${p}.`, 'relative weight', { minimum: 0, maximum: 1_000_000 }),
  );

const marketSide = (what: string) =>
  obj(`Provider market for ${what}: price per week = placements cost x (1 + margin); local places grow or shrink with the margin.`, {
    hurdleMargin: num(`The margin at which providers of ${what} places neither open nor close places (their required return).`, 'share of cost', { minimum: 0, maximum: 10 }),
    supplyElasticity: num(
      `How fast local ${what} places answer the margin: yearly growth of places per unit of margin above the hurdle (shrinking below it). 0: places fixed.`,
      'growth per year per unit margin',
      { minimum: 0, maximum: MAX_RATIO },
    ),
    supplyLagMonths: int(`Months from providers deciding to open or close ${what} places to the change.`, 'months', { minimum: 0, maximum: 120 }),
    startAtHurdle: flag(
      `true: the local ${what} places at month 0 are solved from the children placed in them at set-up, so that the margin starts at the hurdle and supply holds still with no policy change (the market starts where it would stay); the scenario\u2019s \`places\` for this type is then not used at month 0 (a lever on it still moves places by the difference). Where no occupancy gives the hurdle (no slope, or a base margin above the hurdle: supply then grows whatever happens), there is no still point and the scenario\u2019s places are used. false: the scenario\u2019s places, as given.`,
    ),
    baseMargin: num(`Operating margin when places are not scarce.`, 'share of cost', { minimum: 0, maximum: 10 }),
    scarcityOccupancy: share(`Occupancy of local ${what} places above which the margin rises.`),
    marginPerOccupancy: num(
      'How fast the margin rises with scarcity: extra margin per unit of occupancy above the threshold (occupancy counts every child placed, out-of-area ones included, over local places).',
      'margin per unit occupancy',
      { minimum: 0, maximum: MAX_RATIO },
    ),
  });

export const ScenarioSchema = obj('A Care Futures scenario: every parameter of one run of the model.', {
  $schema: Type.Optional(Type.String({ description: 'Path or URL of this JSON Schema, for editors.', unit: 'path' })),
  extends: Type.Optional(
    Type.String({
      description:
        'File name of a scenario this one builds on (e.g. "north-east-baseline.json"); fields given here override it, objects merge, arrays replace.',
      unit: 'file name',
    }),
  ),
  name: Type.String({ description: 'Short name shown in outputs and the app.', unit: 'text', minLength: 1 }),
  startDate: Type.Optional(
    Type.String({
      description:
        'The first simulated month ("YYYY-MM"; default "2021-04"). Month 0 is the state at the end of the month before (e.g. 31 March, as DfE counts); month m is the m-th month from this one.',
      unit: 'YYYY-MM',
      pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
    }),
  ),
  description: Type.String({ description: 'What this scenario represents and which claim it tests.', unit: 'text' }),
  sources: Type.Array(
    obj('A source cited by this scenario.', {
      id: Type.String({ description: 'Short id used in `citations`.', unit: 'text', minLength: 1 }),
      citation: Type.String({ description: 'Full reference.', unit: 'text' }),
      url: Type.Optional(Type.String({ description: 'Where to find it.', unit: 'URL' })),
    }),
    { description: 'Sources for the figures in this scenario.', unit: 'list' },
  ),
  citations: Type.Record(Type.String(), Type.String(), {
    description:
      'For each parameter path (e.g. "placements.private_residential.costPerWeek"), the source id and a note on how the figure was derived, or "assumption: ...".',
    unit: 'path -> text',
  }),
  population: obj('The simulated population of children aged 0-17.', {
    children: int('Children aged 0-17 in the region at the start (full scale).', 'children', { minimum: 1, maximum: 20_000_000 }),
    childrenPerFamily: num('Average children per family; sets how many family households are created.', 'children per family', {
      minimum: 1,
      maximum: 20,
    }),
    birthsPerYear: num('Births entering the population per year (full scale).', 'births per year', { minimum: 0, maximum: 2_000_000 }),
    scale: num('Sampling fraction: 1 simulates every child, 0.1 one in ten. Outputs hold simulated (scaled) counts.', 'fraction', {
      exclusiveMinimum: 0,
      maximum: 1,
    }),
  }),
  initialState: obj('Children in each part of the system at month 0, per 10,000 (the rest start in universal services). Looked-after children are spread over ages by a fixed profile and placed by `care.entryMix`.', {
    early_help: per10k('Children in early help.'),
    assessment: per10k('Children being assessed.'),
    child_in_need: per10k('Children on CIN plans (CP and looked-after excluded).'),
    child_protection: per10k('Children on child protection plans.'),
    looked_after: per10k('Looked-after children.'),
  }),
  poverty: obj('Family poverty: a status that families enter and leave month by month.', {
    initialShare: share('Share of families in poverty at the start.'),
    entryPerYear: perYear('Hazard of a family not in poverty falling into poverty.'),
    exitPerYear: perYear('Hazard of a family in poverty leaving it.'),
    needHazardRatio: ratio(
      'Deprivation gradient: multiplier on the hazard of need emerging for a family in poverty. Set to 1 to switch the poverty driver off.',
    ),
    referralRatio: ratio(
      'Multiplier on the odds that an emerging need goes straight to a referral (not early help) for a family in poverty.',
      'odds ratio',
    ),
  }),
  riskFactors: obj('Family risk factors, fixed per family, each raising the hazard of need.', {
    domesticAbuse: riskFactor('Domestic abuse'),
    parentalMentalHealth: riskFactor('Parental mental ill-health'),
    substanceMisuse: riskFactor('Parental substance misuse'),
  }),
  need: obj('How needs emerge in universal services.', {
    baseHazardPerYear: perYear('Hazard of a need emerging for a child in a family without poverty or risk factors.'),
    directReferralShare: share('Share of emerging needs referred straight to social care (not first offered early help), before the poverty odds ratio.'),
    ageHazardRatio: obj('Multiplier on the need hazard by the child\u2019s age (DfE bands): an infant route (needs seen around birth) and an adolescent route (exploitation, family breakdown).', {
      under1: ratio('Under 1.'),
      age1to4: ratio('Aged 1-4.'),
      age5to9: ratio('Aged 5-9.'),
      age10to15: ratio('Aged 10-15.'),
      age16plus: ratio('Aged 16-17.'),
    }),
    preBirthReferralShare: share(
      'Share of newborns referred around birth (a pre-birth assessment) in a family without poverty or risk factors; scaled by the family\u2019s need multiplier (poverty, risk factors).',
    ),
    careAtBirthShare: share('Share of babies referred before birth who enter care at birth (proceedings issued at birth); the rest come to assessment in their first months.'),
  }),
  earlyHelp: obj('Early help: non-statutory family support, limited by funded capacity unless the statutory duty applies.', {
    costPerFamilyPerYear: money(
      'Cost of supporting one family in early help for a year (a case is a family, whatever its number of children); capacity = budget / this.',
      'pounds per family per year',
      1_000_000,
    ),
    meanMonths: num('Average time a case stays open.', 'months', { minimum: 0.5, maximum: 240 }),
    successShare: share('Share of closing cases whose needs are met (back to universal); the rest escalate to a referral.'),
    waitingEscalationPerYear: perYear('Hazard that a family waiting for an early-help place escalates to a referral.'),
    waitingResolvePerYear: perYear('Hazard that a waiting family\u2019s need resolves without help.'),
  }),
  socialWork: obj('Statutory social work: assessment, child in need and child protection, and its capacity.', {
    workers: num('Child and family social workers (full-time equivalent, full scale).', 'FTE', { minimum: 0, maximum: 1_000_000 }),
    caseloadThreshold: num('Open cases per worker above which practice degrades.', 'cases per worker', { exclusiveMinimum: 0, maximum: 1000 }),
    costPerWorkerPerYear: money('Cost of one full-time social worker a year, salary and on-costs (employed staff).', 'pounds per FTE per year', 10_000_000),
    vacancyShare: share('Share of posts that are vacant and covered by agency workers.'),
    agencyPremium: num('Extra cost of an agency worker over an employed one, as a share of the employed cost.', 'share of cost', { minimum: 0, maximum: 10 }),
    overloadRaisesNoFurtherAction: num(
      'Rationing under overload: the share of completed assessments that end with no further action rises by this x overload (of the remaining share), so thresholds rise when workers are stretched.',
      'per unit overload',
      { minimum: 0, maximum: MAX_RATIO },
    ),
    maxOverload: num('Overload counted at most (caseload / threshold - 1): practice cannot degrade without bound, and rationing takes over.', 'overload', { minimum: 0, maximum: MAX_RATIO }),
    overloadSlowsAssessment: num('Assessment completion rate is divided by 1 + this x overload (overload = caseload / threshold - 1, when positive).', 'per unit overload', { minimum: 0, maximum: MAX_RATIO }),
    overloadRaisesEscalation: num('CIN-to-CP and re-referral hazards are multiplied by 1 + this x overload.', 'per unit overload', { minimum: 0, maximum: MAX_RATIO }),
    assessmentMeanMonths: num('Average length of an assessment at normal caseloads.', 'months', { minimum: 0.25, maximum: 120 }),
    assessmentOutcomes: obj('Shares of completed assessments by outcome (normalised by the engine).', {
      noFurtherAction: share('No further action: back to universal services.'),
      childInNeed: share('Child in need plan.'),
      childProtection: share('Section 47 enquiry and initial conference leading to a child protection plan.'),
      care: share('Emergency entry to care.'),
    }),
    reReferralShare: share('Share of children whose case closes (after assessment or CIN) who are referred again within reReferralWithinMonths months.'),
    reReferralWithinMonths: int('Window for re-referral after a case closes.', 'months', { minimum: 1, maximum: 60 }),
  }),
  childInNeed: obj('Child in need (section 17) plans, excluding CP and looked-after children.', {
    closePerYear: perYear('Hazard of a CIN plan closing (back to universal).'),
    toChildProtectionPerYear: perYear('Hazard of escalating to a child protection plan.'),
    toCarePerYear: perYear('Hazard of entering care directly from a CIN plan.'),
  }),
  childProtection: obj('Child protection plans.', {
    endPerYear: perYear('Hazard of a plan ending.'),
    endToCareShare: share('Share of ending plans that end with the child entering care.'),
    endToChildInNeedShare: share('Share of ending plans stepped down to a CIN plan; the rest go back to universal.'),
  }),
  care: obj('Looked-after children: placement, moves and exits.', {
    entryMix: obj('Placement sought at entry to care, by age band (then matched to the places that exist).', {
      under10: entryWeights('0-9'),
      age10to15: entryWeights('10-15'),
      age16to17: entryWeights('16-17'),
    }),
    reunificationPerYear: perYear('Hazard of returning home (reunification) in months 3-12 of care, for a child on an order; see reunificationByTimeInCare and legalStatus.section20ReunificationRatio.'),
    reunificationByTimeInCare: obj('Multiplier on the return-home hazard by time in care (most children who go home do so early). For children in care proceedings the time counts from the interim order.', {
      under3Months: ratio('First 3 months.'),
      months3to12: ratio('Months 3-12 (1 = reunificationPerYear).'),
      months12to24: ratio('Months 12-24.'),
      over24Months: ratio('After 2 years.'),
    }),
    reunifiedToChildInNeedShare: share('Share of reunified children who stay on a CIN plan; the rest go to universal.'),
    adoptionPerYearWithPlacementOrder: perYear('Hazard of adoption for a child with a placement order (E1); adoption needs one.'),
    specialGuardianshipPerYear: obj('Hazard of special guardianship (or a child arrangements order) for a child on a full care order (C2), by age.', {
      under5: perYear('Under 5.'),
      age5to9: perYear('Aged 5-9.'),
      age10plus: perYear('Aged 10 and over.'),
    }),
    otherExitPerYear16plus: perYear('Hazard, from 16, of leaving care before 18 for another reason (independent living, custody, other).'),
    otherExitPerYearUnder16: perYear('Hazard, under 16, of leaving care for another reason (transfer, custody, other).'),
    reEntryAfterReturnHomePerYear: obj(
      'Hazard of coming back into care after a return home, by time since the return (none after five years): the returns home that fail.',
      {
        firstYear: num('In the first year after the return home.', 'per year', { minimum: 0, maximum: MAX_RATIO }),
        years2to5: num('From one to five years after the return home.', 'per year', { minimum: 0, maximum: MAX_RATIO }),
      },
    ),
    stepDownPerYear: perYear('Hazard of stepping down from a children\u2019s home to foster care.'),
    supportedAt16PerYear: perYear('Hazard, from 16, of moving from foster or residential care to supported accommodation.'),
    escalateToResidentialPerYear: perYear('Hazard, from age 10, of a foster placement breaking down into a children\u2019s home.'),
  }),
  legalStatus: obj('Legal status of looked-after children (SSDA903 codes): section 20 (V2), interim (C1) and full (C2) care orders, placement orders (E1), other.', {
    section20ShareAtEntry: obj('Share of entries to care accommodated under section 20 (with parents\u2019 agreement), by age: a practice lever (use of section 20).', {
      under10: share('Children under 10.'),
      age10plus: share('Children aged 10 and over.'),
    }),
    otherShareAtEntry: share('Share of entries under another status (police protection, emergency protection, remand); they move to an interim order.'),
    section20ReunificationRatio: ratio('Return-home hazard of a child accommodated under section 20, relative to a child on an order.'),
    otherToOrderPerYear: perYear('Hazard that a child held under another status becomes the subject of an interim care order.'),
  }),
  courts: obj('Care proceedings: interim care orders while they run, and how they end.', {
    proceedingsWeeks: num('Average duration of care proceedings (at least 3 months in the model).', 'weeks', { minimum: 13, maximum: 520 }),
    section20ToProceedingsPerYear: perYear('Hazard that proceedings are issued for a child accommodated under section 20: a practice lever (the threshold for proceedings).'),
    outcomes: obj('How proceedings end: a placement order (adoption plan) by age; of the rest, special guardianship, a return home (no order or a supervision order), else a full care order.', {
      placementOrderUnder5: share('Share of concluded proceedings for a child under 5 that end in a placement order.'),
      placementOrder5to9: share('Share for a child aged 5-9 (none from 10).'),
      specialGuardianship: share('Share of the others that end in a special guardianship (or child arrangements) order: the child leaves care.'),
      returnHome: share('Share of the others that end with the child going home (no order or a supervision order). If the two shares add to more than 1, both are scaled down to add to 1 (no full care orders).'),
    }),
  }),
  practice: obj('Local practice, apart from demand: the threshold for care.', {
    careEntryRatio: ratio('Multiplier on every route into care (the care outcome of assessments, CIN to care, CP plans ending in care): above 1 a lower threshold for care.'),
  }),
  uasc: obj('Unaccompanied asylum-seeking children: arrivals straight into care (National Transfer Scheme).', {
    arrivalsPerYear: num('Unaccompanied children the region takes into care a year (full scale).', 'children per year', { minimum: 0, maximum: 1_000_000 }),
    share16to17: share('Share aged 16-17 on arrival (the rest 14-15).'),
  }),
  placements: placementRecord('Unit cost and places for each placement type.', (p) =>
    obj(`Placement ${p}.`, {
      costPerWeek: money(
        p === 'private_residential' || p === 'agency_foster'
          ? 'Provider\u2019s own cost per child per week; the council pays this x (1 + margin), see `market`.'
          : 'Weekly cost per child in this placement.',
        'pounds per week',
        100_000,
      ),
      places: Type.Union([int('Places available (full scale).', 'places', { minimum: 0, maximum: MAX_PLACES }), Type.Null()], {
        description:
          p === 'private_residential' || p === 'agency_foster'
            ? 'Places inside the region (full scale); beyond them children are placed out of area at a premium. null: no limit.'
            : p === 'la_residential'
              ? 'Council-run home places open at the start (full scale); `policy.councilHomes` changes them over time.'
              : 'Places that exist in the region at full scale; when full, the next-best placement is used. null: no limit.',
        unit: 'places or null',
      }),
    }),
  ),
  councilHomes: obj('What council-run homes cost (the number of places is `placements.la_residential.places` at the start and `policy.councilHomes` over time).', {
    fixedCostShare: share(
      'Share of `placements.la_residential.costPerWeek` (the weekly cost of an occupied place) that is fixed: paid for every open place, filled or not (staff rotas, running the building).',
    ),
    capitalCostPerPlace: money('Capital cost of a new place (building or buying and refitting a home), per place.', 'pounds per place', 100_000_000),
    staffCostShare: share('Share of council homes\u2019 weekly cost that is staff: it grows with pay, the rest with general prices.'),
    capitalLifetimeYears: num('Years over which a new place\u2019s capital cost is spread (straight-line, from opening).', 'years', { minimum: 1, maximum: 100 }),
  }),
  market: obj('The independent provider market.', {
    private_residential: marketSide('private children\u2019s home'),
    agency_foster: marketSide('independent fostering agency'),
    outOfAreaPremium: num('Price multiplier for a private home place outside the region.', 'ratio', { minimum: 1, maximum: 10 }),
    highCostShare: share('Share of children in children\u2019s homes, council-run or private, whose placement costs far more than the average (the "£10,000+ a week" tail).'),
    highCostPerWeek: money('Average weekly price of such a high-cost placement (at the start date; grows with cost inflation).', 'pounds per week', 1_000_000),
  }),
  prices: obj('Prices over time: every weekly and yearly cost in the scenario is in pounds of the start date and grows with the inflation of its category; outputs are nominal, with a deflator to the base year for real terms.', {
    inflationPerYear: obj('Yearly growth of unit costs in nominal terms, by category: each cost follows its own (see docs/model.md, "Prices over time").', {
      staffPay: num('Pay: social workers, council homes\u2019 staff share, support of children placed with parents.', 'share per year', { minimum: -0.5, maximum: 1 }),
      placementPrices: num('What providers charge before their margin: private children\u2019s homes, fostering agencies, supported accommodation, secure places, the high-cost tail.', 'share per year', { minimum: -0.5, maximum: 1 }),
      allowances: num('Kinship and in-house foster care, care leavers\u2019 support, staying put, adoption and special guardianship allowances.', 'share per year', { minimum: -0.5, maximum: 1 }),
      earlyHelp: num('The early-help budget and its cost per family.', 'share per year', { minimum: -0.5, maximum: 1 }),
    }),
    generalInflationPerYear: num('Yearly general inflation (CPI): the deflator for real terms, and the growth of council homes\u2019 non-staff running costs and of new places\u2019 capital cost.', 'share per year', { minimum: -0.5, maximum: 1 }),
    baseYear: int('Real-terms figures are in pounds of this year (its April).', 'year', { minimum: 1900, maximum: 2200 }),
  }),
  careLeavers: obj('Care leavers: young people who left care at 18, supported by the council afterwards.', {
    supportedToAge: int('Age up to which care leavers are counted and supported (21-25).', 'years', { minimum: 18, maximum: 25 }),
    costPerYear: money('Leaving-care support per care leaver per year (personal adviser, grants, accommodation support).', 'pounds per year', 10_000_000),
    stayingPutShare: share('Share of care leavers aged 18-20 who stay with their foster carers ("staying put").'),
    stayingPutCostPerWeek: money('Cost of a staying-put arrangement per week.', 'pounds per week', 1_000_000),
  }),
  permanence: obj('After adoption or special guardianship: allowances paid until the child turns 18.', {
    allowancePerWeek: money('Average allowance per child who left care to permanence, per week, until 18.', 'pounds per week', 1_000_000),
  }),
  policy: obj('Policy levers: the things a council or government can change (live in the app).', {
    earlyHelp: obj('Early-help funding.', {
      budgetPerYear: money('Early-help budget (full scale). Capacity = budget / cost per case.', 'pounds per year', 10_000_000_000),
      statutoryDuty: flag('A statutory duty: every eligible family gets a place whatever the budget; spend shows the cost.'),
    }),
    childPovertyReduction: num(
      'Anti-poverty policy: the share by which the long-run child-poverty rate falls (applied by lowering the entry hazard); negative values raise it (e.g. -0.2: poverty a fifth higher).',
      'share (-1 to 1)',
      { minimum: -1, maximum: 1 },
    ),
    councilHomes: obj('Council-run children\u2019s homes.', {
      targetPlaces: int('Places the council plans to run (full scale). New places open after `monthsToOpen`; closures are immediate.', 'places', { minimum: 0, maximum: MAX_PLACES }),
      monthsToOpen: int('Months from deciding to open new places to their opening.', 'months', { minimum: 0, maximum: 120 }),
      sellToNeighbours: Type.Optional(flag('With councils: a council home\u2019s free place may take a neighbouring council\u2019s child (after that council\u2019s own places, before places further away); the placing council pays for the child (default false).')),
    }),
    profitCap: obj('A cap on providers\u2019 operating margin.', {
      enabled: flag('Whether the cap applies.'),
      maxMargin: num('Highest margin allowed.', 'share of cost', { minimum: 0, maximum: 10 }),
    }),
    fosterRecruitment: obj('In-house foster-carer recruitment.', {
      extraPlacesPerYear: num('In-house foster places added per year (full scale).', 'places per year', { minimum: 0, maximum: 100_000 }),
    }),
    homesAsEarlyOption: obj('Providers\u2019 proposal: use children\u2019s homes early rather than as a last resort. The benefit multipliers apply to children who enter care straight into a home while the policy is on.', {
      residentialEntryMultiplier: ratio('Multiplier on the weight of residential placements at entry to care (1 = current practice).'),
      reunificationMultiplier: ratio('Benefit claimed: multiplier on the hazard of going home for children placed in a home early (1 = no benefit).'),
      stepDownMultiplier: ratio('Benefit claimed: multiplier on the hazard of stepping down to foster care for children placed in a home early.'),
      breakdownMultiplier: ratio('Benefit claimed: multiplier on the hazard that a later foster placement breaks down, for children placed in a home early (below 1 = fewer breakdowns).'),
    }),
    collaborativeFosterTransition: obj('Collaborative foster care: homes and foster carers work together so children step down sooner.', {
      stepDownMultiplier: ratio('Multiplier on the residential-to-foster step-down hazard (1 = current practice).'),
    }),
  }),
  timeline: Type.Optional(
    Type.Array(
      obj('A lever change: from the given month (or date) on, the field at `path` takes `value`. Give a `month` or a `date`, not both.', {
        month: Type.Optional(
          Type.Integer({ description: 'The first simulated month that uses the new value (month 1 is `startDate`).', unit: 'month', minimum: 1, maximum: MAX_TIMELINE_MONTH }),
        ),
        date: Type.Optional(
          Type.String({
            description: 'The first simulated month that uses the new value, on the calendar ("YYYY-MM"; `startDate` is month 1).',
            unit: 'YYYY-MM',
            pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
          }),
        ),
        path: Type.String({ description: 'Dotted path of the field that changes, e.g. "policy.earlyHelp.budgetPerYear".', unit: 'path', minLength: 1 }),
        value: Type.Unknown({ description: 'The new value, valid for that field.', unit: 'value' }),
        source: Type.Optional(Type.String({ description: 'Why the value changes then, with the source id(s) of `sources` (every change of a shipped timeline is cited).', unit: 'text', maxLength: 2000 })),
      }),
      {
        description:
          'The scenario\u2019s own lever timeline, applied during a run like lever changes (the same checks and refusals). Within a month the scenario\u2019s changes apply first, then any levers given with the run. With `extends`, a timeline given here replaces the parent\u2019s whole (lists replace).',
        unit: 'list',
        maxItems: MAX_TIMELINE_ENTRIES,
      },
    ),
  ),
  councils: Type.Optional(CouncilsSchema),
  uncertainty: Type.Optional(UncertaintySchema),
  workshop: Type.Optional(WorkshopSchema),
  calibration: Type.Optional(
    obj('Targets the baseline is calibrated to (used by tests and shown in the app).', {
      childrenInNeedPer10k: per10k('Children in need per 10,000, DfE definition (CP and looked-after included).'),
      childProtectionPer10k: per10k('Children on child protection plans per 10,000.'),
      lookedAfterPer10k: per10k('Looked-after children per 10,000.'),
      placementMix: placementRecord('Share of looked-after children by placement type.', (p) => share(`Share in ${p}.`)),
    }),
  ),
});

export type Scenario = Static<typeof ScenarioSchema>;
