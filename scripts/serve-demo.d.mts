export declare function serveDemo(port?: number): Promise<{ url: string; close: () => Promise<void> }>;
export declare function sampleList(): { samples: string[]; anchor: string };
