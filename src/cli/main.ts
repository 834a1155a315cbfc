/** The `signet` command. Exit 0 when every message was inspected, whatever it says; 2 for usage errors. */
import { inspectCommand, INSPECT_USAGE } from "./inspect-command.js";
import { trustCommand, TRUST_USAGE } from "./trust-command.js";
import { UsageError } from "./args.js";

const USAGE = `usage: signet <command> ...
commands:
  inspect FILE...   report the S/MIME security of messages (.eml or mbox)
  trust ...         list and change the trust anchors

${INSPECT_USAGE}

${TRUST_USAGE}`;

export async function main(argv: readonly string[]): Promise<number> {
  const out = (s: string): void => void process.stdout.write(s.endsWith("\n") ? s : s + "\n");
  const err = (s: string): void => void process.stderr.write(s + "\n");
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "inspect":
        return await inspectCommand(rest, out, err);
      case "trust":
        return await trustCommand(rest, out);
      case undefined:
      case "help":
      case "--help":
        out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`signet: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}
