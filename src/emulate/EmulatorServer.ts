/**
 * `startEmulator`: a KMS-compatible endpoint on 127.0.0.1 (AWS JSON 1.1, `POST /`,
 * `X-Amz-Target: TrentService.<Operation>`) that admits requests with the simulator's own quota
 * pools (`poolsFor` + `createThrottle`) and refuses the rest exactly as KMS does: HTTP 400
 * ThrottlingException (docs/reference.md §2). Accepted requests go to the built-in responder or, with
 * `upstream`, to a KMS-compatible server such as moto_server. It also answers Service Quotas for
 * `kms` and a small admin API under /__kmsplan/. Signatures are not checked.
 *
 * Per request on the hot path: read the body (within the limits of httpServer.ts), route it by
 * the JSON 1.1 rules (protocol.ts), count it, pick its pools (no JSON parsing while all keys
 * throttle alike), one throttle check per pool, then either the pre-built throttle answer or the
 * responder. Management operations are never throttled (KMS gives each a per-API quota that
 * kmsplan does not model).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { LognormalLatency } from "../model/latency.js";
import { Random } from "../plan/Random.js";
import type { LatencySpec } from "../scenario/types.js";
import { ADMIN_PREFIX, answerAdmin, checkQuotasPatch } from "./adminApi.js";
import { EmulatorCounters } from "./EmulatorCounters.js";
import { createBoundedServer, resolveLimits } from "./httpServer.js";
import type { KeyInfo } from "./KeyCatalog.js";
import { LearnedKeys } from "./LearnedKeys.js";
import { PoolResolver } from "./PoolResolver.js";
import { defaultQuotas, QuotaPools, type QuotasPatch } from "./QuotaPools.js";
import { KeyTable } from "./responder/KeyTable.js";
import { KmsResponder } from "./responder/KmsResponder.js";
import { ProtocolError, routeRequest, unknownOperation } from "./protocol.js";
import { answerServiceQuotas } from "./serviceQuotas.js";
import type { EmulatorOptions, RunningEmulator } from "./types.js";
import { UpstreamProxy } from "./UpstreamProxy.js";
import { KmsError, parseBody, sendError, sendJson, sendThrottled } from "./wire.js";

/** Account id in ARNs when none is given: the documentation's example account. */
export const DEFAULT_ACCOUNT_ID = "111122223333";

type Delay = (fn: () => void) => void;

