/** The Store port in memory, as tests use it (DESIGN.md: "tests use memory"): the demo page's own. */
export { MemoryStore } from "../../src/hosts/shared/memory-store.js";
