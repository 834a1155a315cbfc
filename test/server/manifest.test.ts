/**
 * manifest.xml, checked structurally (office-addin-manifest's validator posts
 * the file to a Microsoft service, which these machines cannot reach; HOSTS.md):
 * well-formed XML, each element's children in the order of Microsoft's schema
 * (OfficeAppManifestV1_1.xsd for MailApp, MailAppVersionOverridesV1_0/V1_1.xsd,
 * OfficeAppBasicTypesV1_0.xsd), the required elements, string lengths, HTTPS URLs
 * all on one origin, icons at the sizes the manifest names, and the URLs
 * `signet serve` rewrites to its own origin.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { MANIFEST_DEV_ORIGIN, rewriteManifest } from "../../src/server/manifest.js";

const root = resolve(import.meta.dirname, "../..");
const source = readFileSync(join(root, "manifest.xml"), "utf8");

function parse(xml: string): Document {
  const doc = new new Window().DOMParser().parseFromString(xml, "application/xml") as unknown as Document;
  if (doc.getElementsByTagName("parsererror").length) throw new Error("manifest.xml is not well-formed");
  return doc;
}

const doc = parse(source);
const office = doc.documentElement;
const children = (e: Element): Element[] => [...e.children];
const names = (e: Element): string[] => children(e).map((c) => c.localName);
const child = (e: Element, name: string): Element => {
  const found = children(e).find((c) => c.localName === name);
  if (!found) throw new Error(`<${e.localName}> has no <${name}>`);
  return found;
};

/** Whether `actual` follows the order of `sequence` (each name at most where the schema allows it; repeats only where it allows them). */
function inSchemaOrder(actual: string[], sequence: string[], repeatable: string[] = []): boolean {
  let at = 0;
  for (const name of actual) {
    const found = sequence.indexOf(name, at);
    if (found === -1) return false;
    at = found + (repeatable.includes(name) ? 0 : 1);
  }
  return true;
}

// OfficeApp's sequence, then MailApp's extension of it (OfficeAppManifestV1_1.xsd).
const OFFICE_APP = ["Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts"];
const MAIL_APP = ["Requirements", "FormSettings", "Permissions", "Rule", "DisableEntityHighlighting", "VersionOverrides"];
// VersionOverridesV1_0 and V1_1 (MailAppVersionOverrides*.xsd) and the types they use.
const VERSION_OVERRIDES = ["Description", "Requirements", "Hosts", "Resources", "VersionOverrides"];
const RESOURCES = ["Images", "Urls", "ShortStrings", "LongStrings"];
const BUTTON = ["Label", "Supertip", "Icon", "Action"];

