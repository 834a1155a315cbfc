/**
 * German text for every issue code, the same shape as en.ts: what happened, and
 * what the reader can do. The reader is addressed as "Sie". test/ui/catalogues.test.ts
 * holds it to the English: every code, and the same parameters in every text.
 */
import type { Issue, IssueCode, IssueParams, MalformedCmsReason, MalformedMimeReason, UnsupportedReason } from "../../core/index.js";
import { count, REVOCATION_REASON, revocationProblem, span } from "./de-words.js";
import { UI_DE } from "./ui-de.js";
import { byReason, fieldName, words, problems, readerDetail, revocationReason, s } from "./params.js";
import type { IssueText } from "./en.js";

type Render = (p: IssueParams) => IssueText;

/** unsupported-algorithm nach params.why (UNSUPPORTED_REASONS): was zum Namen des Verfahrens hinzuzufügen ist. */
const UNSUPPORTED: Record<UnsupportedReason, (p: IssueParams) => string> = {
  "unknown-algorithm": () => "",
  "unknown-curve": (p) => (p.value === "explicit" ? ", auf einer durch explizite Parameter gegebenen Kurve" : `, auf der Kurve ${s(p.value)}`),
  "malformed-key": () => ": der Schlüssel ist nicht lesbar",
  "dsa-parameters-inherited": () => ": seine Parameter sollen vom Aussteller kommen, der nicht bekannt ist",
  "no-digest": () => ": das nötige Hashverfahren ist nicht bekannt",
  "pss-mask-generation": (p) => `, mit der Maskenerzeugung ${s(p.value)}`,
  "pss-trailer-field": (p) => `, mit dem Trailer-Feld ${s(p.value)}`,
  "pss-hash": () => ", mit einem Hash, den Signet nicht kennt",
  "pss-parameters-malformed": () => ": seine RSA-PSS-Parameter sind nicht lesbar",
  "parameters-malformed": () => ": seine Parameter sind nicht lesbar",
  "recipient-kind": (p) => `, für einen Empfänger, der kein Zertifikat ist (${s(p.value)})`,
  "key-kind-mismatch": () => ", für eine andere Art Schlüssel als die in Ihrem Zertifikat",
};

/** malformed-cms nach seinem Grund (MALFORMED_CMS_REASONS; trailing-data hat einen eigenen Text). */
const CMS_DAMAGE: Record<Exclude<MalformedCmsReason, "trailing-data" | "no-cms-object">, (p: IssueParams) => string> = {
  unreadable: (p) => `ihre Struktur ${s(p.structure)} ist nicht lesbar`,
  "not-signed-data": (p) => `der Signaturteil enthält ${s(p.contentType)}, keine Signatur`,
  "unsupported-content-type": (p) => `sie enthalten eine Art von CMS-Inhalt, die Signet nicht liest (${s(p.contentType)})`,
  "opaque-without-content": () => "die signierte Nachricht darin hat keinen Inhalt",
  "encrypted-without-content": () => "der verschlüsselte Teil enthält keinen verschlüsselten Inhalt",
  "digest-algorithm-not-listed": () => "das Hashverfahren des Unterzeichners fehlt in der Liste der Hashverfahren, was auch OpenSSL ablehnt",
  "no-content": () => "es gibt keinen Inhalt, gegen den die Signatur geprüft werden könnte",
  "unusable-key-or-signature": () => "der Schlüssel oder der Signaturwert ist für das genannte Verfahren nicht verwendbar",
  "signed-attribute-count": (p) => `die signierten Attribute müssen genau ein Attribut ${s(p.attribute)} enthalten`,
  "signed-attribute-value": (p) => `der Wert des signierten Attributs ${s(p.attribute)} ist nicht von der Art, die RFC 5652 verlangt`,
  "malformed-certificate-extension": (p) => `ein Zertifikat hat eine Erweiterung, die doppelt vorkommt oder nicht lesbar ist (${s(p.extensions)})`,
  "unsupported-compression": (p) => `sie sind mit einem Verfahren komprimiert, das Signet nicht kennt (${s(p.algorithm)})`,
};

/** malformed-mime nach seinem Grund (MALFORMED_MIME_REASONS; inspection-stopped hat einen eigenen Text). */
const MIME_DAMAGE: Record<Exclude<MalformedMimeReason, "inspection-stopped">, (p: IssueParams) => string> = {
  "unreadable-content-type": (p) => `eine Content-Type-Zeile ist nicht lesbar (${quoted(p.value)})`,
  "no-boundary": () => "ein mehrteiliger Teil hat keine brauchbare Grenze (boundary)",
  "boundary-not-found": () => "die Grenze eines mehrteiligen Teils kommt in ihm nie vor",
  "missing-closing-boundary": () => "ein mehrteiliger Teil ist nicht abgeschlossen, sein letzter Teil ist daher vielleicht abgeschnitten",
  "no-body-parts": () => "ein mehrteiliger Teil enthält keine Teile",
  "multipart-signed-parts": () => "ein signierter Teil muss den Inhalt und die Signatur enthalten und enthält nicht beides",
  "signature-part-type": (p) => `der Signaturteil ist als ${s(p.found)} ausgezeichnet, nicht so, wie der signierte Teil angibt`,
  "base64-invalid-characters": (p) => `${count(Number(p.count), "Zeichen", "Zeichen")} außerhalb des Base64-Alphabets`,
  "base64-bad-end": () => "Base64-Daten sind abgeschnitten oder haben Daten nach ihrem Ende",
  "quoted-printable-bad-escapes": (p) => `${count(Number(p.count), "fehlerhafte Quoted-Printable-Kodierung", "fehlerhafte Quoted-Printable-Kodierungen")}`,
  "unknown-transfer-encoding": (p) => `ein Teil verwendet eine unbekannte Transferkodierung (${quoted(p.value)}) und bleibt, wie er ist`,
};

