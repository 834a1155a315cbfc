/**
 * Whether the banner is what a reader sees at its place: the page is asked,
 * at points spread over the banner's box, which element is on top there
 * (elementFromPoint answers for the shadow host, since the shadow root is
 * closed). Used by the test build's banner and by the Chromium test of
 * hostile pages; no imports, for the same reason as banner-host.ts.
 */
export interface BannerGeometry {
  /** The banner's box in the viewport, CSS pixels. */
  rect: { top: number; left: number; width: number; height: number };
  /** The page's visible area, without scroll bars. */
  viewport: { width: number; height: number };
  topLayer: boolean;
  /** Points probed inside the banner, and those where something else is on top (with what it is). */
  probes: number;
  coveredAt: { x: number; y: number; by: string }[];
}

export function bannerGeometry(doc: Document, host: Element, topLayer: boolean): BannerGeometry {
  const r = host.getBoundingClientRect();
  const coveredAt: BannerGeometry["coveredAt"] = [];
  let probes = 0;
  // A 7 x 3 grid, 2 px inside the edges.
  for (let i = 0; i < 7; i++) {
    for (let j = 0; j < 3; j++) {
      const x = r.left + 2 + ((r.width - 4) * i) / 6;
      const y = r.top + 2 + ((r.height - 4) * j) / 2;
      probes++;
      const top = doc.elementFromPoint(x, y);
      if (top !== host) coveredAt.push({ x: Math.round(x), y: Math.round(y), by: top ? `${top.tagName.toLowerCase()}${top.id ? `#${top.id}` : ""}` : "nothing" });
    }
  }
  return {
    rect: { top: r.top, left: r.left, width: r.width, height: r.height },
    // Without the scroll bar: the banner spans what the page can show.
    viewport: { width: doc.documentElement.clientWidth, height: doc.documentElement.clientHeight },
    topLayer,
    probes,
    coveredAt,
  };
}
