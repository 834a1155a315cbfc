/**
 * Object identifiers the core recognises, the one table of them, with the names shown to
 * people: CMS and algorithm identifiers (OID), certificate and CRL extensions (EXT), extended
 * key usages (EKU).
 */

export const OID = {
  // RFC 5652 section 4-9: CMS content types
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  envelopedData: "1.2.840.113549.1.7.3",
  digestedData: "1.2.840.113549.1.7.5",
  encryptedData: "1.2.840.113549.1.7.6",
  authEnvelopedData: "1.2.840.113549.1.9.16.1.23", // RFC 5083
  compressedData: "1.2.840.113549.1.9.16.1.9", // RFC 3274
  // RFC 5652 section 11: signed attributes
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  // RFC 8551 section 2.5.2 and 2.5.3
  smimeCapabilities: "1.2.840.113549.1.9.15",
  encryptionKeyPreference: "1.2.840.113549.1.9.16.2.11",
  // Digests
  md5: "1.2.840.113549.2.5",
  sha1: "1.3.14.3.2.26",
  sha224: "2.16.840.1.101.3.4.2.4",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
  // Signature and key algorithms
  rsaEncryption: "1.2.840.113549.1.1.1",
  md5WithRSA: "1.2.840.113549.1.1.4",
  sha1WithRSA: "1.2.840.113549.1.1.5",
  rsassaPss: "1.2.840.113549.1.1.10",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  sha384WithRSA: "1.2.840.113549.1.1.12",
  sha512WithRSA: "1.2.840.113549.1.1.13",
  sha224WithRSA: "1.2.840.113549.1.1.14",
  mgf1: "1.2.840.113549.1.1.8",
  ecPublicKey: "1.2.840.10045.2.1",
  ecdsaWithSha1: "1.2.840.10045.4.1",
  ecdsaWithSha224: "1.2.840.10045.4.3.1",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  ecdsaWithSha384: "1.2.840.10045.4.3.3",
  ecdsaWithSha512: "1.2.840.10045.4.3.4",
  ed25519: "1.3.101.112",
  ed448: "1.3.101.113",
  dsa: "1.2.840.10040.4.1",
  dsaWithSha1: "1.2.840.10040.4.3",
  dsaWithSha224: "2.16.840.1.101.3.4.3.1",
  dsaWithSha256: "2.16.840.1.101.3.4.3.2",
  // Curves
  p256: "1.2.840.10045.3.1.7",
  p384: "1.3.132.0.34",
  p521: "1.3.132.0.35",
  // Key transport and agreement (RFC 3370 section 4.2.1, RFC 4055 section 4.1, RFC 5753 section 7.1.4)
  rsaesOaep: "1.2.840.113549.1.1.7",
  pSpecified: "1.2.840.113549.1.1.9",
  ecdhStdSha1Kdf: "1.3.133.16.840.63.0.2",
  ecdhStdSha224Kdf: "1.3.132.1.11.0",
  ecdhStdSha256Kdf: "1.3.132.1.11.1",
  ecdhStdSha384Kdf: "1.3.132.1.11.2",
  ecdhStdSha512Kdf: "1.3.132.1.11.3",
  // Key wrap (RFC 3394 via RFC 3565 section 2.3.2)
  aes128Wrap: "2.16.840.1.101.3.4.1.5",
  aes192Wrap: "2.16.840.1.101.3.4.1.25",
  aes256Wrap: "2.16.840.1.101.3.4.1.45",
  // Content encryption (RFC 3565 section 4.1, RFC 5084 section 3, RFC 3370 section 5)
  aes128Cbc: "2.16.840.1.101.3.4.1.2",
  aes192Cbc: "2.16.840.1.101.3.4.1.22",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
  aes128Gcm: "2.16.840.1.101.3.4.1.6",
  aes192Gcm: "2.16.840.1.101.3.4.1.26",
  aes256Gcm: "2.16.840.1.101.3.4.1.46",
  desEde3Cbc: "1.2.840.113549.3.7",
  // Microsoft's encryption key preference (used by Outlook alongside RFC 8551's)
  msEncryptionKeyPreference: "1.3.6.1.4.1.311.16.4",
  // Certificate fields
  emailAddress: "1.2.840.113549.1.9.1",
  // X.520 name attributes (RFC 5280 appendix A.1): the names a person's certificate carries
  commonName: "2.5.4.3",
  surname: "2.5.4.4",
  givenName: "2.5.4.42",
  initials: "2.5.4.43",
  pseudonym: "2.5.4.65",
  zlibCompress: "1.2.840.113549.1.9.16.3.8",
  // Content encryption the core treats specially (RFC 8551 section 2.7: RC2's key size is a parameter)
  rc2Cbc: "1.2.840.113549.3.2",
  // RFC 5940 section 2.1: an OCSP response as other revocation information in SignedData
  riOcspResponse: "1.3.6.1.5.5.7.16.2",
  // RFC 5280 section 4.2.2.1: access methods of authorityInfoAccess
  adOcsp: "1.3.6.1.5.5.7.48.1",
  adCaIssuers: "1.3.6.1.5.5.7.48.2",
  // RFC 6960 section 4.2.1 and RFC 8954: the basic response type and the nonce extension
  ocspBasic: "1.3.6.1.5.5.7.48.1.1",
  ocspNonce: "1.3.6.1.5.5.7.48.1.2",
  // RFC 5280 section 4.2.1.4: the policy that stands for any policy
  anyPolicy: "2.5.29.32.0",
} as const;

