export type { JobStep, JobsSimulator, SimulatedRequest, SimulatorOptions } from "./simulator.js";
export { startJobsSimulator } from "./simulator.js";
