export declare function attachRevocationInfo(message: Uint8Array, crls: Uint8Array[], ocspResponses?: Uint8Array[]): Uint8Array;
