/**
 * manifest.xml as this server hands it out: the file in the repository names
 * the development origin (https://localhost:8443); a deployment answers with
 * its own public origin in every URL, and with its support page,
 * so that the manifest a person sideloads always points at the server it
 * came from.
 */

/** The origin manifest.xml is written with. */
export const MANIFEST_DEV_ORIGIN = "https://localhost:8443";

export interface ManifestUrls {
  /** https://host[:port] of this server as Outlook reaches it. */
  origin: string;
  /** Where the add-in's users find help. Default: the origin's /support.html. The XML manifest has no privacy URL: AppSource takes it in Partner Center (store/outlook/). */
  supportUrl?: string;
}

const escapeAttribute = (s: string): string => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The manifest with its URLs pointed at `urls`. */
export function rewriteManifest(template: string, urls: ManifestUrls): string {
  const origin = urls.origin.replace(/\/$/, "");
  let out = template.split(MANIFEST_DEV_ORIGIN).join(escapeAttribute(origin));
  if (urls.supportUrl) out = out.replace(/(<SupportUrl DefaultValue=")[^"]*(")/, `$1${escapeAttribute(urls.supportUrl)}$2`);
  return out;
}
