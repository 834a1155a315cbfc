#!/usr/bin/env node
// Entry point for `npx signet`: runs the compiled CLI (npm ci builds it through `prepare`).
import { main } from "../build/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
