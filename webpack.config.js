// Browser bundles. For now the core alone, as a library the host adapters will
// load; building it proves src/core needs nothing from Node (no polyfills are
// configured, so any Node import fails the build). The Thunderbird and Outlook
// entries join here with their issues.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));

export default (_env, argv) => ({
  mode: argv.mode ?? "production",
  target: "web",
  devtool: "source-map",
  entry: { "signet-core": "./src/core/index.ts" },
  output: {
    path: path.join(root, "dist"),
    filename: "[name].js",
    library: { type: "module" },
    clean: true,
  },
  experiments: { outputModule: true },
  resolve: {
    extensions: [".ts", ".js"],
    // Sources import "./x.js" (NodeNext style); resolve those to the .ts files.
    extensionAlias: { ".js": [".ts", ".js"] },
    fallback: {},
  },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: "ts-loader",
        exclude: /node_modules/,
        options: { configFile: "tsconfig.json", onlyCompileBundledFiles: true, compilerOptions: { sourceMap: true, noEmit: false } },
      },
    ],
  },
  performance: { hints: false },
});
