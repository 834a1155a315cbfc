/**
 * The `signet` command: parses the first word and hands the rest to its command; exit statuses
 * in exit-status.ts. Each command's module is loaded only when it runs, so that `signet inspect`
 * does not pay for the server behind `signet serve` (Fastify, undici, ioredis: about 240 ms of
 * loading on the machines the README's figures come from).
 */
import { packageVersion } from "./version.js";
import { EXIT } from "./exit-status.js";
import { UsageError } from "./args.js";

type Print = (s: string) => void;

interface Command {
  run(argv: readonly string[], out: Print, err: Print): Promise<number>;
  usage: string;
}

const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  inspect: async () => {
    const m = await import("./inspect-command.js");
    return { run: m.inspectCommand, usage: m.INSPECT_USAGE };
  },
  audit: async () => {
    const m = await import("./audit-command.js");
    return { run: m.auditCommand, usage: m.AUDIT_USAGE };
  },
  trust: async () => {
    const m = await import("./trust-command.js");
    return { run: m.trustCommand, usage: m.TRUST_USAGE };
  },
  keys: async () => {
    const m = await import("./keys-command.js");
    return { run: m.keysCommand, usage: m.KEYS_USAGE };
  },
  correspondents: async () => {
    const m = await import("./correspondents-command.js");
    return { run: m.correspondentsCommand, usage: m.CORRESPONDENTS_USAGE };
  },
  serve: async () => {
    const m = await import("./serve-command.js");
    return { run: m.serveCommand, usage: m.SERVE_USAGE };
  },
};

const SUMMARY = `usage: signet <command> ...
       signet --help | --version
commands:
  inspect FILE...|-  report the S/MIME security of messages (.eml or mbox)
  audit MBOX...      summarise an archive: verdicts, issues, signers' algorithms and expiry
  trust ...         list and change the trust anchors
  keys ...          your own keys and certificates, for decryption
  correspondents ... the certificates of people whose signed mail you inspected
  serve ...         the Outlook task pane's HTTPS host and revocation relay`;

async function usage(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  return [SUMMARY, ...commands.map((c) => c.usage)].join("\n\n");
}

export async function main(argv: readonly string[]): Promise<number> {
  const out = (s: string): void => void process.stdout.write(s.endsWith("\n") ? s : s + "\n");
  const err = (s: string): void => void process.stderr.write(s + "\n");
  const [command, ...rest] = argv;
  try {
    if (command === undefined) throw new UsageError(`a command is needed (${Object.keys(COMMANDS).join(", ").replace(/, (\w+)$/, " or $1")})`);
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (load) return await (await load()).run(rest, out, err);
    switch (command) {
      case "help":
      case "--help":
      case "-h":
        out(await usage());
        return EXIT.ok;
      case "--version":
        out(`signet ${packageVersion()}`);
        return EXIT.ok;
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
