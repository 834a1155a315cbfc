#!/usr/bin/env node
// Entry point for `npx signet`: the bundled CLI (dist/cli, which npm ci builds through `prepare`).
import "../dist/cli/signet.js";
