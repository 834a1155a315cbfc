export declare function packageXpi(options?: { out?: string; test?: { hook: string; fixtures: string[]; anchors: string[]; screenshots?: string[] } }): string;
