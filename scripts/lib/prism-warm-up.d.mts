// Types for prism-warm-up.mjs.
export declare function warmUpPlanOperations(baseUrl: string): Promise<void>;
