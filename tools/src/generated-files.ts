// Every file `pnpm generate` writes (scripts/generate.ts), from the repository's root: the one list that
// generate.ts checks its targets against and `pnpm spec:update` puts back when regenerating fails.
export const GENERATED_FILES: readonly string[] = [
  "packages/core/src/generated/schema.ts",
  "packages/core/src/generated/operations.ts",
  "packages/core/src/generated/jobs.ts",
  "packages/core/src/generated/statuses.ts",
  "packages/react/src/generated/mutations.ts",
  "packages/cli/src/generated/spec.ts",
  "README.md",
  "packages/core/README.md",
  "packages/react/README.md",
  "packages/cli/README.md",
  "packages/testing/src/generated/openapi.json",
];
