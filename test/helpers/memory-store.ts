/** The Store port in memory, as tests use it: the demo page's own. */
export { MemoryStore } from "../../src/hosts/shared/memory-store.js";
