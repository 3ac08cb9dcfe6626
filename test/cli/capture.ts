/** Runs a command's main function with its output captured: the exit code, stdout and stderr. */
import type { CliIo } from '../../sim/cli/prepare';

type Main = (argv: readonly string[], env: Record<string, string | undefined>, io: CliIo) => Promise<number>;

export async function captured(main: Main, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), progressIntervalMs: 1e9 });
  return { code, stdout, stderr };
}
