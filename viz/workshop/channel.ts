/**
 * The audience view and the presenter console talk over a BroadcastChannel named for the workshop:
 * the audience view (which runs the simulation) posts its state after every change; the console
 * posts commands and, when it opens or reloads, a hello that the audience answers with its state.
 * An audience view that reloads picks up its progress from sessionStorage (`progress.ts`) and
 * posts its state again, so either window survives a reload of the other.
 */

/** What the console shows: where the workshop is, this step and the next, and the figures. */
export interface WorkshopState {
  title: string;
  index: number;
  total: number;
  /** the run has reached this step's month and is paused there */
  arrived: boolean;
  month: number;
  months: number;
  playing: boolean;
  step: { title: string; prompt: string; question?: string; notes?: string; month: number; choices: string[] };
  /** the option chosen at this step, if any */
  chosen: number | null;
  next: { title: string; month: number } | null;
  figures: { label: string; value: string }[];
  /** the branch's gap in children in care (B − A, whole region), when branched */
  gap: number | null;
  branchArmed: boolean;
  recap: boolean;
}

export type WorkshopCommand =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'choose'; choice: number }
  | { type: 'branch' }
  | { type: 'restart' }
  | { type: 'runTo'; month: number }
  | { type: 'goTo'; index: number };

export type WorkshopMessage = { kind: 'state'; state: WorkshopState } | { kind: 'command'; command: WorkshopCommand } | { kind: 'hello' };

export function channelName(workshopId: string): string {
  return `care-futures-workshop:${workshopId}`;
}

/** A channel, or none where the browser has no BroadcastChannel (the audience view then works alone). */
export function openChannel(workshopId: string, onMessage: (message: WorkshopMessage) => void): { post(message: WorkshopMessage): void; close(): void } {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(channelName(workshopId));
  channel.onmessage = (event: MessageEvent<WorkshopMessage>) => onMessage(event.data);
  return { post: (message) => channel.postMessage(message), close: () => channel.close() };
}
