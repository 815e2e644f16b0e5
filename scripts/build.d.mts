// Types of scripts/build.mjs, for the tests that import it.
export declare const BUILD_INPUTS: string[];
export declare const STAMP_FILE: string;
export declare const BUILT_ENTRY: string;
export declare const projectRoot: string;
export declare function fingerprint(root: string): string;
export declare function isStale(root: string, current?: string): boolean;
export declare function build(root: string): number;
export declare function buildIfStale(root: string, log?: (text: string) => void): number;
