// Types for prism-warm-up.mjs.
export declare function warmUpPlanOperations(baseUrl: string): Promise<void>;
export declare const WARM_UP_JOB_ID: string;
