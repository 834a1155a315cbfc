// Lint rules that keep the architecture true without anyone remembering it
// (DESIGN.md "Imports flow one way"): src/core uses no DOM, no host APIs, no
// Node-only modules and nothing above it; src/ui uses no host APIs.
import tseslint from "typescript-eslint";

const NODE_MODULES = [
  "assert", "buffer", "child_process", "cluster", "crypto", "dgram", "dns", "events", "fs", "fs/promises", "http", "http2",
  "https", "module", "net", "os", "path", "perf_hooks", "process", "readline", "stream", "tls", "url", "util", "vm",
  "worker_threads", "zlib",
];

const HOST_GLOBALS = [
  { name: "browser", message: "Host API: reach it through a port or the host adapter." },
  { name: "messenger", message: "Host API: reach it through a port or the host adapter." },
  { name: "Office", message: "Host API: reach it through a port or the host adapter." },
];

const CORE_GLOBALS = [
  ...HOST_GLOBALS,
  ...["window", "document", "navigator", "localStorage", "sessionStorage", "indexedDB", "XMLHttpRequest"].map((name) => ({
    name,
    message: "src/core is host-free: no DOM or browser storage.",
  })),
  { name: "fetch", message: "src/core reaches the network only through the Fetcher port." },
  ...["process", "Buffer", "require", "__dirname", "__filename", "global"].map((name) => ({
    name,
    message: "src/core must run in browsers: no Node-only globals.",
  })),
];

const restrictImports = (extra) => ({
  paths: [...NODE_MODULES, "webextension-polyfill", ...extra].map((name) => ({ name, message: "Not allowed in this layer." })),
  patterns: [
    { group: ["node:*"], message: "Node-only modules are not allowed in this layer." },
    { group: ["**/hosts/**", "**/cli/**", "**/server/**"], message: "Imports flow one way: hosts, cli and server import ui and core, never the reverse." },
  ],
});

export default tseslint.config(
  { ignores: ["node_modules/**", "build/**", "dist/**", "test-output/**", ".stryker-tmp/**", "reports/**", "fuzz-out/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // Mail is hostile: text is rendered as text, never parsed as HTML (the addons-linter allow-list relies on it).
      "no-restricted-syntax": ["error", { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: "Render text, not HTML." }, { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: "Render text, not HTML." }],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", ...CORE_GLOBALS],
      "no-restricted-imports": [
        "error",
        {
          ...restrictImports(["preact", "preact/hooks"]),
          patterns: [
            ...restrictImports([]).patterns,
            { group: ["**/ui/**"], message: "src/core imports nothing above it." },
          ],
        },
      ],
    },
  },
  {
    // The views get everything through props or the UiContext a host provides (DESIGN.md):
    // no host APIs, and from the core only types; the host runs the core.
    files: ["src/ui/**/*.ts", "src/ui/**/*.tsx"],
    rules: {
      "no-restricted-globals": ["error", ...HOST_GLOBALS],
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          ...restrictImports([]),
          patterns: [
            ...restrictImports([]).patterns,
            { group: ["**/core/**"], allowTypeImports: true, message: "src/ui imports only types from the core; the host runs the core." },
          ],
        },
      ],
    },
  },
  {
    // The Outlook pane reads the Office global in its entry only; everything else asks the mailbox façade
    // (office-mailbox.ts), which is handed the global, so the tests stub Office at that one seam.
    files: ["src/hosts/outlook/**/*.ts", "src/hosts/outlook/**/*.tsx"],
    ignores: ["src/hosts/outlook/taskpane.tsx"],
    rules: {
      "no-restricted-globals": ["error", { name: "Office", message: "Reach Outlook through the mailbox façade (office-mailbox.ts)." }],
    },
  },
);
