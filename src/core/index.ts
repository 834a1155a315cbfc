/** The core's public surface, for hosts, the CLI and the UI. */
export { inspectMessage, type InspectOptions } from "./inspect.js";
export type { Ports, Clock, Fetcher, Store, HostDecrypt, FetchRequest, FetchResult } from "./ports.js";
export { systemClock } from "./ports.js";
export { DEFAULT_LIMITS, type Limits } from "./limits.js";
export { ISSUE_CODES, type IssueCode } from "./report/codes.js";
export type * from "./report/types.js";
export { isMbox, splitMbox } from "./mime/mbox.js";
