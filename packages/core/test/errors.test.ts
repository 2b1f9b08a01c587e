import { describe, expect, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  createJobsClient,
  InvalidArgumentError,
  InvalidResponseError,
  type JobsClientOptions,
  JobsError,
  NotFoundError,
} from "../src/index.js";
import { BASE_URL, type Handler, json, recordingFetch, TOKEN } from "./recording-fetch.js";

function clientAnswering(respond: Handler, options: Partial<JobsClientOptions> = {}) {
  return createJobsClient({ token: TOKEN, baseUrl: BASE_URL, fetch: recordingFetch(respond).fetch, ...options });
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
}

/** Everything a user could print or log about an error. */
function everythingAbout(error: Error): string {
  const seen = new Set<unknown>();
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    parts.push(String(current), current.message, current.stack ?? "", JSON.stringify(current));
    parts.push(
      JSON.stringify(Object.getOwnPropertyDescriptors(current), (_k, v) => (v instanceof Headers ? [...v] : v)),
    );
    current = current.cause;
  }
  if (current !== undefined) parts.push(String(current));
  return parts.join("\n");
}

describe("instanceof", () => {
  it("holds for the SDK's classes, but an error of a parent class is not one of the caller's own subclass", () => {
    class MyNotFound extends NotFoundError {}
    const info = { status: 404, error: undefined, headers: new Headers(), method: "GET", path: "/jobs/j" };
    const sdkError = new NotFoundError(info);
    const own = new MyNotFound(info);
    expect(sdkError instanceof MyNotFound).toBe(false);
    expect(own instanceof MyNotFound).toBe(true);
    expect(own instanceof NotFoundError).toBe(true);
    expect(own instanceof APIError).toBe(true);
    expect(sdkError instanceof APIError).toBe(true);
    expect(sdkError instanceof InvalidResponseError).toBe(false);
    expect([sdkError.name, own.name]).toEqual(["NotFoundError", "MyNotFound"]);
  });

  it("holds across copies of the package: a class is known by its kind, not its identity", () => {
    // Another copy of the package (its CommonJS build, or another version) has classes of its own with the same kinds.
    class OtherNotFound extends JobsError {
      static override readonly kind: string = "NotFoundError";
    }
    const foreign = new OtherNotFound("404 from the other copy");
    expect(foreign instanceof NotFoundError).toBe(true);
    expect(foreign instanceof APIError).toBe(false);
  });
});

