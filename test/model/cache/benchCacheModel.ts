/**
 * Benchmark (prints figures; not a test): cache-model lookups per second.
 * Run: npx tsx test/model/cache/benchCacheModel.ts [lookupsMillions=32]
 * 20 instances x 3,000 tenants, uniform random routing, 9,000 simulated operations per second,
 * 70 % encrypt (4 KiB) / 30 % decrypt of messages up to 10 minutes old; every miss stores at once.
 */
import { LocalCacheModel } from "../../../src/model/cache/LocalCacheModel.js";
import { HierarchicalCacheModel } from "../../../src/model/cache/HierarchicalCacheModel.js";
import type { DataKeyCacheModel } from "../../../src/model/cache/types.js";
import { Random } from "../../../src/plan/Random.js";

const INSTANCES = 20;
const TENANTS = 3000;
const LOOKUPS = Math.round(Number(process.argv[2] ?? 32) * 1e6);
const BATCH = 1 << 20;
const OPS_PER_MS = 9;

const rng = new Random(7);
const inst = new Int32Array(BATCH);
const tenant = new Int32Array(BATCH);
const isDecrypt = new Uint8Array(BATCH);
const u = new Float64Array(BATCH);
const ageMs = new Float64Array(BATCH);
for (let i = 0; i < BATCH; i++) {
  inst[i] = rng.int(INSTANCES);
  tenant[i] = rng.int(TENANTS);
  isDecrypt[i] = rng.next() < 0.3 ? 1 : 0;
  u[i] = rng.next();
  ageMs[i] = rng.next() * 600_000;
}

function bench(name: string, model: DataKeyCacheModel): void {
  const start = process.hrtime.bigint();
  for (let n = 0; n < LOOKUPS; n++) {
    const i = n & (BATCH - 1);
    const t = n / OPS_PER_MS;
    if (isDecrypt[i] === 0) {
      if (!model.encryptLookup(t, inst[i], tenant[i], 4096)) model.encryptStore(t, inst[i], tenant[i], 4096);
    } else {
      const dk = model.dataKeyForRead(t, inst[i], tenant[i], ageMs[i], u[i]);
      if (!model.decryptLookup(t, inst[i], dk)) model.decryptStore(t, inst[i], dk);
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const mem = process.memoryUsage();
  const hitRate = model.hits / (model.hits + model.misses);
  console.log(
    `${name.padEnd(44)} ${(LOOKUPS / seconds / 1e6).toFixed(2)} M lookups/s  (${seconds.toFixed(2)} s, hit rate ${(hitRate * 100).toFixed(1)} %, ` +
      `evictions ${model.evictions}, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB, arrays ${(mem.arrayBuffers / 2 ** 20).toFixed(0)} MiB)`,
  );
}

console.log(`${INSTANCES} instances x ${TENANTS} tenants, ${LOOKUPS / 1e6} M lookups (${(LOOKUPS / OPS_PER_MS / 1000).toFixed(0)} simulated s)`);
bench("local, maxAge 5 min, 1000 msgs, unbounded", new LocalCacheModel({ instances: INSTANCES, maxAgeMs: 300_000, maxMessagesEncrypted: 1000 }));
bench("local, maxAge 5 min, 1000 msgs, capacity 1000", new LocalCacheModel({ instances: INSTANCES, maxAgeMs: 300_000, maxMessagesEncrypted: 1000, capacity: 1000 }));
bench("local, maxAge 30 s, capacity 500 (evicting)", new LocalCacheModel({ instances: INSTANCES, maxAgeMs: 30_000, capacity: 500 }));
bench("hierarchical, ttl 5 min, per-tenant", new HierarchicalCacheModel({ instances: INSTANCES, ttlMs: 300_000, branchKeys: "per-tenant" }));
