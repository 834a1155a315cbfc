/**
 * Every bound the core applies to hostile input, in one place, with its reason.
 * Mail comes from strangers: each limit turns an attack (deep nesting, part
 * floods, decompression bombs, giant headers) into a report issue in bounded
 * time and memory instead of a hang or a crash.
 */
export interface Limits {
  /**
   * Largest message accepted, in bytes. Default 128 MiB: above the 20-150 MB
   * attachment limits of common mail services, so real mail is never refused,
   * while bounding the few copies the verifier keeps (raw, canonical signed bytes).
   */
  readonly maxMessageBytes: number;
  /**
   * Largest header block of one entity, in bytes. Default 1 MiB: RFC 5322 section
   * 2.1.1 caps lines at 998 characters; real header blocks are a few KiB even with
   * long Received chains. A larger block is reported and its entity treated as opaque.
   */
  readonly maxHeaderBytes: number;
  /**
   * Deepest MIME nesting followed. Default 32: Thunderbird's libmime stops far
   * earlier in practice, and legitimate mail rarely exceeds 6 levels.
   */
  readonly maxMimeDepth: number;
  /** Most MIME entities parsed in one message. Default 2,000 (mailing-list digests stay well below). */
  readonly maxParts: number;
  /**
   * Most security layers (signed / enveloped / compressed) unwrapped. Default 8:
   * triple wrapping (RFC 2634 section 1.1) needs 3; more is noise or an attack.
   */
  readonly maxSecurityLayers: number;
  /**
   * Largest output of one compressed-data layer (RFC 3274), in bytes. Default
   * 64 MiB, and never more than 200 times the compressed input: zlib's maximum
   * ratio is about 1032:1, so the ratio stops bombs while real text (5-10:1) passes.
   */
  readonly maxDecompressedBytes: number;
  readonly maxDecompressionRatio: number;
  /** Most SignerInfos verified in one SignedData. Default 16: each costs a signature check. */
  readonly maxSigners: number;
  /** Most certificates read from one SignedData. Default 256: real messages carry 1 to 5. */
  readonly maxCertificates: number;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxMessageBytes: 128 * 1024 * 1024,
  maxHeaderBytes: 1024 * 1024,
  maxMimeDepth: 32,
  maxParts: 2000,
  maxSecurityLayers: 8,
  maxDecompressedBytes: 64 * 1024 * 1024,
  maxDecompressionRatio: 200,
  maxSigners: 16,
  maxCertificates: 256,
});
