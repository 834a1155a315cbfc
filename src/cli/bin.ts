/** The `signet` program: runs the command line and leaves its exit status for Node to return. */
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