describe("error statuses", () => {
  it("throws APIError with status, parsed Errors body, headers, method and path", async () => {
    const client = clientAnswering(() =>
      json(404, { errors: [{ key: "jobId", message: "Job us_jb_nope not found" }] }, { "X-Request-Id": "req_77" }),
    );
    const error = await caught(client.jobs.complete("us_jb_nope", { info: "x" }));
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(JobsError);
    const apiError = error as APIError;
    expect(apiError.status).toBe(404);
    expect(apiError.error).toEqual({ errors: [{ key: "jobId", message: "Job us_jb_nope not found" }] });
    expect(apiError.messages).toEqual(["Job us_jb_nope not found"]);
    expect(apiError.headers.get("x-request-id")).toBe("req_77");
    expect(apiError.method).toBe("POST");
    expect(apiError.path).toBe("/jobs/us_jb_nope/complete");
    expect(apiError.message).toBe(
      "404 jobId: Job us_jb_nope not found (POST /jobs/us_jb_nope/complete) — check the job id, and that the base URL https://jobs.example.test/v1 is the job's region",
    );
  });

  it.each([
    [400, "BadRequestError"],
    [401, "AuthenticationError"],
    [403, "PermissionDeniedError"],
    [404, "NotFoundError"],
    [409, "ConflictError"],
    [410, "APIError"],
    [422, "UnprocessableEntityError"],
    [429, "RateLimitError"],
    [500, "InternalServerError"],
    [502, "InternalServerError"],
    [503, "InternalServerError"],
    [599, "InternalServerError"],
  ])("maps status %i to %s, an APIError carrying the status", async (status, name) => {
    const client = clientAnswering(() => json(status, { errors: [{ message: "nope" }] }), { maxRetries: 0 });
    const error = await caught(client.jobs.get("j"));
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(JobsError);
    expect(error.name).toBe(name);
    expect((error as APIError).status).toBe(status);
    expect(error.message).toContain(`${status} nope (GET /jobs/j)`);
  });

  it("says what a 404 most likely means: a base URL without /v1, a wrong base URL, or a wrong job id", async () => {
    const notFound = () => json(404, { errors: [{ message: "No route for GET /jobs" }] });
    const platform = createJobsClient({
      token: TOKEN,
      baseUrl: "https://platform.flatfile.com/api",
      fetch: recordingFetch(notFound).fetch,
    });
    expect((await caught(platform.jobs.list())).message).toBe(
      "404 No route for GET /jobs (GET /jobs) — https://platform.flatfile.com/api/jobs does not exist: the base URL https://platform.flatfile.com/api should end in /v1, where the API's paths are (e.g. https://platform.flatfile.com/api/v1)",
    );
    const list = clientAnswering(notFound);
    expect((await caught(list.jobs.list())).message).toBe(
      "404 No route for GET /jobs (GET /jobs) — https://jobs.example.test/v1/jobs does not exist; check the base URL",
    );
    expect((await caught(list.jobs.get("us_jb_1"))).message).toMatch(
      /— check the job id, and that the base URL https:\/\/jobs\.example\.test\/v1 is the job's region$/,
    );
  });

  it("keeps the request id and the attempt count", async () => {
    const client = clientAnswering(() => json(404, { errors: [{ message: "gone" }] }, { "x-request-id": "req_1" }));
    const error = (await caught(client.jobs.get("j"))) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.requestId).toBe("req_1");
    expect(error.attempts).toBe(1);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "NotFoundError", status: 404, requestId: "req_1" });
  });

  it("keeps a bounded snippet of a non-JSON error body, such as a proxy's HTML page", async () => {
    const html = `<html><body><h1>502 Bad Gateway</h1>${"x".repeat(5000)}</body></html>`;
    const error = (await caught(
      clientAnswering(() => new Response(html, { status: 502, headers: { "Content-Type": "text/html" } })).jobs.list(),
    )) as APIError;
    expect(error.status).toBe(502);
    expect(typeof error.error).toBe("string");
    expect((error.error as string).startsWith("<html><body><h1>502 Bad Gateway</h1>")).toBe(true);
    expect((error.error as string).length).toBeLessThanOrEqual(501);
    expect(error.message.length).toBeLessThan(300);
  });

  it("says so when an error response has no body", async () => {
    const error = await caught(
      clientAnswering(() => new Response(null, { status: 503 }), { maxRetries: 0 }).jobs.list(),
    );
    expect((error as APIError).error).toBeUndefined();
    expect(error.message).toContain("503 no error details in the response (GET /jobs)");
  });
});

