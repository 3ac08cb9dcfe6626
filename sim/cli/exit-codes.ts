/** Exit codes of every command (`npm run sim`, `compare`, `merge`), as the usage texts and the README state them. */
export const EXIT = { ok: 0, invalidInput: 1, badArguments: 2, internal: 70, cannotWrite: 74 } as const;

export const EXIT_CODES_TEXT = `Exit codes: 0 done; 1 invalid input (scenario, lever timeline, parts to merge, or a run
whose figures overflow); 2 bad arguments; 70 internal error; 74 the output could not be
written (missing folder, permission, disk full). On failure an --out file is left as it was.`;
