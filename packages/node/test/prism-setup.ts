import { type PrismServer, startPrism } from "@flatfile-jobs/tools/prism";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL (ending in /v1) of Prism serving the spec's examples. */
    prismUrl: string;
    /** Base URL of Prism generating random schema-valid data (`-d`). */
    prismDynamicUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const servers = await Promise.allSettled([startPrism({ warmUp: true }), startPrism({ dynamic: true, warmUp: true })]);
  const started = servers.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const stopAll = async () => {
    await Promise.all(started.map((server) => server.stop()));
  };
  const failed = servers.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const [staticServer, dynamicServer] = started as [PrismServer, PrismServer];
  project.provide("prismUrl", staticServer.url);
  project.provide("prismDynamicUrl", dynamicServer.url);
  return stopAll;
}
