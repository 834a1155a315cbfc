/**
 * One certificate in full: names, addresses, validity, key, usages, policies,
 * fingerprints and extensions, with export as PEM or DER. The details come
 * from the host (the core reads the DER); until then the summary shows.
 */
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import type { CertificateDetails, CertificateSummary } from "../../core/index.js";
import { UiContext } from "../context.js";
import { commonName } from "../headline.js";

/** PEM is base64 DER in 64-character lines between labels (RFC 7468 section 2). */
export function pemText(derBase64: string): string {
  return `-----BEGIN CERTIFICATE-----\n${(derBase64.match(/.{1,64}/g) ?? []).join("\n")}\n-----END CERTIFICATE-----\n`;
}

function fileName(c: CertificateSummary): string {
  return commonName(c.subject).replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 60) || "certificate";
}

export interface CertificateViewProps {
  certificate: CertificateSummary;
  onBack?: () => void;
}

export function CertificateView({ certificate, onBack }: CertificateViewProps) {
  const { catalogue, describeCertificate } = useContext(UiContext);
  const ui = catalogue.ui.certificate;
  const [details, setDetails] = useState<CertificateDetails | null>(null);
  const back = useRef<HTMLButtonElement>(null);
  // Keyboard users land on the view they opened, and Back returns them.
  useEffect(() => back.current?.focus(), []);
  useEffect(() => {
    let live = true;
    setDetails(null);
    if (describeCertificate && certificate.derBase64) {
      describeCertificate(certificate.derBase64).then(
        (d) => live && setDetails(d),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [certificate.derBase64, describeCertificate]);
  const c = details ?? certificate;
  const list = (values: string[] | null | undefined): string => (values && values.length ? values.join(", ") : ui.absent);
  return (
    <section class="card certificate" aria-label={`${ui.title}: ${commonName(c.subject)}`}>
      <div class="toolbar">
        {onBack ? (
          <button type="button" onClick={onBack} ref={back}>
            ← {ui.back}
          </button>
        ) : null}
        {c.derBase64 ? (
          <>
            <a class="button" download={`${fileName(c)}.pem`} href={`data:application/x-pem-file;charset=utf-8,${encodeURIComponent(pemText(c.derBase64))}`}>
              {ui.exportPem}
            </a>
            <a class="button" download={`${fileName(c)}.cer`} href={`data:application/pkix-cert;base64,${c.derBase64}`}>
              {ui.exportDer}
            </a>
          </>
        ) : null}
      </div>
      <h2>{commonName(c.subject)}</h2>
      <dl>
        <dt>{ui.subject}</dt>
        <dd>{c.subject}</dd>
        <dt>{ui.issuer}</dt>
        <dd>{c.issuer}</dd>
        <dt>{ui.emails}</dt>
        <dd>{list(c.emails)}</dd>
        <dt>{ui.validity}</dt>
        <dd>{ui.validFromTo(c.notBefore, c.notAfter)}</dd>
        <dt>{ui.key}</dt>
        <dd>{[c.keyAlgorithm, c.keyBits ? `${c.keyBits} bits` : null, c.namedCurve].filter(Boolean).join(", ")}</dd>
        <dt>{ui.serial}</dt>
        <dd class="mono">{c.serialNumber}</dd>
        {details ? (
          <>
            <dt>{ui.signatureAlgorithm}</dt>
            <dd>{details.signatureAlgorithm}</dd>
            <dt>{ui.basicConstraints}</dt>
            <dd>{details.isCa ? ui.ca(details.pathLength) : ui.endEntity}</dd>
            <dt>{ui.keyUsage}</dt>
            <dd>{list(details.keyUsage?.map((bit) => ui.keyUsageNames[bit]))}</dd>
            <dt>{ui.extendedKeyUsage}</dt>
            <dd>{list(details.extendedKeyUsage?.map((e) => (e.known ? ui.ekuNames[e.known] : e.oid)))}</dd>
            <dt>{ui.policies}</dt>
            <dd class="mono">{list(details.policies)}</dd>
          </>
        ) : describeCertificate ? (
          <>
            <dt />
            <dd class="muted">{ui.loading}</dd>
          </>
        ) : null}
        <dt>{ui.fingerprints}</dt>
        <dd class="mono">
          SHA-256 {c.fingerprintSha256}
          <br />
          SHA-1 {c.fingerprintSha1}
        </dd>
      </dl>
      {details ? (
        <>
          <h3>{ui.extensions}</h3>
          <ul>
            {details.extensions.map((e) => (
              <li key={e.oid}>
                {e.known ? (
                  <>
                    {ui.extensionNames[e.known]} <span class="muted mono">{e.oid}</span>
                  </>
                ) : (
                  <span class="mono">{e.oid}</span>
                )}
                {e.critical ? <strong> ({ui.critical})</strong> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
