/**
 * The HTML of a message Signet decrypted, reduced to what can be shown: an
 * allow-list of text elements and a few table attributes. Everything else goes:
 * scripts, styles and style attributes, forms and inputs, frames, objects,
 * meta and link elements, event handlers, and every URL (links keep their text
 * and show their target as a title; images stay only as their alt text), so
 * nothing is fetched and nothing can be clicked away to. The result is shown
 * only inside a sandboxed frame with a policy that forbids loading anything
 * (DecryptedBody.tsx): two walls, as a mail reader needs for a stranger's HTML.
 */

/** Elements kept, with their text; any other element is dropped with what it holds when DROP lists it, else replaced by its children. */
const KEEP = new Set([
  "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div", "dl", "dt", "em", "h1", "h2",
  "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
  "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
]);

/** Dropped whole, children and all: code, styles, embedded content, form controls, document metadata. */
const DROP = new Set([
  "script", "style", "link", "meta", "base", "title", "head", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
  "input", "button", "select", "textarea", "option", "svg", "math", "template", "noscript", "video", "audio", "source", "track", "canvas",
]);

/** Attributes kept on kept elements: layout of tables and text direction, nothing that names a URL or runs code. */
const KEEP_ATTRIBUTES = new Set(["colspan", "rowspan", "align", "valign", "dir", "lang"]);

function clean(source: Node, into: Node, doc: Document): void {
  for (const child of Array.from(source.childNodes)) {
    if (child.nodeType === 3) {
      into.appendChild(doc.createTextNode(child.textContent ?? ""));
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    const name = element.localName.toLowerCase();
    if (DROP.has(name)) continue;
    if (name === "img") {
      const alt = element.getAttribute("alt");
      if (alt) into.appendChild(doc.createTextNode(`[${alt}]`));
      continue;
    }
    if (!KEEP.has(name)) {
      clean(element, into, doc);
      continue;
    }
    const copy = doc.createElement(name);
    for (const attribute of Array.from(element.attributes)) {
      if (KEEP_ATTRIBUTES.has(attribute.name.toLowerCase())) copy.setAttribute(attribute.name, attribute.value);
    }
    // A link keeps its words; a web or mail target is shown as its title, never followed (a script URL is not shown).
    const href = name === "a" ? (element.getAttribute("href") ?? "").trim() : "";
    if (/^(https?|mailto):/i.test(href)) copy.setAttribute("title", href.slice(0, 500));
    clean(element, copy, doc);
    into.appendChild(copy);
  }
}

/** The sanitised markup of the document's body, as a string. */
export function sanitizeHtml(html: string): string {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  const out = document.implementation.createHTMLDocument("");
  const body = out.createElement("div");
  clean(parsed.body, body, out);
  // Serialised node by node (XMLSerializer): markup is made here from a clean tree, never parsed into the page.
  const serializer = new XMLSerializer();
  return Array.from(body.childNodes, (n) => serializer.serializeToString(n)).join("");
}

/**
 * The whole document for the sandboxed frame: a policy that loads nothing (RFC-less but
 * universal: Content-Security-Policy in a meta element), the page's own plain style, and the
 * sanitised body.
 */
export function sandboxDocument(html: string): string {
  const policy = "default-src 'none'; style-src 'unsafe-inline'";
  const style = "body{font:14px/1.45 system-ui,sans-serif;margin:8px;color:#111;background:#fff;overflow-wrap:anywhere}table{border-collapse:collapse}td,th{padding:2px 4px}";
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}"><style>${style}</style></head><body>${sanitizeHtml(html)}</body></html>`;
}
