// Browser bundles, one configuration each (`webpack --config-name NAME` builds one):
// No Node polyfills are configured, so any Node import in the core fails the build.
//   thunderbird  the add-on's scripts: background (with the core), banner, popup and
//                options (Preact and the views only; they ask the background)
//   demo         the demo page, with the core running in the page
//   outlook      the Outlook task pane, with the core running in the pane (scripts/package-outlook.mjs adds its pages and icons)
//   thunderbird-test (only with --env test) the banner and harness of the test build
//   cli          the signet command for Node (dist/cli): the core loads in about 120 ms bundled,
//                340 ms from its modules; `npm ci` builds it (prepare)
import path from "node:path";
import { fileURLToPath } from "node:url";
import webpack from "webpack";

const root = path.dirname(fileURLToPath(import.meta.url));

const common = (mode, name, outDir) => ({
  name,
  mode,
  target: "web",
  devtool: mode === "production" ? false : "source-map",
  // Code only some messages need (the bundled roots' DER, decryption, revocation) is imported on
  // demand (import() in the core) and lands in chunks named for it, which a page loads when asked.
  output: { path: path.join(root, "dist", outDir), filename: "[name].js", chunkFilename: "[name].js", clean: true },
  resolve: {
    extensions: [".ts", ".tsx", ".js"],
    // Sources import "./x.js" (NodeNext style); resolve those to the .ts(x) files.
    extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
    fallback: {},
  },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        // Types are checked by tsc (npm run build and npm test run it first); ts-loader only transpiles.
        // rootDir "." because the test build also bundles the harness in test/hosts/thunderbird-harness/.
        loader: "ts-loader",
        exclude: /node_modules/,
        // ES modules out, whatever tsconfig's NodeNext makes of a file on its own (transpileOnly cannot read
        // package.json's "type", and gave CommonJS): webpack then drops what no entry uses and splits import()s.
        options: {
          configFile: "tsconfig.json",
          onlyCompileBundledFiles: true,
          transpileOnly: true,
          compilerOptions: { sourceMap: mode !== "production", noEmit: false, rootDir: ".", module: "ESNext", moduleResolution: "Bundler" },
        },
      },
    ],
  },
  performance: { hints: false },
  // Every target has globalThis; without this webpack adds a `new Function("return this")` fallback (addons-linter: DANGEROUS_EVAL).
  node: { global: false },
});

const tb = (file) => `./src/hosts/thunderbird/${file}`;

/**
 * The command line as ES modules for Node. Each command stays its own chunk (main.ts imports them
 * on demand) and the audit worker its own entry, beside signet.js as in build/cli/. import.meta is
 * left for Node to fill in, so package.json and the pane's files are found from where the bundle
 * lies. The server's packages stay in node_modules: only `signet serve` loads them.
 */
const cli = (mode) => ({
  name: "cli",
  mode,
  target: "node20.19",
  devtool: false,
  // From tsc's output (build/, made first by prepare and build): no second TypeScript pass.
  entry: { signet: "./build/cli/bin.js", "audit-worker": "./build/cli/audit-worker.js" },
  experiments: { outputModule: true },
  output: { path: path.join(root, "dist", "cli"), filename: "[name].js", chunkFilename: "[name].js", module: true, chunkFormat: "module", clean: true },
  module: { parser: { javascript: { importMeta: false, url: false, worker: false } } },
  externalsType: "node-commonjs",
  externals: ["fastify", "@fastify/rate-limit", "undici", "ioredis", "ipaddr.js"],
  optimization: { minimize: mode === "production" },
  performance: { hints: false },
});

export default (env = {}, argv = {}) => {
  const mode = argv.mode ?? "production";
  const flags = (test) => new webpack.DefinePlugin({ __SIGNET_TEST__: JSON.stringify(test) });
  if (env.test) {
    return [
      {
        ...common(mode, "thunderbird-test", "thunderbird-test"),
        entry: { banner: tb("banner.tsx"), "test-harness": "./test/hosts/thunderbird-harness/harness.ts" },
        plugins: [flags(true)],
      },
    ];
  }
  return [
    {
      ...common(mode, "thunderbird", "thunderbird"),
      entry: { background: tb("background.ts"), banner: tb("banner.tsx"), popup: tb("popup.tsx"), options: tb("options.tsx") },
      plugins: [flags(false)],
    },
    {
      ...common(mode, "demo", "demo"),
      entry: { demo: "./src/hosts/demo/demo.tsx" },
    },
    {
      ...common(mode, "outlook", "outlook"),
      entry: { taskpane: "./src/hosts/outlook/taskpane.tsx" },
    },
    cli(mode),
  ];
};
