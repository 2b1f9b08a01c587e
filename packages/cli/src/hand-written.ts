// The operations that have a command written by hand in main.ts (with options of their own: `ack --progress`,
// `split --parts`, …); every other operation of the spec gets a command made from it. `pnpm generate` reads this
// list too, for the CLI README's table of the made commands.
export const HAND_WRITTEN: ReadonlySet<string> = new Set([
  "list",
  "get",
  "create",
  "ack",
  "complete",
  "fail",
  "cancel",
  "retry",
  "split",
]);
