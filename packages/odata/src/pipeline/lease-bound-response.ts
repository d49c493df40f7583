/**
 * The same response, whose `release` runs once the body is finished: read to the end, cancelled,
 * failed (connection torn down, abort) — or at once when there is no body. This is how a request
 * holds its identity's slot for exactly as long as Business Central is still sending to it.
 *
 * A `parseAs: "stream"` body that the caller drops without reading or cancelling gives its slot back
 * when it is garbage-collected (`FinalizationRegistry`) — a safety net whose timing is the collector's;
 * read or cancel streams to free the slot at once.
 *
 * @example
 * const response = releaseWhenFinished(await fetch(request), () => lease.release());
 * await response.json();   // the slot is free again here
 */
const NULL_BODY = new Set([101, 204, 205, 304]);

export function releaseWhenFinished(response: Response, release: () => void): Response {
  const body = response.body;
  if (body === null || NULL_BODY.has(response.status)) {
    release();
    return response;
  }
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    release();
  };
  const reader = body.getReader();
  const wrapped = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read();
        if (chunk.done) {
          finish();
          controller.close();
        } else controller.enqueue(chunk.value);
      } catch (error) {
        finish();
        controller.error(error);
      }
    },
    async cancel(reason) {
      finish();
      await reader.cancel(reason).catch(() => undefined);
    },
  });
  // Held value `finish` reaches the original body, never `wrapped`, so the stream can still be collected.
  unreadBodies.register(wrapped, finish);
  return new Response(wrapped, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Releases the slot of a body nobody will read any more (the caller dropped the response unread). */
const unreadBodies = new FinalizationRegistry<() => void>((finish) => finish());
