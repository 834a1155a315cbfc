// npm run mutate:guards: the hand mutation run of the security checks, repeatable.
// Each row weakens one check (a condition dropped, a range widened, an off-by-one),
// runs the tests that should notice, and restores the file. A row whose tests still
// pass is a check no test guards: the run fails and names it. Every row must find
// its text exactly once, so a refactor that moves a check makes the row fail loudly
// instead of silently testing nothing.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** [what the mutation does, file, text to find, replacement, test files] */
const MUTANTS = [
  ["SHA-1 signatures accepted (certificates and every other signature: one algorithm policy)", "src/core/policy/algorithm-acceptance.ts", '|| (hash === "SHA-1" && !policy.acceptSha1)) {', "|| false) {", ["test/trust/scenarios.test.ts"]],
  ["content-type attribute not compared with eContentType", "src/core/cms/signed-data.ts", "else if (found !== parsed.eContentType) check.fail(", "else if (false) check.fail(", ["test/interop/check-guards.test.ts"]],
  ["a second message-digest attribute tolerated", "src/core/cms/signed-data.ts", "if (mdValues.length !== 1 ||", "if (mdValues.length < 1 ||", ["test/interop/check-guards.test.ts"]],
  ["a signer named by key identifier matched to any certificate with one", "src/core/cms/signed-data.ts", "return own !== null && bytesEqual(own, ski);", "return own !== null;", ["test/interop/check-guards.test.ts"]],
  ["a failed signature without signed attributes not reported invalid", "src/core/cms/signed-data.ts", 'check.fail("signature-invalid", { over: "content" })', "void 0", ["test/interop/check-guards.test.ts"]],
  ["only the first From address bound", "src/core/signer/identity.ts", "const unmatched = from.map((m) => m.address)", "const unmatched = from.slice(0, 1).map((m) => m.address)", ["test/interop/check-guards.test.ts"]],
  ["path depth limit off by one", "src/core/path/builder.ts", "if (next.chain.length >= state.ctx.budget.maxDepth) {", "if (next.chain.length > state.ctx.budget.maxDepth) {", ["test/trust/scenarios.test.ts"]],
  ["a delegated OCSP responder's own path not checked (expired, short key, SHA-1 certificate, unknown critical extension)", "src/core/revocation/ocsp.ts", 'if (problem) return { status: "invalid", problem };', 'if (false) return { status: "invalid", problem };', ["test/revocation/ocsp.test.ts"]],
  ["OCSP response dated in the future accepted", "src/core/revocation/ocsp.ts", "if (s.thisUpdate.getTime() > at.getTime() + skewMs) return", "if (false) return", ["test/revocation/ocsp.test.ts"]],
  ["CertID issuer-name hash not compared", "src/core/revocation/ocsp.ts", "return bytesEqual(nameHash, id.issuerNameHash.valueBlock.valueHexView) && bytesEqual(", "return Boolean(nameHash) && bytesEqual(", ["test/revocation/ocsp.test.ts"]],
  ["an unknown OCSP answer taken as good", "src/core/revocation/ocsp.ts", 'return { ...base, status: "unknown" };', 'return { ...base, status: "good" };', ["test/revocation/ocsp.test.ts", "test/revocation/revocation-guards.test.ts"]],
  ["an attached unknown OCSP answer ignored", "src/core/revocation/check-chain.ts", 'if (v.status === "unknown") problems.push(met("embedded-ocsp", undefined, { code: "ocsp-unknown-certificate" }));', 'if (v.status === "unknown") void 0;', ["test/revocation/revocation-guards.test.ts"]],
  ["fe80::/10 checked as the single prefix fe80", "src/hosts/shared/private-address.ts", "if ((first & 0xffc0) === 0xfe80) return true;", "if (first === 0xfe80) return true;", ["test/hosts/host-parts.test.ts"]],
  ["the certificate-count limit not applied", "src/core/cms/signed-data.ts", "certificates: certs.slice(0, maxCertificates).map(", "certificates: certs.map(", ["test/interop/check-guards.test.ts"]],
  ["a certificate-set entry that is no CertificateChoices passed over", "src/core/cms/signed-data.ts", "if (choices.some((c) => isCertificateChoice(c) === null)) throw", "if (false) throw", ["test/unit/signed-data.test.ts"]],
  ["an mbox message over the limit held whole", "src/core/mime/mbox.ts", "> this.maxMessageBytes) this.beginSkipping();", "> this.maxMessageBytes) void 0;", ["test/unit/mbox-stream.test.ts"]],
  ["a distrusted indexed root still offered", "src/core/trust/trust-store.ts", "if (store.distrusted.has(entry.fingerprint) || store.byFingerprint.has(entry.fingerprint)) continue;", "if (store.byFingerprint.has(entry.fingerprint)) continue;", ["test/trust/bundled-roots.test.ts"]],
  ["a name's leading space or # not escaped", "src/core/x509/name-text.ts", ".replace(/^([ #])/, ", ".replace(/^(?!)([ #])/, ", ["test/unit/name-text.test.ts"]],
  ["the issuer not compared in issuer-and-serial lookup", "src/core/cms/signed-data.ts", "=== key && sameIssuer(c),", "=== key,", ["test/interop/check-guards.test.ts"]],
  ["an issuing certificate without cA accepted", "src/core/policy/path-validation.ts", "check: (c) => (c.extensions.basicConstraints?.ca ? null :", "check: (c) => (c.extensions.basicConstraints ? null :", ["test/trust/scenarios.test.ts"]],
  ["keyCertSign not required of an issuing CA", "src/core/policy/path-validation.ts", 'return ku && !ku.has("keyCertSign") ?', "return false ?", ["test/trust/scenarios.test.ts"]],
  ["an rfc822 domain constraint admits any host", "src/core/policy/name-constraints.ts", 'return constraint.startsWith(".") ? host.endsWith(constraint.toLowerCase()) : host === constraint.toLowerCase();', "return true;", ["test/trust/scenarios.test.ts"]],
  ["an rfc822 host constraint admits the hosts below it", "src/core/policy/name-constraints.ts", ': host === constraint.toLowerCase();', ': host.endsWith(constraint.toLowerCase());', ["test/trust/scenarios.test.ts"]],
  ["an explicit policy not enforced along the path", "src/core/policy/policy-tree.ts", "if (explicitPolicy <= 0 && !tree.root) {", "if (false) {", ["test/trust/scenarios.test.ts"]],
  ["an explicit policy not enforced at the end of the path", "src/core/policy/policy-tree.ts", 'if (explicitPolicy <= 0 && !tree.root) failure ??= { index: n,', 'if (false) failure ??= { index: n,', ["test/trust/scenarios.test.ts"]],
  ["the CRL signature not checked", "src/core/revocation/crl-verify.ts", "return verifySignedObject(issuer.publicKey, crl.signatureOid", "return { ok: true } as CrlSignatureCheck; verifySignedObject(issuer.publicKey, crl.signatureOid", ["test/revocation/revocation-guards.test.ts", "test/revocation/crl.test.ts"]],
  ["a CRL for CA certificates only applied to end entities", "src/core/revocation/crl-check.ts", "if (idp.onlyCaCerts && !isCa) return false;", "", ["test/revocation/revocation-guards.test.ts"]],
  ["a CRL past its nextUpdate used", "src/core/revocation/crl-check.ts", 'return crl.nextUpdate === null || crl.nextUpdate.getTime() >= at.getTime() ? null : { code: "crl-stale" };', "return null;", ["test/revocation/revocation-guards.test.ts"]],
  ["a delegated OCSP responder from another CA accepted", "src/core/revocation/ocsp.ts", "if (c.issuerKey !== issuer.subjectKey || !(await verifyIssuedBy(c, issuer.publicKey)).ok) return", "if (false) return", ["test/revocation/ocsp.test.ts"]],
  ["a name that resolves to a private address fetched", "src/hosts/shared/fetch-fetcher.ts", 'if (resolved) return { ok: false, error: "refused"', 'if (false) return { ok: false, error: "refused"', ["test/hosts/host-parts.test.ts"]],
  ["identical requests in flight not shared", "src/hosts/shared/fetch-fetcher.ts", "return oneRequestInFlight({", "return ({", ["test/hosts/host-parts.test.ts", "test/revocation/inspect-revocation.test.ts"]],
  ["BER lengths that do not nest accepted", "src/core/cms/asn1.ts", "if (problem) return { ok: false, reason: `inconsistent encoding: ${problem}` };", "", ["test/fuzz/differential-regressions.test.ts"]],
  ["a signature part labelled otherwise not said", "src/core/layers/walk.ts", "if (!SIGNATURE_TYPES.has(describeType(sigPart))) {", "if (false) {", ["test/fuzz/differential-regressions.test.ts"]],
  ["decryption: PKCS#1 v1.5 block type not checked", "src/core/crypto/rsa-decrypt.ts", "let good = eqMask(em[0]!, 0x00) & eqMask(em[1]!, 0x02) & eqMask(em[k - keyLength - 1]!, 0x00);", "let good = eqMask(em[0]!, 0x00) & eqMask(em[k - keyLength - 1]!, 0x00);", ["test/unit/rsa-decrypt.test.ts"]],
  ["decryption: PKCS#1 v1.5 padding string not checked for zero bytes", "src/core/crypto/rsa-decrypt.ts", "for (let i = 2; i < k - keyLength - 1; i++) good &=", "for (let i = 2; i < 2; i++) good &=", ["test/unit/rsa-decrypt.test.ts"]],
  ["decryption: OAEP label hash not compared", "src/core/crypto/rsa-decrypt.ts", "for (let i = 0; i < hLen; i++) good &= eqMask(db[i]!, lHash[i]!);", "", ["test/unit/rsa-decrypt.test.ts"]],
  ["decryption: CBC padding, only its last byte checked", "src/core/crypto/legacy-cbc.ts", "bad |= inPad & (padded[padded.length - i] === n ? 0 : 1);", "bad |= 0;", ["test/unit/legacy-ciphers.test.ts"]],
  ["decryption: CBC padding of 0 or of more than a block accepted", "src/core/crypto/legacy-cbc.ts", "let bad = n === 0 || n > 8 ? 1 : 0;", "let bad = 0;", ["test/unit/legacy-ciphers.test.ts"]],
  ["decryption: OAEP zero string not checked", "src/core/crypto/rsa-decrypt.ts", "for (let i = hLen; i < one; i++) good &= eqMask(db[i]!, 0x00);", "", ["test/unit/rsa-decrypt.test.ts"]],
  ["decryption: an encrypted part beside other content opened by itself", "src/core/layers/walk.ts", "if (!ctx.openParts?.has(layer.mimePath)) {", "if (false) {", ["test/interop/decrypt.test.ts"]],
  ["keys: an RSA key paired with another RSA key's certificate", "src/core/keys/recipient-key.ts", 'if (cert.kind !== "rsa" || toBigInt(cert.modulus) !== rsa.n) return "key-does-not-match";', 'if (cert.kind !== "rsa") return "key-does-not-match";', ["test/interop/pkcs12.test.ts"]],
  ["keys: a revoked signer kept among the correspondents", "src/core/keys/correspondents.ts", 's.revocation !== "revoked" && ', "", ["test/interop/correspondents.test.ts"]],
  ["keys: a signer for another address kept among the correspondents", "src/core/keys/correspondents.ts", 's.identity === "match" && ', "", ["test/interop/correspondents.test.ts"]],
  ["views: the HTML sanitiser keeps every attribute", "src/ui/sanitize-html.ts", "if (KEEP_ATTRIBUTES.has(attribute.name.toLowerCase())) copy.setAttribute", "if (true) copy.setAttribute", ["test/ui/decrypted-body.test.tsx"]],
  ["views: the decrypted HTML frame without its sandbox", "src/ui/components/DecryptedBody.tsx", '<iframe sandbox="" ', "<iframe ", ["test/ui/decrypted-body.test.tsx"]],
  ["intermediates not checked for revocation", "src/core/revocation/check-chain.ts", 'const last = ctx.policy.revocationDepth === "signer" ? 1 : chain.length - 1;', "const last = 1;", ["test/revocation/revocation-guards.test.ts"]],
  ["relay: a name's resolved addresses not checked (the pinned lookup lets private ones through)", "src/server/pinned-lookup.ts", ".find(([, why]) => why !== null);", ".find(() => false);", ["test/server/relay.test.ts"]],
  ["relay: a literal address in the URL not checked", "src/server/upstream.ts", "const why = addressRefusal(host, policy.allow);", "const why = null;", ["test/server/relay.test.ts"]],
  ["relay: any port allowed", "src/server/upstream.ts", "if (!policy.ports.has(port)) return", "if (false) return", ["test/server/relay.test.ts"]],
  ["relay: a redirect not checked again", "src/server/upstream.ts", "const why = targetRefusal(url, this.policy);", "const why = hop > 0 ? null : targetRefusal(url, this.policy);", ["test/server/relay.test.ts"]],
  ["relay: any content type relayed", "src/server/upstream.ts", "if (wrongType) return", "if (false) return", ["test/server/relay.test.ts"]],
  ["relay: the streamed size cap not applied", "src/server/upstream.ts", "if (total > maxBytes) {", "if (false) {", ["test/server/relay.test.ts"]],
  ["relay: a request without the pane's Origin served", "src/server/relay-route.ts", "if (!options.origins.has(origin)) {", "if (false) {", ["test/server/relay.test.ts"]],
  ["relay: IPv4-mapped addresses judged as IPv6", "src/server/address-policy.ts", '["::ffff:0:0/96", 96, "IPv4-mapped (RFC 4291 section 2.5.5.2)"],', "", ["test/server/address-policy.test.ts"]],
  ["relay: carrier-grade NAT not refused", "src/server/address-policy.ts", '["100.64.0.0/10", "carrier-grade NAT (RFC 6598)"],', "", ["test/server/address-policy.test.ts"]],
  ["relay: a no-store answer shared", "src/server/cache-lifetime.ts", 'if (cc.has("no-store") || cc.has("no-cache") || cc.has("private")) return 0;', "", ["test/server/cache-lifetime.test.ts", "test/server/relay.test.ts"]],
  ["Outlook pane: an attached signed message taken for the message beside visible text of its own", "src/hosts/outlook/smime-route.ts", "parts.every((part) => isAttachmentPart(part) || !showsSomething(part))", "true", ["test/unit/outlook-route.test.ts"]],
  ["Outlook pane: the attachment route with other attachments beside", "src/hosts/outlook/smime-route.ts", "if (!only || more.length > 0 || !isSmimeAttachment(only))", "if (!only || !isSmimeAttachment(only))", ["test/unit/outlook-route.test.ts"]],
  ["a signer's issuer name matched whatever its bytes and name", "src/core/cms/signed-data.ts", "return issuerKey === c.issuerKey;", "return true;", ["test/interop/check-guards.test.ts"]],
  ["a message-digest value of any type compared", "src/core/cms/signed-data.ts", "const el = soleElement(md, 0x04);", "const el = readTlv(md, 0, md.length, false);", ["test/unit/signed-data.test.ts"]],
  ["the strict reader takes an OBJECT IDENTIFIER cut short", "src/core/util/der.ts", "if (t.tag !== 0x06 || t.end === t.contentStart || bytes[t.end - 1]! & 0x80) return null;", "if (t.tag !== 0x06 || t.end === t.contentStart) return null;", ["test/unit/signed-data-fields.test.ts"]],
  ["the strict reader takes a signer's issuer that is no Name", "src/core/cms/signed-data-fields.ts", "!isName(bytes, parts[0]!)", "parts[0]!.tag !== SEQUENCE", ["test/unit/signed-data-fields.test.ts"]],
  ["the strict reader leaves a SignerInfo's trailing fields unread", "src/core/cms/signed-data-fields.ts", "sig?.tag !== OCTET_STRING || i !== parts.length) return null;", "sig?.tag !== OCTET_STRING) return null;", ["test/unit/signed-data-fields.test.ts"]],
];

