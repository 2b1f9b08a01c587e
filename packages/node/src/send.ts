// One request of the Node client: undici's dispatcher API (`request`), which costs far less per call than
// undici's `fetch` (no WHATWG Request, Response streams or header guards around it), answered as the `Response`
// that core's `fetch` contract asks for. What `fetch` would do on top is done here: it sends `Accept: */*` unless
// told otherwise, asks for compressed bodies and decompresses them, follows redirects as `fetch` does, and reports
// a failure as `TypeError("fetch failed")` with undici's error as its cause.
import { STATUS_CODES } from "node:http";
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import type * as Undici from "undici";
import type { Dispatcher } from "undici";

/** Sends `init` to `url` through `dispatcher` and reads the whole body. */
export async function send(
  undici: typeof Undici,
  dispatcher: Dispatcher,
  url: string,
  init: RequestInit,
  maxSize: number,
): Promise<Response> {
  const headers = new Headers(init.headers);
  // As fetch sends them when the caller does not.
  if (!headers.has("accept")) headers.set("accept", "*/*");
  if (!headers.has("accept-encoding")) headers.set("accept-encoding", "gzip, deflate, br");
  let { method = "GET", body: requestBody } = init;
  let target = url;
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await undici.request(target, {
        dispatcher,
        method: method as Dispatcher.HttpMethod,
        headers: record(headers),
        body: (requestBody as string | null | undefined) ?? null,
        signal: init.signal ?? undefined,
      });
      const { statusCode: status } = response;
      const location = REDIRECTS.has(status) ? response.headers.location : undefined;
      if (typeof location === "string") {
        await response.body.dump();
        if (redirects === MAX_REDIRECTS) throw unusable("too many redirects");
        const next = new URL(location, target);
        // As fetch: a 303, and a 301 or 302 of a POST, become a GET without a body; the credentials stay with the
        // origin they were meant for.
        if (status === 303 ? method !== "HEAD" : (status === 301 || status === 302) && method === "POST") {
          method = "GET";
          requestBody = null;
          for (const name of ["content-type", "content-length", "content-encoding", "content-language"]) {
            headers.delete(name);
          }
        }
        if (next.origin !== new URL(target).origin) {
          for (const name of ["authorization", "proxy-authorization", "cookie"]) headers.delete(name);
        }
        target = next.href;
        continue;
      }
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        if (Array.isArray(value)) for (const item of value) responseHeaders.append(name, item);
        else if (value !== undefined) responseHeaders.append(name, value);
      }
      const encoding = responseHeaders.get("content-encoding")?.trim().toLowerCase();
      const length = responseHeaders.get("content-length");
      if (length !== null && Number(length) > maxSize) {
        response.body.destroy();
        throw tooLarge(maxSize);
      }
      const plain = !encoding || encoding === "identity";
      // A plain body of a known length within the limit is read as text at once (undici stops at that length);
      // any other is counted as it arrives, and a compressed one bounded again once decompressed.
      const text =
        plain && length !== null
          ? await response.body.text()
          : UTF8.decode(
              plain
                ? await readLimited(response.body, maxSize)
                : await decompress(encoding, await readLimited(response.body, maxSize), maxSize),
            );
      // undici hands a finished connection to the next request one event-loop turn later (a setImmediate in its
      // HTTP/1 client, to notice a server that closes it anyway). A call made right after this one would find the
      // connection busy and open a second; after this turn it reuses the first.
      await new Promise((resolve) => setImmediate(resolve));
      return new ReadResponse(text, { status, statusText: STATUS_CODES[status] ?? "", headers: responseHeaders });
    }
  } catch (error) {
    if (init.signal?.aborted) throw init.signal.reason;
    throw explainProxyFailure(new TypeError("fetch failed", { cause: error }));
  }
}

/**
 * A `Response` whose body was read already, as text: `text()` hands over that string instead of encoding it into
 * a stream for the caller to decode again (a page of 1,000 jobs is over half a megabyte). Only core's transport
 * and its logger read it, with `text()` and `clone()`; callers only ever see the responses core makes.
 */
class ReadResponse extends Response {
  readonly #text: string;
  readonly #init: ResponseInit;

