/**
 * The banner above a displayed message. It runs inside the message's page, so
 * it renders into a closed shadow root: the message's HTML and CSS can neither
 * restyle it nor read it. It holds no core code: the background inspects and
 * this script only asks and renders.
 */
import { render } from "preact";
// Straight from the modules, not ../../ui/index.js: the banner loads into every message, so it carries only its own view.
import { Banner } from "../../ui/components/Banner.js";
import { UiContext, type UiServices } from "../../ui/context.js";
import { catalogueFor } from "../../ui/messages/catalogue.js";
import type { InspectionState } from "../shared/inspection.js";
import { TEST_BUILD } from "./build-flags.js";
import { ask } from "./client.js";
import { tb } from "./messenger.js";

const host = document.createElement("div");
host.setAttribute("data-signet", "banner");
// Above the message and out of its flow control: a message cannot push it away with its own layout.
host.style.cssText = "all: initial; display: block; position: relative; z-index: 2147483647; margin: 0 0 4px;";
const shadow = host.attachShadow({ mode: "closed" });
document.body.prepend(host);

const services: UiServices = {
  catalogue: catalogueFor(tb().i18n.getUILanguage()),
  openDetails: () => void ask({ command: "open-details" }),
};

function show(state: InspectionState): void {
  render(
    <UiContext.Provider value={services}>
      <Banner {...state} />
    </UiContext.Provider>,
    shadow,
  );
  if (TEST_BUILD) void tb().runtime.sendMessage({ test: "banner-shown", at: Date.now(), verdict: state.report?.verdict ?? null, pending: state.pending, text: shadow.querySelector(".banner")?.textContent ?? "", subject: state.report?.message.subject ?? null });
}

async function main(): Promise<void> {
  show({ report: null, pending: true });
  try {
    const local = await ask({ command: "banner-state", wait: false });
    show(local);
    if (local.pending) show(await ask({ command: "banner-state", wait: true }));
  } catch (e) {
    show({ report: null, pending: false, error: e instanceof Error ? e.message : String(e) });
  }
}
void main();
