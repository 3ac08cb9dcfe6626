/**
 * Colours for the whole visualiser: the map, the charts and the page share these so a child in
 * poverty is the same orange everywhere. Dark theme: particles read best on a dark ground, and a
 * dark page avoids glare on projectors in dimmed rooms.
 *
 * Data colours come from Okabe & Ito (2008) and Paul Tol's "muted"/"light" schemes, both designed
 * to stay distinguishable with the common colour-vision deficiencies.
 */
import type { DfeAgeBand } from '../sim/ages';
import type { LegalStatus, SpendCategory } from '../sim/states';

/** Okabe–Ito, without black (invisible on the dark theme). */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#999999',
} as const;

export interface Theme {
  name: ThemeName;
  background: string;
  surface: string;
  surfaceRaised: string;
  border: string;
  text: string;
  textMuted: string;
  edge: string;
  grid: string;
  accent: string;
  /** text drawn on the accent colour */
  onAccent: string;
  error: string;
  fontFamily: string;
}

export type ThemeName = 'dark' | 'light';

const FONT = 'Inter, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif';

/** Page and map chrome: dark (the default, for dimmed rooms) and a high-contrast light one (for bright rooms and weak projectors). */
const THEMES: Record<ThemeName, Theme> = {
  dark: {
    name: 'dark',
    background: '#0e1420',
    surface: '#172131',
    surfaceRaised: '#1e2a3d',
    border: '#33425a',
    text: '#e8edf5',
    textMuted: '#9aa8bc',
    edge: '#b8c6da',
    grid: '#26334a',
    accent: OKABE_ITO.yellow,
    onAccent: '#000000',
    error: '#ff8a80',
    fontFamily: FONT,
  },
  light: {
    name: 'light',
    background: '#ffffff',
    surface: '#f3f5f8',
    surfaceRaised: '#e6eaf0',
    border: '#4d5666',
    text: '#0a0d12',
    textMuted: '#333b47',
    edge: '#56657c',
    grid: '#cfd6e0',
    accent: OKABE_ITO.blue,
    onAccent: '#ffffff',
    error: '#b00020',
    fontFamily: FONT,
  },
};

export const THEME_KEY = 'care-futures-theme';

/** The theme asked for: `?theme=light` in the address, else the last one chosen on this computer, else dark. */
export function chosenTheme(search = globalThis.location?.search ?? '', stored: () => string | null = () => globalThis.localStorage?.getItem(THEME_KEY) ?? null): ThemeName {
  const asked = new URLSearchParams(search).get('theme');
  if (asked === 'light' || asked === 'dark') return asked;
  try {
    return stored() === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

/** Chosen once, as the page loads: the map and charts take their colours from it when they are built. */
export const THEME: Theme = THEMES[chosenTheme()];

/** Particle colours: the orange/sky-blue pair is the safest two-colour contrast in Okabe–Ito; on white, vermillion and blue. */
export const POVERTY_COLOUR =
  THEME.name === 'light' ? { poor: OKABE_ITO.vermillion, notPoor: OKABE_ITO.blue } : { poor: OKABE_ITO.orange, notPoor: OKABE_ITO.skyBlue };

export const POVERTY_LABEL = {
  poor: 'Family in poverty',
  notPoor: 'Not in poverty',
} as const;

/** Node outline by part of the pathway. */
export const NODE_KIND_COLOUR = {
  source: '#6f7d92',
  pathway: '#5a7fb0',
  care: '#3f9a86',
  exit: '#7c8798',
} as const;

/**
 * One colour per spend category for stacked charts. Placements get distinct hues (Tol light +
 * Okabe–Ito); early help and social work, the non-placement costs, get the two quietest tones.
 */
export const SPEND_COLOUR: Record<SpendCategory, string> = {
  kinship_foster: '#44BB99',
  inhouse_foster: '#77AADD',
  agency_foster: '#99DDFF',
  placed_with_parents: '#BBCC33',
  la_residential: '#EEDD88',
  private_residential: '#EE8866',
  supported_accommodation: '#FFAABB',
  secure: '#CC79A7',
  early_help: '#AAAA00',
  early_help_unused: '#DDDD99',
  social_work: '#C0C7D2',
  care_leavers: '#997700',
  permanence_allowances: '#8E9AAF',
};

/** Age bands, youngest to oldest, from warm to cool (Tol light): ordered, and told apart without colour by their order in the stack. */
export const AGE_COLOUR: Record<DfeAgeBand, string> = {
  under_1: '#FFAABB',
  '1_to_4': '#EE8866',
  '5_to_9': '#EEDD88',
  '10_to_15': '#44BB99',
  '16_plus': '#77AADD',
};

/** Legal status: accommodation by agreement light blue, the orders in the stronger hues, other grey. */
export const LEGAL_COLOUR: Record<LegalStatus, string> = {
  V2: '#99DDFF',
  C1: '#EEDD88',
  C2: '#44BB99',
  E1: '#CC79A7',
  other: '#C0C7D2',
};

/** A neutral categorical sequence for series without a fixed meaning (e.g. chart lines). */
export const CATEGORICAL: readonly string[] = [
  OKABE_ITO.skyBlue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.yellow,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.vermillion,
  OKABE_ITO.blue,
  OKABE_ITO.grey,
];

/** `'#rrggbb'` → `0xrrggbb`, the form pixi wants for tints. */
export function hexToNumber(hex: string): number {
  return Number.parseInt(hex.slice(1), 16);
}
