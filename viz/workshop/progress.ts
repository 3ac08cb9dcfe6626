/**
 * Where a workshop got to, kept in sessionStorage so a reload of the audience view (a projector
 * that blinked, a wrong key) comes back at the same step with the same choices: the run is
 * replayed, which gives the same months (the same scenario, seed and choices).
 */
import type { ChoicesMade } from '../../sim/workshop/script';

export interface Progress {
  seed: number;
  index: number;
  choices: (number | null)[];
}

const key = (workshopId: string): string => `care-futures-workshop-progress:${workshopId}`;

export function saveProgress(workshopId: string, progress: Progress): void {
  try {
    sessionStorage.setItem(key(workshopId), JSON.stringify(progress));
  } catch {
    // Storage off (private windows): a reload starts the workshop again, nothing else breaks.
  }
}

export function loadProgress(workshopId: string, steps: number): Progress | undefined {
  try {
    const raw = sessionStorage.getItem(key(workshopId));
    if (!raw) return undefined;
    const p = JSON.parse(raw) as Partial<Progress>;
    if (typeof p.seed !== 'number' || typeof p.index !== 'number' || !Array.isArray(p.choices)) return undefined;
    if (p.index < 0 || p.index >= steps) return undefined;
    const choices: ChoicesMade = p.choices.map((c) => (typeof c === 'number' ? c : null));
    return { seed: p.seed, index: p.index, choices: [...choices] };
  } catch {
    return undefined;
  }
}

export function clearProgress(workshopId: string): void {
  try {
    sessionStorage.removeItem(key(workshopId));
  } catch {
    // as above
  }
}