describe("manifest.xml", () => {
  it("is well-formed, an OfficeApp of type MailApp in the 1.1 namespace", () => {
    expect(office.localName).toBe("OfficeApp");
    expect(office.namespaceURI).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(office.getAttribute("xsi:type")).toBe("MailApp");
    expect(() => parse(source.replace("</Hosts>", ""))).toThrow(/not well-formed/);
  });

  it("has its elements in the schema's order, with every required one present", () => {
    expect(inSchemaOrder(names(office), [...OFFICE_APP, ...MAIL_APP])).toBe(true);
    for (const required of ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "Requirements", "FormSettings"]) expect(names(office)).toContain(required);
    // The checker can fail: two elements swapped, or one repeated, are out of order.
    expect(inSchemaOrder(["Id", "ProviderName", "Version"], OFFICE_APP)).toBe(false);
    expect(inSchemaOrder(["Id", "Id"], OFFICE_APP)).toBe(false);
    const v10 = child(office, "VersionOverrides");
    expect(v10.namespaceURI).toBe("http://schemas.microsoft.com/office/mailappversionoverrides");
    expect(v10.getAttribute("xsi:type")).toBe("VersionOverridesV1_0");
    const v11 = child(v10, "VersionOverrides");
    expect(v11.namespaceURI).toBe("http://schemas.microsoft.com/office/mailappversionoverrides/1.1");
    expect(v11.getAttribute("xsi:type")).toBe("VersionOverridesV1_1");
    for (const vo of [v10, v11]) {
      expect(inSchemaOrder(names(vo), VERSION_OVERRIDES)).toBe(true);
      expect(inSchemaOrder(names(child(vo, "Resources")), RESOURCES)).toBe(true);
      const button = [...vo.getElementsByTagName("Control")].find((c) => c.getAttribute("xsi:type") === "Button")!;
      expect(inSchemaOrder(names(button), BUTTON)).toBe(true);
      expect(button.parentElement!.localName).toBe("Group");
      expect(names(button.parentElement!)[0]).toBe("Label");
      const point = button.closest("ExtensionPoint")!;
      expect(point.getAttribute("xsi:type")).toBe("MessageReadCommandSurface");
      expect(names(child(button, "Action"))[0]).toBe("SourceLocation");
    }
  });

  it("asks for read mode and ReadItem only, keeps its declared minimum low, and pins only through VersionOverrides 1.1", () => {
    expect(child(office, "Permissions").textContent).toBe("ReadItem");
    expect(child(office, "Rule").getAttribute("ItemType")).toBe("Message");
    expect(child(office, "Rule").getAttribute("FormType")).toBe("Read");
    const form = child(child(office, "FormSettings"), "Form");
    expect(form.getAttribute("xsi:type")).toBe("ItemRead");
    const set = child(child(child(office, "Requirements"), "Sets"), "Set");
    expect([set.getAttribute("Name"), set.getAttribute("MinVersion")]).toEqual(["Mailbox", "1.1"]);
    const pinning = [...doc.getElementsByTagName("SupportsPinning")];
    expect(pinning.map((p) => [p.textContent, p.closest("VersionOverrides")!.getAttribute("xsi:type")])).toEqual([["true", "VersionOverridesV1_1"]]);
    const heights = Number(child(child(form, "DesktopSettings"), "RequestedHeight").textContent);
    expect(heights).toBeGreaterThanOrEqual(32);
    expect(heights).toBeLessThanOrEqual(450);
  });

  it("keeps its strings within the schema's lengths, and its version in step with package.json", () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    expect(child(office, "Version").textContent).toBe(`${version}.0`);
    expect(child(office, "Id").textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const short = [child(office, "DisplayName"), ...doc.querySelectorAll("ShortStrings String")];
    const long = [child(office, "Description"), ...doc.querySelectorAll("LongStrings String")];
    for (const e of short) for (const v of [e.getAttribute("DefaultValue"), ...[...e.children].map((o) => o.getAttribute("Value"))]) expect(v!.length, v!).toBeLessThanOrEqual(125);
    for (const e of long) for (const v of [e.getAttribute("DefaultValue"), ...[...e.children].map((o) => o.getAttribute("Value"))]) expect(v!.length, v!).toBeLessThanOrEqual(250);
  });

  it("names only HTTPS URLs on one origin, every resource id it uses is defined, and every icon exists at its size", () => {
    const urls = [...source.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) expect(u.startsWith(`${MANIFEST_DEV_ORIGIN}/`), u).toBe(true);
    expect(child(child(office, "AppDomains"), "AppDomain").textContent).toBe(MANIFEST_DEV_ORIGIN);
    const defined = new Set([...doc.querySelectorAll("Resources [id]")].map((e) => e.getAttribute("id")));
    for (const ref of doc.querySelectorAll("[resid]")) expect(defined.has(ref.getAttribute("resid")), ref.getAttribute("resid")!).toBe(true);
    const icons = [...source.matchAll(/icons\/signet-(\d+)\.png/g)].map((m) => Number(m[1]));
    expect(new Set(icons)).toEqual(new Set([16, 32, 64, 80, 128]));
    for (const size of icons) {
      const png = readFileSync(join(root, "icons", `signet-${size}.png`));
      // The IHDR chunk's width and height (PNG specification section 11.2.2).
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    for (const [element, size] of [["IconUrl", 64], ["HighResolutionIconUrl", 128]] as const) expect(child(office, element).getAttribute("DefaultValue")).toBe(`${MANIFEST_DEV_ORIGIN}/icons/signet-${size}.png`);
  });

  it("as signet serve hands it out: every URL on the server's origin, the support URL as configured, still in schema order", () => {
    const served = rewriteManifest(source, { origin: "https://signet.example.org/", supportUrl: "https://help.example.org/signet?a=1&b=2" });
    const doc2 = parse(served);
    expect(served).not.toContain(MANIFEST_DEV_ORIGIN);
    expect(served).toContain('<SourceLocation DefaultValue="https://signet.example.org/taskpane.html"/>');
    expect(doc2.querySelector("SupportUrl")!.getAttribute("DefaultValue")).toBe("https://help.example.org/signet?a=1&b=2");
    expect(doc2.querySelector("AppDomain")!.textContent).toBe("https://signet.example.org");
    expect(inSchemaOrder(names(doc2.documentElement), [...OFFICE_APP, ...MAIL_APP])).toBe(true);
    // An origin cannot break out of its attribute.
    expect(() => parse(rewriteManifest(source, { origin: 'https://x.example"/><Evil a="' }))).not.toThrow();
    expect(rewriteManifest(source, { origin: 'https://x.example"/><Evil a="' })).not.toContain("<Evil");
  });
});