describe("broken success replies", () => {
  it.each([
    [
      "an HTML page",
      () => new Response("<!doctype html><title>Login</title>", { status: 200 }),
      "the body is not JSON",
    ],
    ["an empty body", () => new Response("", { status: 200 }), "the body is empty"],
    ["a 204", () => new Response(null, { status: 204 }), "the body is empty"],
    ["truncated JSON", () => new Response('{"data":{"id":"us_jb_1","ty', { status: 200 }), "the body is not JSON"],
    ["a JSON array", () => json(200, [1, 2]), "the body is not a JSON object"],
  ])("turns %s into an InvalidResponseError that shows what arrived", async (_what, respond, reason) => {
    const error = await caught(clientAnswering(respond).jobs.get("us_jb_1"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toContain(reason);
    expect(error.message).toContain("GET /jobs/us_jb_1");
  });
});

describe("no response at all", () => {
  it("wraps a failed fetch in APIConnectionError with the cause", async () => {
    const cause = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    const error = await caught(
      clientAnswering(() => {
        throw cause;
      }).jobs.ack("us_jb_1"),
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.cause).toBe(cause);
    expect(error.message).toContain("POST /jobs/us_jb_1/ack");
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("names the cause of a failed fetch even when it has no error code", async () => {
    const error = await caught(
      clientAnswering(() => {
        throw new TypeError("fetch failed", { cause: new Error("bad port") });
      }).jobs.list(),
    );
    expect(error.message).toContain("fetch failed (bad port)");
  });

  it("reports the caller's abort as APIUserAbortError", async () => {
    const controller = new AbortController();
    const client = clientAnswering(
      (_request, signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener("abort", () => reject(signal.reason));
        }),
    );
    const pending = client.jobs.get("us_jb_1", { signal: controller.signal });
    controller.abort();
    const error = await caught(pending);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).toBeInstanceOf(APIConnectionError);
  });
});

describe("bad options", () => {
  it.each([
    [{}, /No API token/],
    [{ token: "" }, /No API token/],
    [{ token: "   " }, /No API token/],
    [{ token: `Bearer ${TOKEN}` }, /without the 'Bearer ' prefix/],
    [{ token: `${TOKEN}\n` }, /stray newline/],
    [{ token: `"${TOKEN} "` }, /stray newline or quote/],
    [{ token: TOKEN, baseUrl: "api.x.flatfile.com/v1" }, /absolute http\(s\) URL/],
    [{ token: TOKEN, baseUrl: "ftp://example.test/v1" }, /absolute http\(s\) URL/],
    [{ token: TOKEN, baseUrl: "https://user:pw@example.test/v1" }, /must not contain credentials/],
  ])("refuses %j with a message that says how to fix it", (options, message) => {
    expect(() => createJobsClient(options as never)).toThrow(InvalidArgumentError);
    expect(() => createJobsClient(options as never)).toThrow(message);
  });
});

describe("the token never leaks", () => {
  const failures: Array<[string, () => Promise<unknown>]> = [
    ["an API error", () => clientAnswering(() => json(401, { errors: [{ message: "Unauthorized" }] })).jobs.get("j")],
    ["a non-JSON error", () => clientAnswering(() => new Response("denied", { status: 403 })).jobs.list()],
    ["a broken reply", () => clientAnswering(() => new Response("<html>", { status: 200 })).jobs.list()],
    [
      "a connection failure",
      () =>
        clientAnswering(() => {
          throw new TypeError("fetch failed");
        }).jobs.cancel("j"),
    ],
    ["a bad job id", () => clientAnswering(() => json(200, {})).jobs.get("..")],
    [
      "an error page that echoes the request's headers",
      () =>
        clientAnswering((r) => new Response(`<pre>${r.headers.get("authorization")}</pre>`, { status: 502 }), {
          maxRetries: 0,
        }).jobs.list(),
    ],
    [
      "a response header that echoes it",
      () =>
        clientAnswering((r) =>
          json(401, { errors: [{ message: "no" }] }, { "WWW-Authenticate": `${r.headers.get("authorization")}, x=1` }),
        ).jobs.list(),
    ],
    [
      "a 200 page that echoes them",
      () => clientAnswering((r) => new Response(`<pre>${r.headers.get("authorization")}</pre>`)).jobs.list(),
    ],
    [
      "a JSON error that quotes the header",
      () =>
        clientAnswering((r) =>
          json(400, { errors: [{ key: "auth", message: `bad ${r.headers.get("authorization")}` }] }),
        ).jobs.create({ type: "file", operation: "x", source: "s" }),
    ],
  ];

  it.each(failures)("not in %s: message, stack, cause or JSON", async (_what, fail) => {
    const error = await caught(fail());
    expect(error).toBeInstanceOf(JobsError);
    expect(everythingAbout(error)).not.toContain(TOKEN);
  });

  it.each([`${TOKEN}\n`, `Bearer ${TOKEN}`, ` ${TOKEN}\u00a0`])(
    "not in the error for a malformed token %#",
    (token) => {
      let error: unknown;
      try {
        createJobsClient({ token });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(everythingAbout(error as Error)).not.toContain(TOKEN);
    },
  );
});
