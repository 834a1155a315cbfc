/**
 * The second stage of a staged inspection (inspect.ts inspectInStages): every signer's chain
 * judged again with the network (AIA for missing issuers, revocation), the message, its
 * signatures and the sender left as the first stage found them.
 */
import type { Issue, SignedLayer, SignerReport } from "../report/types.js";
import type { IssueSlot } from "../report/issues.js";
import { judgeChain, signerAnswer, type ChainJudging, type JudgedSigner } from "./judge-signers.js";

/** What the network changed: each slot's new issues and each signer's new report. */
export interface NetworkAnswers {
  slots: Map<IssueSlot, readonly Issue[]>;
  reports: Map<SignedLayer, Map<number, SignerReport>>;
}

/** Would the network change this signer's answer: a path whose revocation to ask, or a missing issuer AIA may fetch? */
export function networkMayChange(signer: JudgedSigner, judging: ChainJudging): boolean {
  return signer.answer.trust.path ? judging.policy.revocation !== "off" : (judging.trust.remote?.length ?? 0) > 0;
}

export async function judgeWithNetwork(signers: readonly JudgedSigner[], judging: ChainJudging): Promise<NetworkAnswers> {
  const answers: NetworkAnswers = { slots: new Map(), reports: new Map() };
  for (const signer of signers) {
    if (!networkMayChange(signer, judging)) continue;
    const { report, issues } = signerAnswer(signer, await judgeChain(signer, signer.certificate, judging, signer.answer));
    answers.slots.set(signer.slot, issues);
    const layer = answers.reports.get(signer.layer) ?? new Map<number, SignerReport>();
    layer.set(signer.where.signer, report);
    answers.reports.set(signer.layer, layer);
  }
  return answers;
}
