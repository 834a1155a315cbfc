/** Runs one of webpack.config.js's configurations through webpack's Node API, for tests that need a bundle. */
import webpack from "webpack";
import config from "../../webpack.config.js";

type ConfigFactory = (env: Record<string, unknown>, argv: { mode: string }) => webpack.Configuration[];

export async function buildBundle(name: string, env: Record<string, unknown> = {}): Promise<void> {
  const found = (config as ConfigFactory)(env, { mode: "production" }).find((c) => c.name === name);
  if (!found) throw new Error(`webpack.config.js has no configuration named ${name}`);
  const stats = await new Promise<webpack.Stats>((done, fail) => webpack(found, (err, s) => (err || !s ? fail(err ?? new Error("no stats")) : done(s))));
  const errors = stats.toJson({ errors: true }).errors ?? [];
  if (errors.length) throw new Error(`webpack ${name}: ${errors.map((e) => e.message).join("\n")}`);
}
