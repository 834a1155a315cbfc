/**
 * One of the worker threads `signet inspect` and `signet audit` inspect on (inspectors.ts):
 * sets up trust as the main thread would (inspect-settings.ts, from the settings it is given)
 * and inspects the messages it is sent, answering each with its report. For audit the
 * certificates' DER is left out of the answer: the summary never shows it, and it is most of a
 * report's size.
 */
import { parentPort, workerData } from "node:worker_threads";
import { inspectMessage, inspectTooLarge, type SecurityReport } from "../core/index.js";
import { inspectSetup, type InspectSettings } from "./inspect-settings.js";

export interface WorkerRequest {
  id: number;
  /** The message; absent for one skipped for its size. */
  bytes?: Uint8Array;
  size?: number;
}

export interface WorkerAnswer {
  id: number;
  report: SecurityReport;
}

/** The report without the certificates' DER (derBase64), which the summary does not use; changed in place. */
export function withoutDer(report: SecurityReport): SecurityReport {
  for (const layer of report.layers) {
    if (layer.kind !== "signed") continue;
    for (const signer of layer.signers) {
      if (signer.certificate) delete signer.certificate.derBase64;
      for (const c of signer.chain) delete c.derBase64;
    }
  }
  return report;
}

if (parentPort) {
  const port = parentPort;
  const { settings, keepDer } = workerData as { settings: InspectSettings; keepDer: boolean };
  const { options, ports } = await inspectSetup(settings);
  port.on("message", (request: WorkerRequest) => {
    const run = request.bytes ? inspectMessage(request.bytes, ports, options) : inspectTooLarge(request.size ?? 0, ports, options);
    void run.then((report) => port.postMessage({ id: request.id, report: keepDer ? report : withoutDer(report) } satisfies WorkerAnswer));
  });
}
