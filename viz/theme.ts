/** The page takes its colours from viz/palette.ts, so the map, charts and chrome never drift apart. */
import type { ChartTheme } from './charts';
import { THEME } from './palette';

export function applyTheme(root: HTMLElement): void {
  const vars: Record<string, string> = {
    '--bg': THEME.background,
    '--surface': THEME.surface,
    '--surface-raised': THEME.surfaceRaised,
    '--border': THEME.border,
    '--text': THEME.text,
    '--muted': THEME.textMuted,
    '--accent': THEME.accent,
    '--on-accent': THEME.onAccent,
    '--focus': THEME.accent,
    '--error': THEME.error,
    '--font': THEME.fontFamily,
  };
  for (const [name, value] of Object.entries(vars)) root.style.setProperty(name, value);
  root.style.colorScheme = THEME.name;
  root.dataset.theme = THEME.name;
}

export const CHART_THEME: ChartTheme = {
  text: THEME.text,
  muted: THEME.textMuted,
  grid: THEME.grid,
  marker: THEME.text,
  background: THEME.surface,
  font: THEME.fontFamily,
};