const only = process.argv.slice(2);
let current = null;
const restore = () => {
  if (current) writeFileSync(current.path, current.original);
  current = null;
};
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => (restore(), process.exit(130)));

const results = [];
for (const [what, file, find, replacement, tests] of MUTANTS) {
  if (only.length && !only.some((o) => what.includes(o))) continue;
  const path = join(root, file);
  const original = readFileSync(path, "utf8");
  const count = original.split(find).length - 1;
  if (count !== 1) {
    results.push({ what, outcome: `NOT APPLIED: the text occurs ${count} times in ${file}` });
    continue;
  }
  current = { path, original };
  writeFileSync(path, original.replace(find, replacement));
  const started = Date.now();
  const run = spawnSync("npx", ["vitest", "run", ...tests], { cwd: root, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
  restore();
  const killedBy = /(\d+) failed/.exec(run.stdout)?.[1];
  results.push({ what, outcome: run.status !== 0 ? `killed (${killedBy ?? "?"} failing)` : "SURVIVED", seconds: Math.round((Date.now() - started) / 1000) });
  console.log(`${run.status !== 0 ? "killed  " : "SURVIVED"} ${what} (${Math.round((Date.now() - started) / 1000)} s)`);
}
const survived = results.filter((r) => !r.outcome.startsWith("killed"));
console.log(`\n${results.length - survived.length} of ${results.length} mutants killed`);
for (const r of survived) console.log(`  ${r.outcome}: ${r.what}`);
process.exit(survived.length ? 1 : 0);