/** Schlüsselverwendungen und erweiterte Schlüsselverwendungen nach ihren RFC-Namen, in den Worten der Zertifikatsansicht. */
const KEY_USAGE: Readonly<Record<string, string>> = UI_DE.certificate.keyUsageNames;
const EKU: Readonly<Record<string, string>> = UI_DE.certificate.ekuNames;

/** policy-violation nach seinem Grund (policy-tree.ts). */
const POLICY_FAILURE: Record<string, string> = {
  "malformed-policy-extension": ": die Richtlinien-Erweiterung eines Zertifikats ist nicht lesbar",
  "no-acceptable-policy": ": keine annehmbare Richtlinie bleibt, und eine ausdrückliche wird verlangt",
  "any-policy-mapped": ": eine CA bildet eine Richtlinie auf anyPolicy ab oder von ihr, was nicht erlaubt ist",
};

/** name-constraints-violated nach seinem Grund (name-constraints.ts). */
const BROKEN_LIMITS = "Das Zertifikat der CA ist fehlerhaft; nichts, wofür sie bürgt, ist vertrauenswürdig.";
const NAME_LIMITS: Record<string, Render> = {
  "not-permitted": (p) => ({ title: `Eine CA darf nicht für ${s(p.name)} ausstellen.`, advice: "Die CA hat die ihr gesetzten Grenzen überschritten. Vertrauen Sie dieser Signatur nicht." }),
  excluded: (p) => ({ title: `Einer CA ist verboten, für ${s(p.name)} auszustellen, und sie hat es getan.`, advice: "Die CA hat die ihr gesetzten Grenzen überschritten. Vertrauen Sie dieser Signatur nicht." }),
  "unsupported-form": (p) => ({
    title: `Die Grenzen einer CA betreffen eine Art von Namen, die Signet nicht prüfen kann (${s(p.name)}).`,
    advice: "Eine Grenze, die sich nicht prüfen lässt, gilt als verletzt (so verlangt es RFC 5280); dieser Signatur ist daher nicht zu trauen.",
  }),
  "malformed-name": (p) => ({ title: `Ein Zertifikat enthält einen fehlerhaften Namen (${s(p.name)}), für den die Grenzen einer CA gelten.`, advice: "Er lässt sich nicht gegen die Grenzen prüfen; dieser Signatur ist daher nicht zu trauen." }),
  undecodable: () => ({ title: "Die Grenzen einer CA für die Namen, für die sie ausstellen darf, sind nicht lesbar.", advice: BROKEN_LIMITS }),
  "not-critical": () => ({ title: "Die Grenzen einer CA für Namen sind nicht als kritisch markiert, wie sie es sein müssen.", advice: BROKEN_LIMITS }),
  "in-end-entity": () => ({ title: "Das Zertifikat des Unterzeichners enthält Grenzen für Namen, die nur das einer CA enthalten darf.", advice: BROKEN_LIMITS }),
  "malformed-constraint": (p) => ({ title: `Die Grenzen einer CA für Namen enthalten einen fehlerhaften Eintrag (${s(p.constraint)}).`, advice: BROKEN_LIMITS }),
};

const day = (v: unknown): string => (typeof v === "string" ? v.slice(0, 10) : "einem unbekannten Datum");
const reasonText = (why: string | null): string => (why ? ` (Grund: ${why})` : "");

const quoted = (v: unknown): string => `„${String(v ?? "")}“`;

const NOT_A_MESSAGE: Record<string, string> = {
  empty: ": sie ist leer",
  der: ": es ist ein DER-Objekt, etwa ein Zertifikat oder eine Sperrliste",
  pem: ": es ist eine PEM-Datei",
  http: ": es ist ein HTTP-Austausch",
  "no-header-field": ": sie beginnt nicht mit einer Kopfzeile",
};

const OPENPGP: Record<string, string> = {
  "pgp-mime-encrypted": "Diese Nachricht ist mit OpenPGP (PGP/MIME) verschlüsselt, das Signet nicht prüft.",
  "inline-encrypted": "Diese Nachricht enthält mit OpenPGP verschlüsselten Text, den Signet nicht prüft.",
  "pgp-mime-signed": "Diese Nachricht ist mit OpenPGP (PGP/MIME) signiert; Signet prüft nur S/MIME-Signaturen.",
  "inline-signed": "Diese Nachricht enthält mit OpenPGP signierten Text; Signet prüft nur S/MIME-Signaturen.",
};