  constructor(text: string, init: ResponseInit) {
    super(null, init);
    this.#text = text;
    this.#init = init;
  }

  override async text(): Promise<string> {
    return this.#text;
  }

  override async json(): Promise<unknown> {
    return JSON.parse(this.#text);
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    return new TextEncoder().encode(this.#text).buffer as ArrayBuffer;
  }

  override clone(): ReadResponse {
    return new ReadResponse(this.#text, this.#init);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DECODABLE = new Set(["gzip", "x-gzip", "deflate", "br"]);
const MAX_REDIRECTS = 20;
const UTF8 = new TextDecoder();

/**
 * Headers as a plain object of names and values (`Headers` has already joined repeated ones). Not undici's flat
 * list: Bun's `undici`, which hands `request` to its fetch, refuses that ("Value is not a sequence").
 */
function record(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/**
 * The body, read up to `maxSize` bytes: one that turns out to be longer is left unread (its connection closed) and
 * refused, so it never fills the memory.
 */
async function readLimited(body: Dispatcher.ResponseData["body"], maxSize: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxSize) {
      body.destroy();
      throw tooLarge(maxSize);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * An answer that no retry can mend (too large, not decodable, a redirect loop): not retried, and core's transport
 * reports its `reason` as it is (see core's `fetch` option).
 */
function unusable(reason: string, cause?: unknown): Error {
  return Object.assign(new Error(reason, { cause }), { retryable: false, reason });
}

function tooLarge(maxSize: number): Error {
  return unusable(
    `the response body is over ${maxSize} bytes, the client's maxResponseSize; raise it to read such a body`,
  );
}

/** What core says of a body it cannot decode. */
function undecodable(coding: string, cause?: unknown): Error {
  return unusable(`the server answered with a body encoded as ${coding}, which this runtime cannot decode`, cause);
}

/** The body as sent before `content-encoding` (gzip, deflate, br; a list such as `gzip, br` is undone in reverse). */
async function decompress(encoding: string, data: Buffer, maxSize: number): Promise<Buffer> {
  let out = data;
  const codings = encoding.split(",").map((coding) => coding.trim());
  for (const coding of codings.reverse()) {
    if (coding !== "identity" && !DECODABLE.has(coding)) {
      throw undecodable(coding);
    }
    try {
      // Decompressed no further than maxSize: a small body can inflate to gigabytes.
      const limit = { ...LENIENT, maxOutputLength: maxSize };
      if (coding === "gzip" || coding === "x-gzip") {
        out = await gunzip(out, limit);
      } else if (coding === "deflate") {
        // zlib-wrapped or raw: servers send both as "deflate" (the first byte tells them apart, as fetch does).
        const wrapped = ((out[0] ?? 0) & 0x0f) === 8;
        out = await (wrapped ? inflate(out, limit) : inflateRaw(out, limit));
      } else if (coding === "br") {
        out = await brotliDecompress(out, { maxOutputLength: maxSize });
      }
    } catch (error) {
      if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxSize);
      throw undecodable(coding, error);
    }
  }
  return out;
}

// A stream ended early or followed by stray bytes is read as far as it goes, as fetch reads it.
const LENIENT = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotliDecompress = promisify(zlib.brotliDecompress);

/**
 * undici reports a proxy that refuses the CONNECT tunnel as "fetch failed" caused by "Request was cancelled.", the
 * proxy's status hidden two causes down; this brings it up, keeping the original as the cause.
 */
export function explainProxyFailure(error: unknown): unknown {
  for (let e = error as { message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    const status = typeof e.message === "string" && /^Proxy response \((\d{3})\) !== 200/.exec(e.message)?.[1];
    if (status) {
      const reason =
        status === "407"
          ? "the proxy asked for credentials (status 407); check the user name and password in the proxy URL"
          : `the proxy did not open a tunnel to the API (status ${status})`;
      // A proxy that wants credentials will want them on the next attempt too: not retried.
      return Object.assign(new TypeError("fetch failed", { cause: new Error(reason, { cause: error }) }), {
        retryable: status !== "407",
      });
    }
    e = e.cause as typeof e;
  }
  return error;
}