function delayer(spec: LatencySpec | null | undefined, rng: Random): Delay {
  if (!spec || spec.p99Ms === 0) return (fn) => fn();
  const model = new LognormalLatency(spec);
  return (fn) => {
    setTimeout(fn, model.sample(rng));
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const { scenario } = options;
  const host = options.host ?? "127.0.0.1";
  if (host !== "127.0.0.1") throw new TypeError(`Expected host to be "127.0.0.1", got ${String(host)}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError(`Expected port to be an integer in 0..65535, got ${port}`);
  const region = options.region ?? scenario?.account.region ?? "us-east-1";
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const now = options.now ?? (() => performance.now());
  const limits = resolveLimits(options);
  const overrides = checkQuotasPatch(options.quotas ?? {});
  const pools = new QuotaPools(scenario?.account.quotas ?? defaultQuotas(region), options.throttle ?? scenario?.account.throttle ?? { model: "token-bucket", burstSeconds: 1 }, now);
  pools.setQuotas(overrides);
  const defaultKey: KeyInfo = { spec: scenario?.keys.spec ?? "SYMMETRIC_DEFAULT", store: scenario?.keys.store ?? "kms", storeIndex: 0 };
  const stores = scenario?.keys.stores ?? 1;

  let responder: KmsResponder | null = null;
  let proxy: UpstreamProxy | null = null;
  let resolver: PoolResolver;
  if (options.upstream) {
    const learned = new LearnedKeys(defaultKey, stores);
    proxy = new UpstreamProxy(options.upstream, learned);
    resolver = new PoolResolver(learned, defaultKey, scenario?.keys.tier ?? "customer-managed");
  } else {
    const table = new KeyTable(region, accountId, defaultKey, stores);
    responder = new KmsResponder(table);
    resolver = new PoolResolver(table, defaultKey, scenario?.keys.tier ?? "customer-managed");
  }

  const counters = new EmulatorCounters();
  const rng = Random.stream(options.seed ?? scenario?.seed ?? 1, "emulator-latency");
  const afterService = delayer(options.latency, rng);
  const afterThrottle = delayer(options.throttledLatency, rng);

  let openConnections = (): number => 0;
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();
  const control = {
    stats: () => counters.snapshot(pools.stats(), openConnections(), eventLoop),
    reset: () => {
      counters.reset();
      pools.reset();
      eventLoop.reset();
    },
    setQuotas: (q: QuotasPatch) => pools.setQuotas(checkQuotasPatch(q)),
    quotas: () => pools.currentQuotas,
  };

  function kms(op: string | null, req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const opStats = counters.record(op, req.headers["amz-sdk-request"] as string | undefined);
    if (op === null) throw unknownOperation();
    if (responder !== null && !responder.supports(op)) {
      sendError(res, new KmsError("UnsupportedOperationException", `Operation ${op} is not supported by the kmsplan emulator.`));
      return;
    }
    let parsed: Record<string, unknown> | undefined;
    const body = (): Record<string, unknown> => (parsed ??= parseBody(raw));
    const drawn = resolver.resolve(op, body);
    if (drawn.length > 0 && !pools.admit(drawn, now())) {
      counters.markThrottled(opStats);
      afterThrottle(() => sendThrottled(res));
      return;
    }
    if (proxy !== null) {
      const p = proxy;
      afterService(() => p.forward(req, raw, op, res));
      return;
    }
    const answer = responder!.handle(op, body());
    afterService(() => sendJson(res, 200, answer));
  }

  function serviceQuotas(op: string | null, raw: Buffer, res: ServerResponse): void {
    if (op === null) throw unknownOperation();
    sendJson(res, 200, answerServiceQuotas(op, parseBody(raw), pools.currentQuotas, region, accountId));
  }

  function dispatch(req: IncomingMessage, res: ServerResponse, raw: Buffer): void {
    const url = req.url ?? "/";
    if (url.startsWith(ADMIN_PREFIX) && (url.length === ADMIN_PREFIX.length || url[ADMIN_PREFIX.length] === "/" || url[ADMIN_PREFIX.length] === "?")) {
      const a = answerAdmin(req.method ?? "GET", url, raw, control);
      const buf = Buffer.from(JSON.stringify(a.body));
      res.writeHead(a.status, { "content-type": "application/json", "content-length": buf.length, ...(a.allow ? { allow: a.allow } : {}) });
      res.end(buf);
      return;
    }
    try {
      const routed = routeRequest(req.method, url, req.headers);
      if (routed.service === "kms") kms(routed.operation, req, raw, res);
      else if (routed.service === "service-quotas") serviceQuotas(routed.operation, raw, res);
      else throw unknownOperation();
    } catch (e) {
      if (e instanceof ProtocolError) counters.reject(e.reason);
      if (res.headersSent) return;
      // Unexpected errors answer a generic 500; their text could carry request data, so it is not echoed.
      const err = e instanceof KmsError ? e : new KmsError("KMSInternalException", "Internal error in the kmsplan emulator.", 500);
      afterService(() => sendError(res, err));
    }
  }

  const bounded = createBoundedServer(limits, {
    request: dispatch,
    refuse: (_req, res, err) => {
      counters.reject(err.reason);
      sendError(res, err, true);
    },
    dropped: () => counters.reject("connectionCap"),
  });
  const server = bounded.server;
  openConnections = bounded.openConnections;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    stats: control.stats,
    reset: control.reset,
    setQuotas: control.setQuotas,
    close: () =>
      new Promise<void>((resolve, reject) => {
        proxy?.close();
        eventLoop.disable();
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
