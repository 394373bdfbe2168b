import { main } from '../../src/cli/main.js';

/** Run the CLI in-process, capturing stdout and stderr. `tty: true` pretends to be a terminal (human output). */
export async function runCli(
  args: string[],
  options: { tty?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const w1 = process.stdout.write.bind(process.stdout);
  const w2 = process.stderr.write.bind(process.stderr);
  const tty = process.stdout.isTTY;
  process.stdout.isTTY = Boolean(options.tty);
  process.stdout.write = ((s: string | Uint8Array) => (
    (stdout += String(s)),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => (
    (stderr += String(s)),
    true
  )) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = w1;
    process.stderr.write = w2;
    process.stdout.isTTY = tty;
  }
}
