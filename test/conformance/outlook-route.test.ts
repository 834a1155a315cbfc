/**
 * The Outlook pane's choice of bytes on mail nobody here made: every message
 * of Thunderbird's S/MIME corpus and the misc-smime samples, each offered as
 * if Outlook listed a single smime.p7m attachment beside it. A message that is
 * S/MIME itself stays the EML; one that is not (S/MIME inside multipart/mixed,
 * PGP around S/MIME, autocrypt's complex sample) shows content of its own, so
 * it stays the EML too: none is ever replaced by an attachment.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseRoute, isSmimeMessage } from "../../src/hosts/outlook/smime-route.js";
import { corpus } from "../helpers/corpora.js";

const dirs = [corpus("thunderbird-smime"), corpus("misc-smime")].filter((d): d is string => d !== null);

function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? emlFiles(path) : name.endsWith(".eml") ? [path] : [];
  });
}

describe.skipIf(dirs.length === 0)("the Outlook route over the public corpora", () => {
  it("no corpus message is taken for an Exchange S/MIME item, whatever single attachment Outlook lists", () => {
    const files = dirs.flatMap(emlFiles);
    const smime = files.filter((f) => isSmimeMessage(new Uint8Array(readFileSync(f))));
    const attachment = { id: "1", name: "smime.p7m", contentType: "application/pkcs7-mime", isInline: false, attachmentType: "file" };
    const replaced = files.filter((f) => chooseRoute(new Uint8Array(readFileSync(f)), [attachment]).kind !== "eml");
    console.log(`outlook route: ${files.length} corpus messages, ${smime.length} S/MIME themselves, ${replaced.length} replaced by an attachment`);
    expect(files.length).toBeGreaterThan(80);
    expect(smime.length).toBeGreaterThan(files.length - 10);
    expect(replaced).toEqual([]);
  });
});
