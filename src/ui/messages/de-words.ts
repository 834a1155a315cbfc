/**
 * German numbers in words, as en-words.ts does for English: a count with its noun
 * in the right number (the plural given, German plurals being irregular), a span
 * of time in a readable unit, an age that stays true when the clock is behind.
 */
import type { FetchErrorKind, RevocationProblem, RevocationProblemCode, RevocationProblemSource, RevocationReason } from "../../core/index.js";
import { spanUnit } from "./params.js";

/** "1 Empfänger", "2 Empfänger"; "1 Wurzel", "2 Wurzeln". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const UNITS = { minute: ["Minute", "Minuten"], hour: ["Stunde", "Stunden"], day: ["Tag", "Tage"] } as const;

/** A span of minutes in words, in the unit params.ts's spanUnit chooses. */
export function span(minutes: number): string {
  const { n, unit } = spanUnit(minutes);
  const [one, many] = UNITS[unit];
  return count(n, one, many);
}

/** How long ago a day was: "heute", "vor 1 Tag", "vor 12 Tagen"; a day ahead of the clock is said to be so. */
export function daysAgo(days: number): string {
  if (days < 0) return "ein Datum nach der Uhr dieses Computers";
  if (days === 0) return "heute";
  return `vor ${count(days, "Tag", "Tagen")}`;
}

/** Why a certificate was revoked (CRLReason, RFC 5280 section 5.3.1), in German. */
export const REVOCATION_REASON: Record<RevocationReason, string> = {
  unspecified: "keiner angegeben",
  keyCompromise: "sein privater Schlüssel wurde kompromittiert",
  cACompromise: "die ausstellende CA wurde kompromittiert",
  affiliationChanged: "die Zugehörigkeit des Inhabers hat sich geändert",
  superseded: "ein neueres Zertifikat ersetzt es",
  cessationOfOperation: "es wird nicht mehr verwendet",
  certificateHold: "es ist vorübergehend gesperrt",
  removeFromCRL: "eine vorübergehende Sperre wurde aufgehoben",
  privilegeWithdrawn: "seine Berechtigungen wurden entzogen",
  aACompromise: "die Attributautorität wurde kompromittiert",
};

/** Wo ein Problem der Sperrprüfung auftrat, wie die Ansichten die Quelle nennen. */
const PROBLEM_SOURCE: Record<RevocationProblemSource, string> = {
  ocsp: "OCSP",
  "cached-ocsp": "früher gespeicherte OCSP-Antwort",
  crl: "Sperrliste",
  "embedded-ocsp": "OCSP-Antwort in der Nachricht",
  "embedded-crl": "Sperrliste in der Nachricht",
  "supplied-crl": "von Ihnen angegebene Sperrliste",
};

/** Wie eine Anfrage scheiterte, wie der Fetcher des Hosts es meldete. */
const FETCH_ERROR: Record<FetchErrorKind, string> = {
  timeout: "keine Antwort in der Zeit",
  "too-large": "die Antwort war zu groß",
  network: "das Netz versagte",
  refused: "die Adresse ruft Signet nicht ab (ein privates Netz)",
  "http-status": "der Server antwortete mit einem Fehler",
};

