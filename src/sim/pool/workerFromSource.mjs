// The worker entry when kmsplan runs from its TypeScript sources (vitest, tsx): Node 20 does not
// apply a `--import tsx` loader inside worker threads, so this plain module loads worker.ts
// through tsx's API instead. From dist/ the workers load worker.js directly and this file is unused.
import { tsImport } from "tsx/esm/api";

const worker = await tsImport("./worker.ts", import.meta.url);
export default worker.default;
