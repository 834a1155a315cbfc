/**
 * The one entry point to @peculiar/x509. Its decorators need the Reflect
 * metadata polyfill loaded first (a known trap), so every import goes through here.
 */
import "reflect-metadata";
export { X509Certificate, SubjectAlternativeNameExtension, Name } from "@peculiar/x509";
// The server's development certificate (server/dev-certificate.ts).
export { X509CertificateGenerator, BasicConstraintsExtension, ExtendedKeyUsageExtension, KeyUsagesExtension, KeyUsageFlags, PemConverter } from "@peculiar/x509";