/** Warum eine Quelle der Sperrprüfung keine Antwort gab (REVOCATION_PROBLEM_CODES), in einer Zeile. */
const PROBLEM: Record<RevocationProblemCode, (p: RevocationProblem) => string> = {
  "nothing-published": () => "das Zertifikat nennt weder OCSP-Responder noch Sperrliste, und die Nachricht enthält keine Antwort dazu",
  "malformed-distribution-points": () => "die Sperrlisten-Verteilpunkte des Zertifikats sind nicht lesbar",
  "deadline-reached": () => "nicht versucht: die Zeit für Sperrprüfungen war abgelaufen",
  "unsupported-scheme": (p) => `Adressen dieser Art (${p.scheme ?? "?"}:) werden nicht abgerufen`,
  "fetch-failed": (p) =>
    `${p.method ? `${p.method}-` : ""}Anfrage gescheitert: ${p.error ? FETCH_ERROR[p.error] : "unbekannter Fehler"}${p.status ? ` (HTTP ${p.status})` : ""}${p.detail ? `: ${p.detail}` : ""}`,
  "ocsp-unreadable": (p) => `die Antwort ist keine lesbare OCSP-Antwort${p.detail ? ` (${p.detail})` : ""}`,
  "ocsp-nonce-mismatch": () => "die Antwort wiederholt die Nonce einer anderen Anfrage, wie eine wieder eingespielte Antwort",
  "ocsp-not-successful": (p) => `der Responder antwortete „${p.responseStatus ?? "?"}“ statt mit einem Status`,
  "ocsp-other-certificate": () => "die Antwort betrifft ein anderes Zertifikat",
  "ocsp-other-issuer": () => "die Antwort nennt diese Seriennummer unter einem anderen Aussteller",
  "ocsp-certid-hash-unsupported": () => "die Antwort nennt den Aussteller mit einem Hash, den Signet nicht berechnet",
  "ocsp-responder-not-issued-by-ca": () => "das Zertifikat des Responders stammt nicht von der CA des Zertifikats",
  "ocsp-responder-lacks-eku": () => "das Zertifikat des Responders ist keines zum Signieren von OCSP-Antworten",
  "ocsp-responder-not-valid": () => "das Zertifikat des Responders war zur geprüften Zeit nicht gültig",
  "ocsp-responder-refused": (p) =>
    p.certificateIssue === "weak-digest"
      ? `das Zertifikat des Responders wurde von der CA mit ${p.algorithm ?? "?"} signiert, was Signet ablehnt`
      : p.certificateIssue === "weak-key"
        ? `der Schlüssel des Responders hat nur ${p.bits ?? "?"} Bit (mindestens ${p.minimum ?? "?"} erwartet), was Signet ablehnt`
        : p.certificateIssue === "unhandled-critical-extension"
          ? "das Zertifikat des Responders hat eine kritische Erweiterung, die Signet nicht versteht"
          : p.certificateIssue === "name-constraints-violated"
            ? "das Zertifikat des Responders verletzt die Namensbeschränkungen seiner CA"
            : `das Zertifikat des Responders verletzt eine Regel für Zertifikate (${p.certificateIssue ?? "?"})`,
  "ocsp-unauthorised-signer": () => "die Antwort ist weder von der CA noch von einem von ihr beauftragten Responder signiert",
  "ocsp-from-future": () => "die Antwort ist auf einen Zeitpunkt nach der geprüften Zeit datiert",
  "ocsp-stale": () => "die Antwort ist veraltet",
  "ocsp-unknown-certificate": () => "der Responder kennt dieses Zertifikat nicht",
  "crl-unreadable": (p) => `die Datei ist keine lesbare Sperrliste${p.detail ? ` (${p.detail})` : ""}`,
  "crl-unknown-critical-extensions": (p) => `die Sperrliste hat kritische Erweiterungen, die Signet nicht kennt (${(p.extensions ?? []).join(", ")})`,
  "crl-no-number": () => "die Sperrliste hat keine Sperrlistennummer",
  "crl-number-critical": () => "die Sperrlistennummer ist als kritisch markiert",
  "crl-malformed-issuing-distribution-point": () => "der Verteilpunkt der Sperrliste ist nicht lesbar",
  "crl-stale": () => "die Sperrliste ist veraltet",
  "crl-from-future": () => "die Sperrliste ist auf einen Zeitpunkt nach der geprüften Zeit datiert",
  "crl-no-valid-signer": () => "für die Sperrliste fand sich kein gültiger Unterzeichner",
  "signature-refused": (p) =>
    p.algorithm
      ? `sie ist mit ${p.algorithm} signiert, was Signet ablehnt: solche Signaturen lassen sich fälschen`
      : `sie ist mit einem Schlüssel von nur ${p.bits ?? "?"} Bit signiert (mindestens ${p.minimum ?? "?"} erwartet), was Signet ablehnt`,
  "crl-not-covering": () => "keine vorliegende Sperrliste deckt dieses Zertifikat ab",
  "crl-reasons-incomplete": () => "die vorliegenden Sperrlisten decken nicht jeden Sperrgrund ab",
};

/** „OCSP http://ocsp.example/: der Responder kennt dieses Zertifikat nicht“. */
export function revocationProblem(p: RevocationProblem): string {
  const where = p.source ? `${PROBLEM_SOURCE[p.source]}${p.url ? ` ${p.url}` : ""}: ` : "";
  return where + PROBLEM[p.code](p);
}
