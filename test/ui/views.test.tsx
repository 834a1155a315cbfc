// @vitest-environment happy-dom
/**
 * The shared views rendered into a DOM (happy-dom) from the core's reports of
 * the OpenSSL-made samples: what a reader sees, what is reachable by
 * keyboard, and that colour is never the only signal.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { describeCertificate, type RevocationProblem, type SecurityReport } from "../../src/core/index.js";
import { Banner, bannerWords, DE_CATALOGUE, EN_CATALOGUE, headline, loadCatalogue, ReportView, UiContext, type UiServices } from "../../src/ui/index.js";
import { signers } from "../helpers/inspect.js";
import { root, sampleReport } from "./reports.js";

const reports: Record<string, SecurityReport> = {};
let container: HTMLElement;

beforeAll(async () => {
  for (const name of ["01-signed-valid.eml", "03-tampered.eml", "08-unsigned.eml", "10-untrusted-signer.eml", "11-revoked.eml", "04-wrong-sender.eml"]) reports[name] = await sampleReport(name);
});

afterEach(() => {
  if (container) render(null, container);
  document.body.replaceChildren();
});

async function mount(node: preact.ComponentChild, services: UiServices = { catalogue: EN_CATALOGUE }): Promise<HTMLElement> {
  container = document.createElement("div");
  document.body.append(container);
  await act(() => {
    render(<UiContext.Provider value={services}>{node}</UiContext.Provider>, container);
  });
  return container;
}

const text = (e: Element | null | undefined): string => (e?.textContent ?? "").replace(/\s+/g, " ").trim();

describe("headline", () => {
  it("a valid, trusted message reads as verified only once the network answer is in", () => {
    const r = reports["01-signed-valid.eml"]!;
    expect(headline(r, false, EN_CATALOGUE)).toMatchObject({ tone: "verified", label: "Verified", title: "Signed by Alice Example <alice@example.org>" });
    expect(headline(r, true, EN_CATALOGUE)).toMatchObject({ tone: "checking", label: "Checking" });
  });

  it("a dangerous message stays dangerous while pending, and names the problem first", () => {
    const h = headline(reports["03-tampered.eml"]!, true, EN_CATALOGUE);
    expect(h.tone).toBe("danger");
    expect(h.title).toBe("The signed content was changed after signing.");
    expect(h.detail).toMatch(/^Signed by Alice Example <alice@example\.org>/);
  });

  it("with two signers, the problem of one is headed by that signer, not by the first", async () => {
    const base = await sampleReport("09-two-signers.eml");
    const layer = base.layers[0]!;
    if (layer.kind !== "signed") throw new Error("09-two-signers.eml is signed");
    // The second signature fails, as the core reports a changed digest for signer 1.
    const r: SecurityReport = {
      ...base,
      signature: "invalid",
      verdict: "danger",
      layers: [{ ...layer, signers: [layer.signers[0]!, { ...layer.signers[1]!, status: "invalid" }] }],
      issues: [{ code: "digest-mismatch", severity: "error", where: { layer: 0, signer: 1 }, params: {} }],
    };
    const second = layer.signers[1]!.certificate!;
    expect(headline(r, false, EN_CATALOGUE)).toMatchObject({
      title: "The signed content was changed after signing.",
      detail: `Signer 2 of 2: ${second.subject.match(/CN=([^,]+)/)![1]} <${second.emails[0]}>`,
    });
  });

  it("an unsigned message says so plainly", () => {
    expect(headline(reports["08-unsigned.eml"]!, false, EN_CATALOGUE)).toMatchObject({ tone: "none", title: "This message is neither signed nor encrypted." });
  });

  it("a display name the certificate does not support: the headline names who signed and what the reader is shown", async () => {
    const r = await sampleReport("01-signed-valid.eml", "The Manager <alice@example.org>");
    expect(headline(r, false, EN_CATALOGUE)).toMatchObject({
      tone: "warning",
      label: "Warning",
      title: 'Signed by alice@example.org, shown as "The Manager".',
      detail: "Signed by Alice Example <alice@example.org>",
    });
  });

  it("the host's language picks the catalogue by its base (de-AT is German); unknown languages fall back to English", async () => {
    expect(await Promise.all([loadCatalogue("de-DE"), loadCatalogue("de-AT"), loadCatalogue("de")])).toEqual([DE_CATALOGUE, DE_CATALOGUE, DE_CATALOGUE]);
    expect(await Promise.all([loadCatalogue("en-GB"), loadCatalogue("fr-FR"), loadCatalogue(undefined)])).toEqual([EN_CATALOGUE, EN_CATALOGUE, EN_CATALOGUE]);
  });
});

describe("Banner", () => {
  it("shows verdict word, signer and a Details button that asks the host", async () => {
    const openDetails = vi.fn();
    const el = await mount(<Banner words={bannerWords({ report: reports["11-revoked.eml"]!, pending: false }, EN_CATALOGUE)} openDetails={openDetails} />);
    const banner = el.querySelector('[role="status"]')!;
    expect(banner.getAttribute("data-verdict")).toBe("danger");
    expect(text(banner)).toMatch(/^✖ ?Danger/);
    expect(text(banner)).toMatch(/revoked on \d{4}-\d\d-\d\d \(reason: its private key was compromised\)/);
    const button = el.querySelector("button")!;
    expect(text(button)).toBe("Details");
    button.click();
    expect(openDetails).toHaveBeenCalledTimes(1);
  });

  it("leads with the reader's personal mark, in its colour and named for screen readers; an unprotected message's banner is grey, not green", async () => {
    const el = await mount(<Banner words={bannerWords({ report: reports["08-unsigned.eml"]!, pending: false }, EN_CATALOGUE)} mark={{ text: "🦉", colour: "#6a1b9a" }} />);
    const banner = el.querySelector('[role="status"]')!;
    const first = banner.firstElementChild as HTMLElement;
    expect([first.className, text(first), first.getAttribute("aria-label"), first.style.background]).toEqual(["mark", "🦉", "Your personal mark: 🦉", "#6a1b9a"]);
    expect(text(banner)).toMatch(/^🦉○ ?Not protected/);
    expect(banner.className).toBe("banner tone-none");
  });

  it("has no Details button when the host offers none, nor before the report; a placeholder then", async () => {
    const el = await mount(<Banner words={bannerWords({ report: null, pending: true }, EN_CATALOGUE)} openDetails={() => undefined} />);
    expect(el.querySelector("button")).toBeNull();
    expect(text(el.querySelector('[role="status"]'))).toMatch(/Checking.*Reading the message/);
  });
});

describe("ReportView", () => {
  it("puts the verdict first, then layers, signer, chain leaf to root, revocation and findings", async () => {
    const el = await mount(<ReportView report={reports["11-revoked.eml"]!} pending={false} />);
    const headings = [...el.querySelectorAll("h2, h3, h4")].map(text);
    expect(headings[0]).toMatch(/^A certificate in the chain was revoked on \d{4}-\d\d-\d\d \(reason: its private key was compromised\)\.$/);
    expect(headings.slice(1)).toEqual([
      "What is protected",
      "Signer 1: Carol Example <carol@example.org>",
      "Certificate chain",
      "Revocation",
      "Findings",
    ]);
    expect([...el.querySelectorAll(".chain button")].map(text)).toEqual(["Carol Example", "Signet Sample Root CA"]);
    expect(text(el.querySelector(".chain li"))).toMatch(/REVOKED/);
    expect(text(el.querySelector(".revocation li"))).toMatch(/Carol Example: REVOKED \(\d{4}-\d\d-\d\d, its private key was compromised\) · CRL in the message · as of/);
    expect([...el.querySelectorAll(".issue")].map((i) => i.getAttribute("data-code"))).toEqual(["revoked"]);
  });

  it("shows the From line as a mail client shows it, beside the certificate's address", async () => {
    const r = await sampleReport("01-signed-valid.eml", '"ceo@example.org" <alice@example.org>');
    const el = await mount(<ReportView report={r} pending={false} />);
    const identity = [...el.querySelectorAll(".signer dd")][1]!;
    expect([...identity.querySelectorAll(".badge, div")].map(text)).toEqual(["✖does not match the sender shown", 'From: "ceo@example.org" <alice@example.org>', "Certificate: alice@example.org"]);
    // The header is at fault, not the certificate: the chain shows no problem on it.
    expect(text(el.querySelector(".chain li"))).toBe("Alice Example✔no problem found");
    expect([...el.querySelectorAll(".issue")].map((i) => i.getAttribute("data-code"))).toEqual(["display-name-spoof"]);
    expect(text(el.querySelector("h2"))).toBe('The sender\'s name "ceo@example.org" shows the address ceo@example.org, but the message was signed by alice@example.org.');
  });

  it("the identity badge has the colour of the findings about the sender: red for an error, amber for a warning, green only with none", async () => {
    const badge = async (from: string) => {
      const r = await sampleReport("01-signed-valid.eml", from);
      const el = await mount(<ReportView report={r} pending={false} />);
      const b = [...el.querySelectorAll(".signer dd")][1]!.querySelector(".badge")!;
      const found = r.issues.map((i) => `${i.code}:${i.severity}`);
      render(null, container);
      return [b.getAttribute("data-tone"), text(b), found];
    };
    // Letter case only (RFC 5321 section 2.4 keeps the local part's case; the core says so as a warning).
    expect(await badge("Alice@example.org")).toEqual(["warning", "⚠see the findings about the sender", ["sender-mismatch:warning"]]);
    expect(await badge("The Manager <alice@example.org>")).toEqual(["warning", "⚠see the findings about the sender", ["display-name-unverified:warning"]]);
    expect(await badge("mallory@example.org")).toEqual(["danger", "✖does not match the sender shown", ["sender-mismatch:error"]]);
    expect(await badge("Alice Example <alice@example.org>")).toEqual(["verified", "✔matches the From address", []]);
  });

  it("says which header lines the signature does not cover, and shows those it does as the signer wrote them", async () => {
    const r = reports["01-signed-valid.eml"]!;
    const el = await mount(<ReportView report={r} pending={false} />);
    expect(text(el.querySelector(".headers-uncovered"))).toBe("Not covered by the signature, so anyone on the way could have changed them: Subject, To.");
    // The same report as if the signer had put the header inside (RFC 9788): the view shows the signer's values.
    const layer = { ...r.layers[0]!, protectedHeaders: { form: "hp=clear" as const, fields: [{ name: "subject", value: "Signed by Alice" }, { name: "message-id", value: "<x@y>" }, { name: "x-mailer", value: "z" }] }, uncoveredHeaders: ["to"] };
    const protectedView = await mount(<ReportView report={{ ...r, layers: [layer] }} pending={false} />);
    expect(text(protectedView.querySelector(".headers-covered"))).toBe("Header lines the signature covers (as the signer wrote them):SubjectSigned by AliceMessage-ID<x@y>");
    expect(text(protectedView.querySelector(".headers-uncovered"))).toBe("Not covered by the signature, so anyone on the way could have changed them: To.");
  });

  it("a partly signed message shows the beginning of the signed part, and the headline names it", async () => {
    const r = await sampleReport("05-partially-signed.eml");
    const el = await mount(<ReportView report={r} pending={false} />);
    expect(text(el.querySelector("h2"))).toBe('Only part of this message is signed: the part that begins "Hi Bob, the signed contract is attached. Alice".');
    expect(text(el.querySelector(".signed-preview pre"))).toBe("Hi Bob, the signed contract is attached. Alice");
    expect(text(el.querySelector(".signed-preview figcaption"))).toMatch(/^What this signature covers/);
  });

  it("a revocation service out of reach is one short sentence in the headline; what was tried is one click away", async () => {
    // As check-chain.ts lists the sources it tried when the network fails (Thunderbird's fetch error).
    const detail = "NetworkError when attempting to fetch resource.";
    const problems: RevocationProblem[] = [
      { source: "ocsp", url: "http://ocsp.example.org/signet", code: "fetch-failed", method: "POST", error: "network", detail },
      { source: "crl", url: "http://crl.example.org/signet-sample-root-ca.crl", code: "fetch-failed", error: "network", detail },
    ];
    const base = reports["01-signed-valid.eml"]!;
    const r: SecurityReport = { ...base, revocation: "unknown", verdict: "warning", issues: [{ code: "revocation-unavailable", severity: "warning", where: { layer: 0, signer: 0, certificate: 0 }, params: { problems } }] };
    const h = headline(r, false, EN_CATALOGUE);
    expect([h.title, h.detail]).toEqual(["The revocation service could not be reached.", "Signed by Alice Example <alice@example.org>"]);
    const el = await mount(<ReportView report={r} pending={false} />);
    const details = el.querySelector('[data-code="revocation-unavailable"] details')!;
    expect([details.hasAttribute("open"), text(details.querySelector("summary")), [...details.querySelectorAll("li")].map(text)]).toEqual([
      false,
      "What was tried",
      [
        "OCSP http://ocsp.example.org/signet: POST request failed: the network failed: NetworkError when attempting to fetch resource.",
        "CRL http://crl.example.org/signet-sample-root-ca.crl: request failed: the network failed: NetworkError when attempting to fetch resource.",
      ],
    ]);
    expect(text(el.querySelector('[data-code="revocation-unavailable"] .title'))).toBe("⚠ Warning: The revocation service could not be reached.");
  });

  it("a defect found on a chain that reaches no trusted root says so beside it", async () => {
    const base = reports["10-untrusted-signer.eml"]!;
    const r: SecurityReport = { ...base, issues: [...base.issues, { code: "expired", severity: "error", where: { layer: 0, signer: 0, certificate: 0 }, params: { notAfter: "2026-01-01T00:00:00.000Z", untrustedPath: true } }] };
    const el = await mount(<ReportView report={r} pending={false} />);
    expect(text(el.querySelector('[data-code="expired"]'))).toContain("Found on a chain that reaches no root you trust, so it is told as well.");
    expect(text(el.querySelector('[data-code="unknown-issuer"]'))).not.toContain("Found on a chain");
  });

  it("lists errors before warnings before notes", async () => {
    const r = { ...reports["04-wrong-sender.eml"]!, issues: [
      { code: "nested-signature" as const, severity: "info" as const, where: {}, params: { depth: 2 } },
      { code: "weak-key" as const, severity: "warning" as const, where: {}, params: {} },
      ...reports["04-wrong-sender.eml"]!.issues,
    ] };
    const el = await mount(<ReportView report={r} pending={false} />);
    expect([...el.querySelectorAll(".issue")].map((i) => i.getAttribute("data-code"))).toEqual(["sender-mismatch", "weak-key", "nested-signature"]);
  });

  it("keeps one status line for pending and done, so nothing jumps when answers arrive", async () => {
    const el = await mount(<ReportView report={reports["01-signed-valid.eml"]!} pending={true} />);
    const line = el.querySelector(".status-line")!;
    expect(line.getAttribute("role")).toBe("status");
    expect(text(line)).toBe("Checking revocation and missing certificates…");
    await act(() => {
      render(<UiContext.Provider value={{ catalogue: EN_CATALOGUE }}><ReportView report={reports["01-signed-valid.eml"]!} pending={false} /></UiContext.Provider>, container);
    });
    expect(el.querySelector(".status-line")).toBe(line);
    expect(text(line)).toMatch(/^Checked \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  });

  it("opens a certificate from the chain with the host's details, exports it as OpenSSL writes PEM, and goes back", async () => {
    const describe = vi.fn((b64: string) => describeCertificate(Uint8Array.from(Buffer.from(b64, "base64"))));
    const el = await mount(<ReportView report={reports["01-signed-valid.eml"]!} pending={false} />, { catalogue: EN_CATALOGUE, describeCertificate: describe });
    await act(() => (el.querySelector(".chain button") as HTMLButtonElement).click());
    await act(async () => {
      await describe.mock.results[0]!.value;
    });
    const view = el.querySelector(".certificate")!;
    const rows = Object.fromEntries([...view.querySelectorAll("dt")].map((dt) => [text(dt), text(dt.nextElementSibling)]));
    // As `openssl x509 -text` shows the sample certificate ("Digital Signature, Non Repudiation, Key Encipherment", "E-mail Protection").
    expect(rows).toMatchObject({
      "Email addresses": "alice@example.org",
      "Extended key usage": "Email protection",
      "Key usage": "digital signature, non-repudiation, key encipherment",
      Kind: "end entity (a person or mailbox)",
      "Public key": "RSA, 2048 bits",
      "Signed with": "RSA with SHA-256",
      "Serial number": "64",
    });
    expect(describe.mock.calls).toEqual([[signers(reports["01-signed-valid.eml"]!)[0]!.chain[0]!.derBase64]]);
    // The PEM export is byte for byte the file `openssl x509` wrote.
    const pem = decodeURIComponent(view.querySelector('a[download$=".pem"]')!.getAttribute("href")!.replace(/^data:[^,]*,/, ""));
    expect(pem).toBe(readFileSync(join(root, "samples/certs/alice.pem"), "utf8"));
    expect(document.activeElement?.textContent).toMatch(/Back to the report/);
    await act(() => (document.activeElement as HTMLButtonElement).click());
    expect(el.querySelector(".certificate")).toBeNull();
    expect(el.querySelector(".chain")).not.toBeNull();
  });

  it("in German, the certificate's usages and extensions are named in German, with each extension's OID beside it", async () => {
    const describe = (b64: string) => describeCertificate(Uint8Array.from(Buffer.from(b64, "base64")));
    const el = await mount(<ReportView report={reports["01-signed-valid.eml"]!} pending={false} />, { catalogue: DE_CATALOGUE, describeCertificate: describe });
    await act(() => (el.querySelector(".chain button") as HTMLButtonElement).click());
    await act(async () => {
      await new Promise((r) => setTimeout(r, 50));
    });
    const view = el.querySelector(".certificate")!;
    const rows = Object.fromEntries([...view.querySelectorAll("dt")].map((dt) => [text(dt), text(dt.nextElementSibling)]));
    expect([rows["Schlüsselverwendung"], rows["Erweiterte Schlüsselverwendung"]]).toEqual(["digitale Signatur, Nichtabstreitbarkeit, Schlüsselverschlüsselung", "E-Mail-Schutz"]);
    const extensions = [...view.querySelectorAll("li")].map(text);
    expect(extensions).toEqual(expect.arrayContaining(["Schlüsselverwendung 2.5.29.15 (kritisch)", "Alternativer Name des Inhabers 2.5.29.17"]));
  });

  it("a certificate opened in one message's report closes when another message's report comes, and stays open for the same message's later report", async () => {
    const services = { catalogue: EN_CATALOGUE, describeCertificate: (b64: string) => describeCertificate(Uint8Array.from(Buffer.from(b64, "base64"))) };
    const show = (name: string, pending: boolean) =>
      act(() => {
        render(<UiContext.Provider value={services}><ReportView report={structuredClone(reports[name]!)} pending={pending} /></UiContext.Provider>, container);
      });
    const el = await mount(<ReportView report={reports["01-signed-valid.eml"]!} pending={true} />, services);
    await act(() => (el.querySelector(".chain button") as HTMLButtonElement).click());
    expect(el.querySelector(".certificate")).not.toBeNull();
    // The same message, its revocation answer in: a new report object, the certificate still open.
    await show("01-signed-valid.eml", false);
    expect(el.querySelector(".certificate")).not.toBeNull();
    // Another message: its own verdict and layers, no certificate of the first one.
    await show("03-tampered.eml", false);
    expect([el.querySelector(".certificate"), el.querySelector(".report")!.getAttribute("data-verdict"), el.querySelector(".chain") !== null]).toEqual([null, "danger", true]);
  });

  it("gives every button an accessible name and every coloured badge a word", async () => {
    const el = await mount(<ReportView report={reports["10-untrusted-signer.eml"]!} pending={false} />);
    for (const b of el.querySelectorAll("button")) expect(b.getAttribute("aria-label") ?? text(b)).not.toBe("");
    for (const badge of el.querySelectorAll(".badge")) expect(text(badge)).toMatch(/[A-Za-z]{3,}/);
  });
});