export const DE: Record<IssueCode, Render> = {
  "not-a-message": (p) => ({
    title: `Das ist keine E-Mail-Nachricht${NOT_A_MESSAGE[String(p.found)] ?? ""}, daher hat Signet darin nichts geprüft.`,
    advice: p.found === "der" || p.found === "pem"
      ? "Signet prüft E-Mail-Nachrichten (.eml) und S/MIME-Dateien (.p7m, .p7s). Eine Zertifikats- oder Sperrlistendatei allein enthält nichts zu prüfen."
      : "Signet prüft E-Mail-Nachrichten (.eml oder eine mbox-Datei). Speichern Sie die Nachricht aus Ihrem Mailprogramm und öffnen Sie diese Datei.",
  }),
  "cms-object": (p) => ({
    title: p.detached
      ? "Das ist eine Signaturdatei, geprüft gegen den mit ihr angegebenen Inhalt, keine E-Mail-Nachricht."
      : "Das ist eine S/MIME-Datei für sich (CMS), keine E-Mail-Nachricht.",
    advice: "Ohne Nachricht gibt es keinen Absender, mit dem der Unterzeichner verglichen werden kann: Wer signiert hat, wird gezeigt, aber mit niemandem abgeglichen.",
  }),
  "detached-signature": () => ({
    title: "Das ist eine abgetrennte Signatur: Die Datei, die sie signiert, wurde nicht mit angegeben, daher konnte die Signatur nicht geprüft werden.",
    advice: "Prüfen Sie sie zusammen mit der signierten Datei (auf der Kommandozeile: signet inspect DATEI.p7s --content DATEI).",
  }),
  "openpgp-not-inspected": (p) => ({
    title: OPENPGP[String(p.form)] ?? "Diese Nachricht verwendet OpenPGP, das Signet nicht prüft.",
    advice: "Signet prüft nur S/MIME. Entschlüsseln oder prüfen Sie sie mit einem OpenPGP-Programm (Thunderbird hat eines eingebaut).",
  }),
  "malformed-mime": (p) =>
    p.reason === "inspection-stopped"
      ? {
          title: "Signet konnte die Prüfung dieser Nachricht nicht beenden: Es brach bei einem eigenen Fehler ab.",
          advice: "Nichts darin wurde geprüft. Das kann ein Fehler in Signet sein, nicht in der Nachricht; bitte melden Sie ihn, wenn möglich mit der Nachricht.",
          ...readerDetail(p),
        }
      : {
          title: `Der Aufbau der Nachricht ist beschädigt: ${(byReason(MIME_DAMAGE, p.reason) ?? (() => "ein Teil ist nicht lesbar"))(p)}.`,
          advice: "Teile der Nachricht fehlen vielleicht oder werden von anderen Mailprogrammen anders angezeigt. Bitten Sie den Absender, sie erneut zu senden.",
        },
  "malformed-cms": (p) =>
    p.reason === "no-cms-object"
      ? {
          title: "Die als Signatur angegebene Datei enthält keine S/MIME-Signatur (CMS), daher konnte nichts geprüft werden.",
          advice: "Geben Sie zuerst die Signaturdatei (.p7s) und dann die signierte Datei an (auf der Kommandozeile: signet inspect DATEI.p7s --content DATEI).",
        }
      : p.reason === "trailing-data"
      ? {
          title: `Nach dem Ende der Signatur- oder Verschlüsselungsdaten folgen ${count(Number(p.bytes), "Byte", "Bytes")} weitere Daten; sie wurden übergangen.`,
          advice: "Nur was davor steht, wurde gelesen und geprüft. Mailprogramme übergehen solche Daten; das ist ungewöhnlich, für sich allein aber kein Zeichen einer Manipulation.",
        }
      : {
          title: `Die Signatur- oder Verschlüsselungsdaten sind beschädigt: ${(byReason(CMS_DAMAGE, p.reason) ?? (() => "sie sind nicht lesbar"))(p)}.`,
          advice: "Nichts in diesem Teil ist vertrauenswürdig. Bitten Sie den Absender, die Nachricht erneut zu senden.",
          ...readerDetail(p),
        },
  "partially-signed": (p) => ({
    title: p.beginsWith ? `Nur ein Teil dieser Nachricht ist signiert: der Teil, der mit „${s(p.beginsWith)}“ beginnt.` : "Nur ein Teil dieser Nachricht ist signiert.",
    advice: "Text oder Anhänge außerhalb des signierten Teils kann jeder hinzugefügt haben, und sie werden vielleicht zuerst angezeigt. Vertrauen Sie nur dem signierten Teil; sein Anfang wird bei der Signatur gezeigt.",
  }),
  "partially-encrypted": () => ({
    title: "Nur ein Teil dieser Nachricht war verschlüsselt.",
    advice: "Die unverschlüsselten Teile waren unterwegs lesbar und könnten von jemand anderem stammen. Vorsicht beim Antworten mit zitiertem Text.",
  }),
  "nested-signature": (p) => ({
    title: `In der signierten Nachricht steckt eine weitere signierte Nachricht${Array.isArray(p.signedBy) && p.signedBy.length ? `, signiert von ${s(p.signedBy)}` : ""} (${s(p.depth)} Ebenen).`,
    advice: "Meist eine weitergeleitete oder neu signierte Nachricht. Die äußere Signatur steht für den Absender, den Sie sehen; die innere nur für den Text, den sie abdeckt, der älter sein kann.",
  }),
  "no-signers": () => ({
    title: "Die Nachricht gibt sich als signiert aus, enthält aber keine Signatur.",
    advice: "Behandeln Sie sie als unsigniert. Eine als signiert aufgemachte Nachricht ohne Signatur ist verdächtig.",
  }),
  "multiple-signers": (p) => ({
    title: `Die Nachricht hat ${s(p.count)} Signaturen.`,
    advice: "Jeder Unterzeichner wird einzeln gezeigt; die Nachricht gilt nur als gültig, wenn jede Signatur gültig ist.",
  }),
  "limit-exceeded": (p) => ({
    title: `Die Nachricht überschreitet eine Sicherheitsgrenze (${s(p.limit)} = ${s(p.value)}).`,
    advice: "Signet hat dort aufgehört zu lesen, um Ihren Computer zu schützen. So gebaute Nachrichten sind selten und oft feindselig.",
  }),
  "input-unreadable": (p) => ({
    title: `Signet konnte diese Eingabe nicht lesen${p.reason ? ` (${s(p.reason)})` : ""}, daher wurde nichts an ihr geprüft.`,
    advice: "Prüfen Sie Namen und Zugriffsrechte der Datei und versuchen Sie es erneut.",
  }),
  "signature-invalid": () => ({
    title: "Die Signatur passt nicht: Die Nachricht wurde nach dem Signieren verändert, oder die Signatur ist gefälscht.",
    advice: "Vertrauen Sie dem Inhalt nicht. Wenn es wichtig ist, fragen Sie den Absender auf einem anderen Weg.",
  }),
  "digest-mismatch": () => ({
    title: "Der signierte Inhalt wurde nach dem Signieren verändert.",
    advice: "Vertrauen Sie dem Inhalt nicht. Er kann unterwegs oder von einem Angreifer verändert worden sein.",
  }),
  "content-type-mismatch": (p) =>
    p.signedAttributes === false
      ? {
          title: `Der signierte Inhalt ist vom Typ ${s(p.found)}, der nur mit signierten Attributen signiert werden darf, und diese Signatur hat keine (RFC 5652, Abschnitt 5.3).`,
          advice: "Ohne sie deckt die Signatur den Inhaltstyp nicht ab, der Inhalt ließe sich also als eine andere Art ausgeben. Vertrauen Sie ihm nicht; OpenSSL nimmt solche Signaturen an, Signet nicht.",
        }
      : {
          title: `Die Signatur wurde für eine andere Art von Inhalt erstellt (${s(p.found)} statt ${s(p.expected)}).`,
          advice: "Das deutet auf Manipulation oder ein fehlerhaftes Mailprogramm hin. Vertrauen Sie dem Inhalt nicht.",
        },
  "signer-certificate-missing": () => ({
    title: "Das Zertifikat des Unterzeichners ist nicht in der Nachricht enthalten.",
    advice: "Signet kann nicht feststellen, wer signiert hat. Bitten Sie den Absender, sein Zertifikat mitzusenden (die meisten Mailprogramme tun das von selbst).",
  }),
  "unsupported-algorithm": (p) => {
    const what = `${s(p.algorithm)}${(byReason(UNSUPPORTED, p.why) ?? (() => ""))(p)}`;
    if (p.role === "certificate signature") {
      return {
        title: `Ein Zertifikat der Kette ist von seiner CA mit einem Verfahren signiert, das Signet nicht prüfen kann (${what}).`,
        advice: "Das Zertifikat kann in Ordnung sein, lässt sich hier aber nicht prüfen, daher ist der Kette nicht zu trauen. Die Zertifizierungsstelle hat dieses Verfahren gewählt; das Mailprogramm des Absenders kann daran nichts ändern.",
      };
    }
    if (p.role === "encryption" && p.why === "recipient-kind") {
      return {
        title: `Die Nachricht ist für ${p.value === "password" ? "ein Passwort" : p.value === "kek" ? "einen vorab vereinbarten geheimen Schlüssel" : "eine Art Empfänger, die Signet nicht kennt"} verschlüsselt (${s(p.algorithm)}), nicht für ein Zertifikat, und Signet kann solche Nachrichten nicht öffnen.`,
        advice: "Öffnen Sie sie mit dem Programm, für das sie gedacht ist, oder bitten Sie den Absender, sie an Ihr Zertifikat zu verschlüsseln.",
      };
    }
    if (p.role === "encryption") {
      return {
        title: `Die Nachricht ist mit einem Verfahren verschlüsselt, das Signet nicht verwenden kann (${what}).`,
        advice: "Öffnen Sie sie in Ihrem Mailprogramm. Bitten Sie den Absender, mit AES zu verschlüsseln, das jedes aktuelle Mailprogramm anbietet.",
      };
    }
    return {
      title:
        p.role === "key"
          ? `Der Schlüssel des Unterzeichners ist von einer Art, die Signet nicht verwenden kann (${what}).`
          : p.role === "digest"
            ? `Die Nachricht wurde mit einem Hashverfahren signiert, das Signet nicht kennt (${what}).`
            : `Die Nachricht wurde mit einem Signaturverfahren signiert, das Signet nicht prüfen kann (${what}).`,
      advice: "Die Signatur kann in Ordnung sein, lässt sich hier aber nicht prüfen. Bitten Sie den Absender um ein aktuelles Verfahren (RSA oder ECDSA mit SHA-256).",
    };
  },
  "weak-digest": (p) =>
    p.role === "certificate signature"
      ? {
          title: p.accepted
            ? `Ein Zertifikat der Kette wurde von seiner CA mit ${s(p.algorithm)} signiert, das veraltet ist; es wurde angenommen, weil Ihre Einstellungen es erlauben.`
            : `Ein Zertifikat der Kette wurde von seiner CA mit ${s(p.algorithm)} signiert, das zu schwach ist, um ihm zu vertrauen: Solche Zertifikate lassen sich fälschen.`,
          advice: "Die Zertifizierungsstelle des Absenders muss ein mit SHA-256 signiertes Zertifikat ausstellen; das Mailprogramm des Absenders kann daran nichts ändern.",
        }
      : {
          title: p.accepted
            ? `Die Signatur verwendet ${s(p.algorithm)}, das veraltet ist; sie wurde angenommen, weil Ihre Einstellungen es erlauben.`
            : p.intact
              ? `Die Nachricht ist unverändert, wurde aber mit ${s(p.algorithm)} signiert, das Signet ablehnt, weil sich solche Signaturen fälschen lassen.`
              : `Die Signatur verwendet ${s(p.algorithm)}, das zu schwach ist, um ihm zu vertrauen: Fälschungen sind praktisch möglich.`,
          advice: "Bitten Sie den Absender, sein Mailprogramm zu aktualisieren; jedes aktuelle signiert mit SHA-256.",
        },
  "weak-key": (p) =>
    p.role === "certificate signature"
      ? {
          title: `Eine Zertifizierungsstelle der Kette signiert mit einem Schlüssel von nur ${s(p.bits)} Bit (mindestens ${s(p.minimum)} erwartet).`,
          advice: "So kurze Schlüssel lassen sich brechen, und mit ihnen jedes Zertifikat, das die CA signiert hat. Nur die Zertifizierungsstelle kann das ändern.",
        }
      : {
          title: p.intact
            ? `Die Nachricht ist unverändert, aber der Schlüssel des Unterzeichners hat nur ${s(p.bits)} Bit (mindestens ${s(p.minimum)} erwartet), was Signet ablehnt: So kurze Schlüssel lassen sich brechen.`
            : `Der Schlüssel des Unterzeichners hat nur ${s(p.bits)} Bit (mindestens ${s(p.minimum)} erwartet).`,
          advice: "So kurze Schlüssel lassen sich brechen. Bitten Sie den Absender, ein neues Zertifikat zu beschaffen.",
        },
  "sender-mismatch": (p) =>
    p.field === "sender"
      ? {
          title: `Die Sender-Zeile (${s(p.addresses)}) steht nicht im Zertifikat des Unterzeichners (${s(p.certificateEmails)}).`,
          advice: "Die From-Adresse ist die des Unterzeichners; die Sender-Zeile hat jemand anderes hinzugefügt, oft eine Mailingliste. Die Signatur bürgt nicht für sie.",
        }
      : p.caseOnly
        ? {
            title: `Die Absenderadresse ${s(p.addresses)} unterscheidet sich von der des Zertifikats (${s(p.certificateEmails)}) nur in Groß- und Kleinschreibung.`,
            advice: "Meist harmlos: Mailprogramme schreiben Adressen unterschiedlich. Das Postfach ist bei fast jedem Anbieter dasselbe.",
          }
        : {
            title: `Die Absenderadresse ${s(p.addresses)} steht nicht im Zertifikat des Unterzeichners (${s(p.certificateEmails)}).`,
            advice: "Vielleicht gibt sich jemand mit seinem eigenen gültigen Zertifikat als der Absender aus. Prüfen Sie die Adresse genau.",
          },
  "signed-on-behalf": (p) => ({
    title: `Signiert von ${s(p.sender)} (dem Sender), nicht von ${s(p.from)}, den die From-Zeile nennt.`,
    advice: "Die Signatur bürgt nur für den Sender. Behandeln Sie die Nachricht als von ihm, nicht von der in From genannten Person.",
  }),
  "display-name-spoof": (p) => ({
    title: `Der Name des Absenders „${s(p.displayName)}“ zeigt die Adresse ${s(p.shownAddress)}, signiert hat aber ${s(p.address)}.`,
    advice: "Ein Name, der die Adresse eines anderen trägt, ist ein bekannter Trick, sich als jemand anderes auszugeben. Der echte Absender ist die Adresse des Unterzeichners.",
  }),
  "display-name-unverified": (p) => ({
    title: `Signiert von ${s(p.address)}, angezeigt als „${s(p.displayName)}“.`,
    advice: `Das Zertifikat bürgt für die Adresse ${s(p.address)}${Array.isArray(p.certificateNames) && p.certificateNames.length ? ` und den Namen ${s(p.certificateNames)}` : ""}, nicht für den angezeigten Namen. Prüfen Sie die Adresse, bevor Sie auf die Nachricht hin handeln.`,
  }),
  "multiple-from-fields": (p) => ({
    title: `Die Nachricht hat ${s(p.count)} From-Zeilen (${s(p.addresses)}); erlaubt ist nur eine.`,
    advice: "Mailprogramme zeigen unterschiedliche davon an, vielleicht also gerade die, für die nicht signiert wurde. Betrachten Sie den Absender als nicht bestätigt.",
  }),
  "multiple-sender-fields": (p) => ({
    title: `Die Nachricht hat ${s(p.count)} Sender-Zeilen (${s(p.addresses)}); erlaubt ist höchstens eine.`,
    advice: "Mailprogramme zeigen unterschiedliche davon an. Betrachten Sie den Absender als nicht bestätigt.",
  }),
  "missing-from": () => ({
    title: "Die Nachricht hat keine From-Adresse, also verbindet nichts die Signatur mit einem Absender.",
    advice: "Die Signatur beweist, wer signiert hat, nicht, von wem die Nachricht angeblich stammt. Sehen Sie sich das Zertifikat des Unterzeichners selbst an.",
  }),
  "lookalike-address": (p) => ({
    title: `Die Adresse ${s(p.address)} ${
      p.reason === "mixed-scripts"
        ? `mischt Buchstaben mehrerer Schriften (${s(p.scripts)})`
        : p.reason === "looks-latin"
          ? `ist in ${s(p.scripts)} Buchstaben geschrieben, die wie lateinische aussehen`
          : "enthält unsichtbare Zeichen"
    }; in reinem ASCII geschrieben lautet sie ${s(p.ascii)}.`,
    advice: "Solche Adressen sollen als eine andere durchgehen. Vergleichen Sie die ASCII-Schreibweise mit der Adresse, die Sie erwarten.",
  }),
  "no-email-in-certificate": () => ({
    title: "Das Zertifikat des Unterzeichners enthält keine E-Mail-Adresse.",
    advice: "Signet kann nicht bestätigen, dass der Unterzeichner der Absender ist. Prüfen Sie den Namen im Zertifikat selbst.",
  }),
  "header-mismatch": (p) => ({
    title: p.notProtected
      ? `Die ${fieldName(p.header)}-Zeile (${quoted(p.outer)}) wurde außerhalb der Signatur hinzugefügt: Der Unterzeichner hat sie nicht geschrieben.`
      : p.missingOutside
        ? `Der Unterzeichner hat eine ${fieldName(p.header)}-Zeile (${quoted(p.protected)}) geschrieben, die die Nachricht nicht mehr zeigt.`
        : `Die angezeigte ${fieldName(p.header)}-Zeile (${quoted(p.outer)}) ist nicht die, die der Unterzeichner geschrieben hat (${quoted(p.protected)}).`,
    advice: p.header === "reply-to" || p.notProtected
      ? "Jemand unterwegs hat den Kopf der Nachricht verändert. Antworten gehen vielleicht an jemand anderen: Prüfen Sie die Adresse, bevor Sie antworten."
      : "Jemand unterwegs hat den Kopf der Nachricht verändert. Vertrauen Sie der signierten Fassung, die Signet bei der Signatur zeigt.",
  }),
  "no-date": (p) => ({
    title: p.dateField === "unreadable"
      ? "Die Date-Zeile der Nachricht ist nicht lesbar, daher lässt sich die Signaturzeit nicht mit ihr vergleichen."
      : "Die Nachricht hat keine Date-Zeile, daher lässt sich die Signaturzeit nicht mit ihr vergleichen.",
    advice: "Nichts zu tun: Die Signatur wird wie üblich beurteilt. Mailprogramme fügen normalerweise eine Date-Zeile ein, ihr Fehlen ist ungewöhnlich.",
  }),
  "date-mismatch": (p) => ({
    title: `Die Signaturzeit (${s(p.signingTime)}) und die Date-Zeile (${s(p.date)}) liegen ${span(Number(p.minutesApart))} auseinander.`,
    advice: "Eine alte signierte Nachricht wurde vielleicht mit neuem Datum erneut gesendet. Prüfen Sie, ob der Inhalt aktuell ist.",
  }),
  expired: (p) => ({
    title: `Ein Zertifikat der Kette ist am ${day(p.notAfter)} abgelaufen.`,
    advice: "Der Absender (oder seine CA) muss es erneuern. Ein abgelaufenes Zertifikat kann für niemanden mehr bürgen.",
  }),
  "not-yet-valid": (p) => ({
    title: `Ein Zertifikat der Kette ist erst ab ${day(p.notBefore)} gültig.`,
    advice: "Prüfen Sie die Uhr Ihres Computers. Geht sie richtig, wurde das Zertifikat mit einem Beginn in der Zukunft ausgestellt.",
  }),
  "unknown-issuer": (p) => ({
    title: `Das Zertifikat wurde von „${s(p.issuer)}“ ausgestellt, das Signet nicht finden konnte${Array.isArray(p.caIssuers) && p.caIssuers.length ? ` (auch nicht unter ${s(p.caIssuers)})` : ""}.`,
    advice: "Entweder hat das Mailprogramm des Absenders ein Zwischenzertifikat weggelassen (bitten Sie um die vollständige Kette), oder Ihnen fehlt diese CA: Fügen Sie sie erst hinzu, nachdem Sie sie mit ihrem Betreiber geprüft haben.",
  }),
  "issuer-loop": (p) => ({
    title: `Die Kette läuft im Kreis: „${s(p.issuer)}“ ist nur von Zertifikaten beglaubigt, die schon in der Kette stehen, daher erreicht sie keine Wurzel.`,
    advice: "Die CAs beglaubigen sich gegenseitig, und die Wurzel, die den Kreis beendet, fehlt. Bitten Sie den Absender um die vollständige Kette, oder fügen Sie diese Wurzel erst hinzu, nachdem Sie sie mit ihrem Betreiber geprüft haben.",
  }),
  "untrusted-root": (p) => ({
    title: `Die Kette endet bei „${s(p.subject)}“, einer Wurzel, der Sie nicht vertrauen.`,
    advice: "Vertrauen Sie dieser Wurzel nur, wenn Sie sie mit ihrem Betreiber geprüft haben (zum Beispiel der eigenen CA Ihrer Firma).",
  }),
  distrusted: (p) => ({
    title: `„${s(p.subject)}“ steht auf Ihrer Liste misstrauter Zertifikate.`,
    advice: "Signet verlässt sich nie auf ein Zertifikat, dem Sie misstrauen. Vertrauen Sie dieser Signatur nicht.",
  }),
  "bad-certificate-signature": (p) => ({
    title: `Die Signatur eines Zertifikats passt nicht zu seinem Aussteller („${s(p.issuer)}“).`,
    advice: "Die Kette ist gefälscht oder beschädigt. Vertrauen Sie dieser Signatur nicht.",
  }),
  "not-a-ca": (p) => ({
    title: `„${s(p.subject)}“ hat ein Zertifikat ausgestellt, ist aber keine Zertifizierungsstelle.`,
    advice: "Die Kette ist ungültig: Nur Zertifizierungsstellen dürfen Zertifikate ausstellen.",
  }),
  "path-length-exceeded": () => ({
    title: "Die Kette hat mehr Zertifizierungsstellen, als eine darüberliegende erlaubt.",
    advice: "Die Kette ist ungültig. Die CA des Absenders muss von einer erlaubten Stelle aus ausstellen.",
  }),
  "key-usage": (p) => ({
    title: `Die Schlüsselverwendung eines Zertifikats erlaubt nicht ${words(p.required, KEY_USAGE, " oder ")}: Sie erlaubt nur ${words(p.present, KEY_USAGE, ", ")}.`,
    advice: "Das Zertifikat wurde nicht für das ausgestellt, wofür es hier verwendet wird.",
  }),
  "missing-email-protection": (p) => ({
    title: `Ein Zertifikat der Kette ist nicht für E-Mail ausgestellt: Seine erweiterte Schlüsselverwendung erlaubt nur ${words(p.present, EKU, ", ")}.`,
    advice: "Der Absender braucht ein S/MIME-Zertifikat; dieses ist für etwas anderes gedacht, etwa Webserver.",
  }),
  "name-constraints-violated": (p) => NAME_LIMITS[String(p.reason)]?.(p) ?? NAME_LIMITS["not-permitted"]!(p),
  "policy-violation": (p) => ({
    title: `Die Kette erfüllt die verlangte Zertifikatsrichtlinie nicht${POLICY_FAILURE[String(p.reason)] ?? ""}.`,
    advice: "Die Kette ist unter der Richtlinie, die Ihre Einstellungen verlangen, ungültig.",
  }),
  "unhandled-critical-extension": (p) => ({
    title: `Ein Zertifikat hat eine kritische Erweiterung, die Signet nicht versteht (${s(p.extensions)}).`,
    advice: "Eine kritische Erweiterung muss verstanden werden, bevor ein Zertifikat verwendet wird; es kann daher nicht angenommen werden.",
  }),
  "path-search-limit": () => ({
    title: "Signet hat die Suche nach einer Zertifikatskette abgebrochen: Die Nachricht bietet zu viele oder zu verworrene Zertifikate an.",
    advice: "Echte Absender brauchen nie so viele. Die Nachricht ist vielleicht gebaut, um Mailprogramme auszubremsen.",
  }),
  "validated-at-signing-time": (p) => ({
    title: `Die Zertifikate wurden zur vom Unterzeichner angegebenen Signaturzeit (${s(p.signingTime)}) beurteilt, nicht jetzt.`,
    advice: "Wer den Schlüssel hat, kann jede Signaturzeit angeben. Verlassen Sie sich darauf nur bei Post, von der Sie wissen, dass sie damals ankam.",
  }),
  revoked: (p) => ({
    title: `Ein Zertifikat der Kette wurde${p.date ? ` am ${day(p.date)}` : ""} gesperrt${reasonText(revocationReason(p.reason, REVOCATION_REASON))}.`,
    advice: "Sein Inhaber oder seine CA hat es zurückgezogen, zum Beispiel weil der Schlüssel gestohlen wurde. Vertrauen Sie dieser Signatur nicht.",
  }),
  "revocation-unknown": (p) => ({
    title: "Signet konnte nicht erfahren, ob ein Zertifikat gesperrt wurde.",
    advice: "Die Signatur kann trotzdem in Ordnung sein. Wenn es wichtig ist, lassen Sie sie sich vom Absender auf einem anderen Weg bestätigen.",
    details: problems(p).map(revocationProblem),
  }),
  "revocation-unavailable": (p) => ({
    title: "Der Sperrdienst war nicht erreichbar.",
    advice: "Prüfen Sie Ihre Verbindung und öffnen Sie die Nachricht später erneut; die Antwort wird gespeichert, sobald sie eintrifft.",
    details: problems(p).map(revocationProblem),
  }),
  "revocation-stale": (p) => ({
    title: "Die vorliegenden Sperrinformationen sind veraltet.",
    advice: "Öffnen Sie die Nachricht erneut, wenn Sie online sind, damit Signet eine aktuelle Antwort holen kann.",
    details: problems(p).map(revocationProblem),
  }),
  "revocation-response-invalid": (p) => ({
    title: "Einer Sperrauskunft war nicht zu trauen.",
    advice: "Eine Antwort kam, war aber nicht lesbar, mit einem von Signet abgelehnten Verfahren oder Schlüssel signiert oder nicht von der CA des Zertifikats oder einem von ihr beauftragten Dienst signiert (siehe, was versucht wurde). Betrachten Sie den Sperrstatus als unbekannt.",
    details: problems(p).map(revocationProblem),
  }),
  "no-decryption-key": (p) => ({
    title: `Die Nachricht ist${p.recipients !== undefined ? ` an ${count(Number(p.recipients), "Empfänger", "Empfänger")}` : ""} verschlüsselt, und keiner der Schlüssel, die Signet hat, kann sie öffnen.`,
    advice: "Öffnen Sie sie in Ihrem Mailprogramm, das Ihren Schlüssel haben kann. Wurde sie an Sie geschickt, ist der passende Schlüssel nicht unter denen, die Signet hat.",
  }),
  "decryption-failed": (p) => ({
    title: p.by === "host" ? "Ihr Mailprogramm hat einen Schlüssel für diese Nachricht, konnte sie aber nicht entschlüsseln." : "Einer Ihrer Schlüssel ist Empfänger dieser Nachricht, aber sie ließ sich damit nicht entschlüsseln.",
    advice: "Der verschlüsselte Inhalt ist beschädigt oder wurde unterwegs verändert. Bitten Sie den Absender, sie noch einmal zu senden.",
  }),
  "unauthenticated-encryption": (p) => ({
    title: p.opened
      ? `Die Verschlüsselung (${s(p.algorithm)}) schützt den Inhalt nicht vor Veränderung, und keine Signatur darin tut es.`
      : `Die Verschlüsselung (${s(p.algorithm)}) schützt nicht vor Veränderung.`,
    advice: p.opened
      ? "Wer diesen Geheimtext hat, kann unbemerkt ändern, was er entschlüsselt ergibt (die EFAIL-Angriffe). Trauen Sie Links und Anweisungen darin nicht, ohne beim Absender nachzufragen."
      : "So verschlüsselte Inhalte lassen sich unbemerkt verändern (EFAIL). Eine Signatur darin schützt sie.",
  }),
  "weak-encryption": (p) => ({
    title: `Die Nachricht ist mit ${s(p.algorithm)} verschlüsselt, einem veralteten Verfahren.`,
    advice: "Bitten Sie den Absender, sein Mailprogramm zu aktualisieren, damit es AES verwendet.",
  }),
};

export function describeIssueDe(issue: Issue): IssueText {
  return DE[issue.code](issue.params);
}
