/** A command run with its stdout and stderr kept (progress unthrottled), for the runner tests. */
export interface CapturedIo {
  stdout: (t: string) => void;
  stderr: (t: string) => void;
  progressIntervalMs: number;
}

export async function capture(run: (io: CapturedIo) => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run({ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progressIntervalMs: 0 });
  return { code, stdout, stderr };
}
