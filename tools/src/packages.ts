// The packages this repository publishes, read from the workspace: every folder under packages/ whose package.json
// is not private. The scripts that release, check, document and install them take their list from here, so a new
// package needs no list edited by hand.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface PublishedPackage {
  /** The folder under packages/, e.g. `core`. */
  folder: string;
  /** Its absolute path. */
  dir: string;
  /** The npm name, e.g. `@flatfile-jobs/core`. */
  name: string;
  version: string;
  /** A library (it has an API report, `api-extractor.json`), as opposed to a command with no exports. */
  library: boolean;
}

/**
 * The published packages of the checkout at `root` (default: this repository), core first (node and browser
 * re-export it, so whatever reads their surfaces reads core's first), then by folder name.
 */
export function publishedPackages(root: string = ROOT): PublishedPackage[] {
  return readdirSync(join(root, "packages"))
    .filter((folder) => existsSync(join(root, "packages", folder, "package.json")))
    .map((folder) => {
      const dir = join(root, "packages", folder);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      return {
        folder,
        dir,
        name: manifest.name as string,
        version: manifest.version as string,
        library: existsSync(join(dir, "api-extractor.json")),
        private: manifest.private === true,
      };
    })
    .filter((pkg) => !pkg.private)
    .map(({ private: _private, ...pkg }) => pkg)
    .sort((a, b) => Number(b.folder === "core") - Number(a.folder === "core") || a.folder.localeCompare(b.folder));
}

/**
 * What is wrong with changesets' `fixed` group (.changeset/config.json), which must hold exactly the published
 * packages (they share one version: a release bumps them all): one line per package missing from it or in it but
 * not published; empty when it is right.
 */
export function fixedGroupProblems(root: string = ROOT): string[] {
  const config = JSON.parse(readFileSync(join(root, ".changeset/config.json"), "utf8"));
  const fixed = new Set<string>(config.fixed?.[0] ?? []);
  const published = new Set(publishedPackages(root).map((pkg) => pkg.name));
  return [
    ...[...published]
      .filter((name) => !fixed.has(name))
      .map((name) => `${name} is published but not in the fixed group`),
    ...[...fixed]
      .filter((name) => !published.has(name))
      .map((name) => `${name} is in the fixed group but not published`),
    ...(config.fixed?.length > 1 ? ["the packages must be one fixed group, not several"] : []),
  ];
}
