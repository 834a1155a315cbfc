/**
 * Where the banner lives in a message's page, so that nothing the message
 * draws can cover it. A message's HTML and CSS (no script needed) can put a
 * `position: fixed` box with the highest z-index over anything injected into
 * its document (measured in Thunderbird 153.8), and a shadow root
 * does not change that: stacking is decided in the page. So:
 *
 * - The banner is shown in the top layer (a manual popover, HTML Living
 *   Standard section 6.12), which is painted above the whole document, whatever
 *   z-index, transform or pseudo-element the page uses. Only another top-layer
 *   element could go above it; a page without script can open one only when
 *   the reader clicks a popover button, and the banner then raises itself again.
 * - The message body is confined: its own stacking context and containing block
 *   (isolation, a transform, position), so its fixed and z-indexed content stays
 *   inside the body's box. Where there is no top layer this alone keeps the
 *   banner, which stands outside the body, on top; overflow is not clipped, so
 *   nothing of the message is hidden.
 * - The banner's own look is fixed by the shadow root's `:host` rules marked
 *   important, which win over every rule of the page (CSS Cascade 5 section
 *   6.1: for important declarations the inner context wins), and its
 *   ::before/::after/::backdrop, which the page could style, are turned off.
 * - The page's top gets the banner's height as padding, so the banner hides none of the message.
 *
 * No imports: this runs in every displayed message and is also loaded on its
 * own by the Chromium test of hostile pages.
 */

export interface BannerHost {
  host: HTMLElement;
  /** Where the view renders: a container inside the closed shadow root, beside its stylesheet. */
  container: HTMLElement;
  /** Whether the banner is in the top layer (else it relies on the body's confinement). */
  topLayer: boolean;
}

const HOST_RULES = `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: 0 0 auto 0 !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  width: auto !important;
  height: auto !important;
  max-height: none !important;
  overflow: visible !important;
  background: transparent !important;
  opacity: 1 !important;
  visibility: visible !important;
  transform: none !important;
  filter: none !important;
  clip-path: none !important;
  z-index: 2147483647 !important;
}
:host::before, :host::after { content: none !important; display: none !important; }
:host::backdrop { display: none !important; }
`;

/** The body's confinement (see above): each set inline and important, so no rule of the page can undo it. */
const BODY_CONFINEMENT: [string, string][] = [
  ["isolation", "isolate"],
  ["position", "relative"],
  ["z-index", "0"],
  ["transform", "translate(0px, 0px)"],
];

export function mountBannerHost(doc: Document): BannerHost {
  const host = doc.createElement("div");
  host.setAttribute("data-signet", "banner");
  const shadow = host.attachShadow({ mode: "closed" });
  const style = doc.createElement("style");
  style.textContent = HOST_RULES;
  const container = doc.createElement("div");
  shadow.append(style, container);
  // Outside the body, so the body's confinement does not hold the banner too.
  doc.documentElement.insertBefore(host, doc.body);
  if (doc.body) for (const [property, value] of BODY_CONFINEMENT) doc.body.style.setProperty(property, value, "important");

  const topLayer = typeof host.showPopover === "function";
  if (topLayer) {
    host.popover = "manual";
    host.showPopover();
    // A popover the reader opened from the message goes above: the banner goes back on top of it.
    doc.addEventListener(
      "toggle",
      (event) => {
        if (event.target === host || !host.isConnected) return;
        host.hidePopover();
        host.showPopover();
      },
      true,
    );
  }
  // The banner's height as the page's top padding, kept as the banner changes (local answer, then final).
  const reserve = (): void => doc.documentElement.style.setProperty("padding-top", `${Math.ceil(host.getBoundingClientRect().height)}px`, "important");
  new ResizeObserver(reserve).observe(container);
  reserve();
  return { host, container, topLayer };
}
