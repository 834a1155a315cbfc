/** The `signet` command: parses the first word and hands the rest to its command; exit statuses in exit-status.ts. */
import { packageVersion } from "./version.js";
import { EXIT } from "./exit-status.js";
import { inspectCommand, INSPECT_USAGE } from "./inspect-command.js";
import { trustCommand, TRUST_USAGE } from "./trust-command.js";
import { keysCommand, KEYS_USAGE } from "./keys-command.js";
import { correspondentsCommand, CORRESPONDENTS_USAGE } from "./correspondents-command.js";
import { serveCommand, SERVE_USAGE } from "./serve-command.js";
import { UsageError } from "./args.js";

const USAGE = `usage: signet <command> ...
       signet --help | --version
commands:
  inspect FILE...|-  report the S/MIME security of messages (.eml or mbox)
  trust ...         list and change the trust anchors
  keys ...          your own keys and certificates, for decryption
  correspondents ... the certificates of people whose signed mail you inspected
  serve ...         the Outlook task pane's HTTPS host and revocation relay

${INSPECT_USAGE}

${TRUST_USAGE}

${KEYS_USAGE}

${CORRESPONDENTS_USAGE}

${SERVE_USAGE}`;


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
      case "keys":
        return await keysCommand(rest, out);
      case "correspondents":
        return await correspondentsCommand(rest, out);
      case "serve":
        return await serveCommand(rest, out);
      case "help":
      case "--help":
      case "-h":
        out(USAGE);
        return EXIT.ok;
      case "--version":
        out(`signet ${packageVersion()}`);
        return EXIT.ok;
      case undefined:
        throw new UsageError("a command is needed (inspect, trust, keys, correspondents or serve)");
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      // One line that says what was wrong, and where the rest is: help buried under it would hide it.
      err(`signet: ${e.message}\nTry 'signet --help'.`);
      return EXIT.usage;
    }
    throw e;
  }
}
