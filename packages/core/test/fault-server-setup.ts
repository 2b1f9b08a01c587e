// One fault server (tools/src/fault-server.ts) for the tests of a file: started before them, reset before each,
// left with no answer pending after each (a request the client gave up on must be torn down), closed after all.
import { type FaultServer, startFaultServer } from "@flatfile-jobs/tools/fault-server";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

/** Registers the hooks; the function it returns gives the file's server (once started). */
export function useFaultServer(): () => FaultServer {
  let server: FaultServer | undefined;
  const current = () => {
    if (!server) throw new Error("The fault server is not started yet: use it inside a test or a hook.");
    return server;
  };
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => current().reset());
  afterEach(async () => {
    await current().waitForIdle();
  });
  return current;
}