/** Certificate and CRL extensions (RFC 5280 sections 4.2 and 5.2-5.3), the one table of them. */
export const EXT = {
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  issuerAltName: "2.5.29.18",
  basicConstraints: "2.5.29.19",
  // CRL and CRL entry extensions (RFC 5280 sections 5.2 and 5.3)
  cRLNumber: "2.5.29.20",
  reasonCode: "2.5.29.21",
  invalidityDate: "2.5.29.24",
  deltaCRLIndicator: "2.5.29.27",
  issuingDistributionPoint: "2.5.29.28",
  certificateIssuer: "2.5.29.29",
  nameConstraints: "2.5.29.30",
  crlDistributionPoints: "2.5.29.31",
  certificatePolicies: "2.5.29.32",
  policyMappings: "2.5.29.33",
  authorityKeyIdentifier: "2.5.29.35",
  policyConstraints: "2.5.29.36",
  extKeyUsage: "2.5.29.37",
  freshestCrl: "2.5.29.46",
  inhibitAnyPolicy: "2.5.29.54",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  subjectInfoAccess: "1.3.6.1.5.5.7.1.11",
  // RFC 6962 section 3.3: signed certificate timestamps
  ctPrecertificateScts: "1.3.6.1.4.1.11129.2.4.2",
} as const;

export const EKU = {
  any: "2.5.29.37.0",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  codeSigning: "1.3.6.1.5.5.7.3.3",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  ocspSigning: "1.3.6.1.5.5.7.3.9",
  msDocumentSigning: "1.3.6.1.4.1.311.10.3.12",
} as const;

/**
 * Certificate extensions and extended key usages by their identifiers in the RFCs' ASN.1
 * (id-ce-keyUsage is keyUsage; RFC 5280 sections 4.2 and 4.2.1.12): the same in every language,
 * for the catalogues to word.
 */
const EXTENSION_IDENTIFIERS = {
  [EXT.subjectKeyIdentifier]: "subjectKeyIdentifier",
  [EXT.keyUsage]: "keyUsage",
  [EXT.subjectAltName]: "subjectAltName",
  [EXT.issuerAltName]: "issuerAltName",
  [EXT.basicConstraints]: "basicConstraints",
  [EXT.nameConstraints]: "nameConstraints",
  [EXT.crlDistributionPoints]: "cRLDistributionPoints",
  [EXT.certificatePolicies]: "certificatePolicies",
  [EXT.policyMappings]: "policyMappings",
  [EXT.authorityKeyIdentifier]: "authorityKeyIdentifier",
  [EXT.policyConstraints]: "policyConstraints",
  [EXT.extKeyUsage]: "extKeyUsage",
  [EXT.freshestCrl]: "freshestCRL",
  [EXT.inhibitAnyPolicy]: "inhibitAnyPolicy",
  [EXT.authorityInfoAccess]: "authorityInfoAccess",
  [EXT.subjectInfoAccess]: "subjectInfoAccess",
  [OID.smimeCapabilities]: "smimeCapabilities",
  [EXT.ctPrecertificateScts]: "signedCertificateTimestampList",
} as const;

const EKU_IDENTIFIERS = {
  [EKU.any]: "anyExtendedKeyUsage",
  [EKU.serverAuth]: "serverAuth",
  [EKU.clientAuth]: "clientAuth",
  [EKU.codeSigning]: "codeSigning",
  [EKU.emailProtection]: "emailProtection",
  [EKU.timeStamping]: "timeStamping",
  [EKU.ocspSigning]: "OCSPSigning",
  [EKU.msDocumentSigning]: "msDocumentSigning",
} as const;

export type KnownExtension = (typeof EXTENSION_IDENTIFIERS)[keyof typeof EXTENSION_IDENTIFIERS];
export type KnownEku = (typeof EKU_IDENTIFIERS)[keyof typeof EKU_IDENTIFIERS];

function identifierIn<T extends Readonly<Record<string, string>>>(table: T, oid: string): T[keyof T] | null {
  return Object.hasOwn(table, oid) ? table[oid as keyof T] : null;
}

/** A certificate extension's identifier (keyUsage), or null for one Signet does not know. */
export const extensionIdentifier = (oid: string): KnownExtension | null => identifierIn(EXTENSION_IDENTIFIERS, oid);

