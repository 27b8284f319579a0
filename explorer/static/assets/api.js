// The GraphQL client: POST {query, variables} to the public endpoint, nothing
// else. Answers are cached in memory (the knowledge base changes rarely and a
// reload refetches), so going back to a view is instant.

const TIMEOUT_MS = 15000;
const CACHE_SIZE = 200;

/** The server could not be reached, or answered with something not GraphQL. */
export class NetworkError extends Error {
  constructor(message, {cause, status} = {}) {
    super(message, {cause});
    this.name = 'NetworkError';
    this.status = status;
  }
}

/** The API answered with errors; code is the first error's extensions.code. */
export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'ApiError';
    this.errors = errors;
    this.code = errors[0]?.extensions?.code ?? 'UNKNOWN';
  }
}

export function isAbort(err) {
  return err?.name === 'AbortError';
}

export class Client {
  /** @param {string} endpoint the GraphQL endpoint, e.g. "/query" */
  constructor(endpoint, fetchImpl = (...args) => window.fetch(...args)) {
    this.endpoint = endpoint;
    this.fetch = fetchImpl;
    this.cache = new Map();
    this.inflight = new Map();
  }

  /**
   * query runs a GraphQL query and resolves to its data. It rejects with a
   * NetworkError when the server is unreachable (or times out), an ApiError
   * when the API reports errors, and an AbortError when signal aborts.
   */
  async query(query, variables = {}, {signal, cache = true} = {}) {
    const key = JSON.stringify([query, variables]);
    if (cache && this.cache.has(key)) {
      const data = this.cache.get(key);
      this.cache.delete(key); // keep the most recent at the end (LRU)
      this.cache.set(key, data);
      return data;
    }
    // Identical concurrent queries share one request, unless the caller may
    // cancel it (a shared request must not be cancelled by one of its callers).
    if (!signal && this.inflight.has(key)) return this.inflight.get(key);
    const request = this.send(query, variables, signal).then((data) => {
      if (cache) {
        this.cache.set(key, data);
        if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value);
      }
      return data;
    });
    if (!signal) {
      this.inflight.set(key, request);
      request.then(() => this.inflight.delete(key), () => this.inflight.delete(key));
    }
    return request;
  }

  async send(query, variables, signal) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), TIMEOUT_MS);
    const onAbort = () => controller.abort(signal.reason);
    signal?.addEventListener('abort', onAbort, {once: true});
    let res;
    try {
      res = await this.fetch(this.endpoint, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', Accept: 'application/json'},
        body: JSON.stringify({query, variables}),
        signal: controller.signal,
      });
    } catch (err) {
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      throw new NetworkError(`cannot reach ${this.endpoint}`, {cause: err});
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    let body = null;
    try {
      body = await res.json();
    } catch {
      // not JSON: a proxy's error page, or the server went away mid-answer
    }
    if (!body || typeof body !== 'object') {
      throw new NetworkError(`${this.endpoint} answered HTTP ${res.status} without a GraphQL response`, {status: res.status});
    }
    if (Array.isArray(body.errors) && body.errors.length > 0) throw new ApiError(body.errors);
    if (!res.ok || !body.data) {
      throw new NetworkError(`${this.endpoint} answered HTTP ${res.status}`, {status: res.status});
    }
    return body.data;
  }
}
