/**
 * Where `signet audit` inspects messages: worker threads, so every core is used on a large
 * archive, and this thread too, which would otherwise only read and add up. Each worker sets up
 * its own trust from the same settings; a message goes to the least busy inspector, and its bytes
 * are transferred to a worker, not copied, when the message owns its buffer. This thread counts as one of the `jobs`: one isolate
 * fewer: bench/archive.mjs's 20,000-message archive peaked at 235 MiB this way against 314 MiB with
 * two workers beside an idle main thread, at the same speed (619 and 620 messages/s).
 */
import type { Worker } from "node:worker_threads";
import type { SecurityReport } from "../core/index.js";
import type { WorkerAnswer, WorkerRequest } from "./audit-worker.js";

export type Message = { bytes: Uint8Array } | { size: number };

interface Slot {
  busy: number;
  run(message: Message): Promise<SecurityReport>;
}

export class InspectorPool {
  private readonly slots: Slot[];
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { worker: Worker; resolve: (r: SecurityReport) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  /**
   * `workers` threads made by `start`, each running audit-worker.ts: written by the caller as
   * `new Worker(new URL("./audit-worker.js", import.meta.url), ...)`, the form bundlers follow;
   * `here` inspects on this thread.
   */
  constructor(workers: number, start: () => Worker, here: (message: Message) => Promise<SecurityReport>) {
    this.slots = [{ busy: 0, run: here }];
    for (let i = 0; i < workers; i++) {
      const worker = start();
      this.workers.push(worker);
      worker.on("message", (answer: WorkerAnswer) => {
        const w = this.waiting.get(answer.id);
        if (!w) return;
        this.waiting.delete(answer.id);
        w.resolve(answer.report);
      });
      // A worker that dies is a bug (the core never throws): every message it held fails the run, loudly.
      const fail = (e: Error): void => {
        this.failure ??= e;
        for (const [id, w] of this.waiting) {
          if (w.worker !== worker) continue;
          this.waiting.delete(id);
          w.reject(e);
        }
      };
      worker.on("error", fail);
      worker.on("exit", (code) => {
        if (code !== 0) fail(new Error(`an inspection worker stopped (exit code ${code})`));
      });
      this.slots.push({ busy: 0, run: (message) => this.post(worker, message) });
    }
  }

  private post(worker: Worker, message: Message): Promise<SecurityReport> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<SecurityReport>((resolve, reject) => {
      this.waiting.set(id, { worker, resolve, reject });
      if ("bytes" in message) {
        // Only a buffer the message has to itself is handed over: one it shares (Node's pool for small
        // Buffers, a window on a larger read) is copied, since transferring it would empty the others.
        const b = message.bytes;
        const own = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? b : b.slice();
        worker.postMessage({ id, bytes: own } satisfies WorkerRequest, [own.buffer as ArrayBuffer]);
      }
      else worker.postMessage({ id, size: message.size } satisfies WorkerRequest);
    });
  }

  /** Inspects a message on the least busy inspector (a buffer handed to a worker is unusable here after). */
  async inspect(message: Message): Promise<SecurityReport> {
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    try {
      return await slot.run(message);
    } finally {
      slot.busy--;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
