/**
 * Worker threads that inspect messages for `signet audit`, so every core is used
 * on a large archive. Each worker sets up its own trust from the same settings;
 * messages go to the least busy one, and their bytes are transferred, not copied.
 */
import type { Worker } from "node:worker_threads";
import type { SecurityReport } from "../core/index.js";
import type { WorkerAnswer, WorkerRequest } from "./audit-worker.js";

interface Slot {
  worker: Worker;
  busy: number;
}

export class InspectorPool {
  private readonly slots: Slot[];
  private readonly waiting = new Map<number, { slot: Slot; resolve: (r: SecurityReport) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  /**
   * `start` makes one worker running audit-worker.ts: written by the caller as
   * `new Worker(new URL("./audit-worker.js", import.meta.url), ...)`, the form bundlers follow.
   */
  constructor(size: number, start: () => Worker) {
    this.slots = Array.from({ length: size }, () => {
      const slot: Slot = { worker: start(), busy: 0 };
      slot.worker.on("message", (answer: WorkerAnswer) => {
        const w = this.waiting.get(answer.id);
        if (!w) return;
        this.waiting.delete(answer.id);
        w.slot.busy--;
        w.resolve(answer.report);
      });
      // A worker that dies is a bug (the core never throws): every message it held fails the run, loudly.
      const fail = (e: Error): void => {
        this.failure ??= e;
        for (const [id, w] of this.waiting) {
          if (w.slot !== slot) continue;
          this.waiting.delete(id);
          w.reject(e);
        }
      };
      slot.worker.on("error", fail);
      slot.worker.on("exit", (code) => {
        if (code !== 0) fail(new Error(`an inspection worker stopped (exit code ${code})`));
      });
      return slot;
    });
  }

  get inFlight(): number {
    return this.waiting.size;
  }

  /** Inspects a message (its buffer is handed to the worker and unusable here after), or reports one skipped for its size. */
  inspect(message: { bytes: Uint8Array } | { size: number }): Promise<SecurityReport> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise<SecurityReport>((resolve, reject) => {
      this.waiting.set(id, { slot, resolve, reject });
      if ("bytes" in message) {
        const request: WorkerRequest = { id, bytes: message.bytes };
        slot.worker.postMessage(request, [message.bytes.buffer as ArrayBuffer]);
      } else slot.worker.postMessage({ id, size: message.size } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