/** An extended key usage's identifier (emailProtection), or null for one Signet does not know. */
export const ekuIdentifier = (oid: string): KnownEku | null => identifierIn(EKU_IDENTIFIERS, oid);

const NAMES: Record<string, string> = {
  [OID.data]: "data",
  [OID.signedData]: "signedData",
  [OID.envelopedData]: "envelopedData",
  [OID.digestedData]: "digestedData",
  [OID.encryptedData]: "encryptedData",
  [OID.authEnvelopedData]: "authEnvelopedData",
  [OID.compressedData]: "compressedData",
  [OID.md5]: "MD5",
  [OID.sha1]: "SHA-1",
  [OID.sha224]: "SHA-224",
  [OID.sha256]: "SHA-256",
  [OID.sha384]: "SHA-384",
  [OID.sha512]: "SHA-512",
  // FIPS 202 digests (RFC 8702 section 2): named, not computed; a signature that uses one is unverifiable here
  "2.16.840.1.101.3.4.2.7": "SHA3-224",
  "2.16.840.1.101.3.4.2.8": "SHA3-256",
  "2.16.840.1.101.3.4.2.9": "SHA3-384",
  "2.16.840.1.101.3.4.2.10": "SHA3-512",
  [OID.rsaEncryption]: "RSA",
  [OID.md5WithRSA]: "RSA with MD5",
  [OID.sha1WithRSA]: "RSA with SHA-1",
  [OID.sha224WithRSA]: "RSA with SHA-224",
  [OID.sha256WithRSA]: "RSA with SHA-256",
  [OID.sha384WithRSA]: "RSA with SHA-384",
  [OID.sha512WithRSA]: "RSA with SHA-512",
  [OID.rsassaPss]: "RSA-PSS",
  [OID.ecPublicKey]: "ECDSA",
  [OID.ecdsaWithSha1]: "ECDSA with SHA-1",
  [OID.ecdsaWithSha224]: "ECDSA with SHA-224",
  [OID.ecdsaWithSha256]: "ECDSA with SHA-256",
  [OID.ecdsaWithSha384]: "ECDSA with SHA-384",
  [OID.ecdsaWithSha512]: "ECDSA with SHA-512",
  [OID.ed25519]: "Ed25519",
  [OID.ed448]: "Ed448",
  [OID.dsa]: "DSA",
  [OID.dsaWithSha1]: "DSA with SHA-1",
  [OID.dsaWithSha224]: "DSA with SHA-224",
  [OID.dsaWithSha256]: "DSA with SHA-256",
  [OID.rsaesOaep]: "RSAES-OAEP",
  [OID.zlibCompress]: "zlib",
  // Content encryption, for SMIMECapabilities and EnvelopedData (RFC 3565, RFC 5084, RFC 8018)
  [OID.aes128Cbc]: "AES-128-CBC",
  [OID.aes192Cbc]: "AES-192-CBC",
  [OID.aes256Cbc]: "AES-256-CBC",
  [OID.aes128Gcm]: "AES-128-GCM",
  [OID.aes192Gcm]: "AES-192-GCM",
  [OID.aes256Gcm]: "AES-256-GCM",
  [OID.aes128Wrap]: "AES-128 key wrap",
  [OID.aes192Wrap]: "AES-192 key wrap",
  [OID.aes256Wrap]: "AES-256 key wrap",
  // RFC 3217 (id-alg-CMS3DESwrap): what OpenSSL wraps with when the content is 3DES; named so the report can say which it was.
  "1.2.840.113549.1.9.16.3.6": "3DES key wrap",
  [OID.desEde3Cbc]: "3DES-CBC",
  "1.2.840.113549.1.9.16.3.9": "PWRI-KEK",
  [OID.rc2Cbc]: "RC2-CBC",
  "1.3.14.3.2.7": "DES-CBC",
  "1.2.840.113549.1.9.16.3.18": "ChaCha20-Poly1305",
  [OID.ecdhStdSha1Kdf]: "ECDH (SHA-1 KDF)",
  [OID.ecdhStdSha224Kdf]: "ECDH (SHA-224 KDF)",
  [OID.ecdhStdSha256Kdf]: "ECDH (SHA-256 KDF)",
  [OID.ecdhStdSha384Kdf]: "ECDH (SHA-384 KDF)",
  [OID.ecdhStdSha512Kdf]: "ECDH (SHA-512 KDF)",
  "1.2.840.113549.1.9.15.1": "preferSignedData",
  "1.2.840.113549.1.9.15.2": "canNotDecryptAny",
  "1.2.840.113549.1.9.15.3": "sMIMECapabilitiesVersions",
};

export function oidName(oid: string): string {
  return NAMES[oid] ?? oid;
}

export function algorithmName(oid: string): { oid: string; name: string } {
  return { oid, name: oidName(oid) };
}
