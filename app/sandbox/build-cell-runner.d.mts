/** See build-cell-runner.mjs. */
export declare const CELL_RUNNER_ENTRY: string;
export declare const CELL_RUNNER_OUTPUT: string;
export declare function bundleCellRunner(root: string): Promise<string>;
export declare function writeCellRunner(root: string): Promise<string>;
