/** How the add-on's pages (banner, popup, options) ask the background. */
import type { Command, Reply, Request, Responses } from "./protocol.js";
import { tb } from "./messenger.js";

export async function ask<C extends Command>(request: Extract<Request, { command: C }>): Promise<Responses[C]> {
  const reply = await tb().runtime.sendMessage<Reply<C> | undefined>(request);
  if (!reply) throw new Error("Signet's background did not answer");
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
