/**
 * The one entry point to @peculiar/x509. Its decorators need the Reflect
 * metadata polyfill loaded first (a known trap), so every import goes through here.
 */
import "reflect-metadata";
export { X509Certificate, SubjectAlternativeNameExtension, Name } from "@peculiar/x509";
