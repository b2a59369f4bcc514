/**
 * The one place that picks the tfjs backend: webgpu → webgl → wasm → cpu, first that works (DESIGN/STYLE §12).
 * - `tf.setBackend` answers false instead of throwing when a backend fails to start: every result is checked.
 * - A WebGPU adapter that is a software fallback (SwiftShader: `isFallbackAdapter`) is slower than wasm by 50×
 *   here (STACK.md), so `auto` skips it; forcing `webgpu` still uses it.
 * - A forced backend that fails falls back down the chain after it; the result says so. WebGPU also has to survive
 *   one synchronous read (`webgpuReadFails`), which it does not in headless Chromium without a GPU.
 * - wasm binaries: Node finds them itself; a browser build passes their URLs once with `setWasmPaths` (a Vite
 *   `?url` import lives with the caller, not here).
 */
import { BACKEND_CHOICES, type BackendChoice } from '../core/compute.js';
import { loadGradients, tf } from './tf.js';

export { BACKEND_CHOICES, type BackendChoice };
export type BackendName = Exclude<BackendChoice, 'auto'>;
const CHAIN: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Where the wasm binaries are: a folder prefix or a map of file name → URL (tfjs' `setWasmPaths`). */
export type WasmPaths =
  | string
  | Partial<
      Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>
    >;

export interface BackendSelection {
  /** The backend now active. */
  backend: BackendName;
  /** Backends tried before it and why each was not used. */
  skipped: { backend: BackendName; reason: string }[];
}

/**
 * How the wasm backend runs here, in words, when it is degraded: in a browser page that is not cross-origin isolated
 * (no COOP/COEP headers: a plain static host, or the single-file build from file://) SharedArrayBuffer is missing
 * and tfjs falls back from the threaded binary to the single-threaded SIMD one. Null when nothing is degraded.
 */
export function wasmLimitation(): string | null {
  const g = globalThis as { document?: unknown; WorkerGlobalScope?: unknown; crossOriginIsolated?: boolean };
  const browser = typeof g.document === 'object' || typeof g.WorkerGlobalScope === 'function';
  if (!browser || g.crossOriginIsolated !== false) return null;
  return 'wasm runs single-threaded: the page is not cross-origin isolated (COOP/COEP headers), so wasm threads are off';
}

let wasmPaths: WasmPaths | null = null;

/** Tells the wasm backend where its binaries are (call before the first `selectBackend` in a browser). */
export function setWasmPaths(paths: WasmPaths): void {
  wasmPaths = paths;
}

interface GpuLike {
  requestAdapter(): Promise<{ isFallbackAdapter?: boolean; info?: { isFallbackAdapter?: boolean } } | null>;
}

function host(): { gpu?: GpuLike; canvas: boolean } {
  const g = globalThis as { navigator?: { gpu?: GpuLike }; OffscreenCanvas?: unknown; document?: unknown };
  return { gpu: g.navigator?.gpu, canvas: typeof g.OffscreenCanvas === 'function' || typeof g.document === 'object' };
}

/** Why `name` cannot be used here, or null if it is worth trying. */
async function unusable(name: BackendName, auto: boolean): Promise<string | null> {
  const h = host();
  if (name === 'webgpu') {
    if (!h.gpu) return 'no navigator.gpu';
    const adapter = await h.gpu.requestAdapter().catch(() => null);
    if (!adapter) return 'no WebGPU adapter';
    if (auto && (adapter.isFallbackAdapter || adapter.info?.isFallbackAdapter))
      return 'software (fallback) adapter: wasm is faster';
  }
  if (name === 'webgl' && !h.canvas) return 'no canvas (not a browser)';
  return null;
}

async function register(name: BackendName): Promise<void> {
  if (name === 'wasm') {
    const m = await import('@tensorflow/tfjs-backend-wasm');
    if (wasmPaths !== null) m.setWasmPaths(wasmPaths);
  } else if (name === 'webgl') {
    await import('@tensorflow/tfjs-backend-webgl');
  } else if (name === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
  }
}

/** The part of a WebGPU device the read check uses (tfjs' WebGPU backend keeps its device as `.device`). */
interface GpuDeviceLike {
  pushErrorScope(filter: 'internal' | 'validation' | 'out-of-memory'): void;
  popErrorScope(): Promise<unknown>;
}

/**
 * Why the active WebGPU backend cannot train, or null when it can: one small product read back and checked, then a
 * round trip to the GPU process (`popErrorScope` rejects once the device is gone). The read is asynchronous, as
 * every read in training and sampling is: tfjs' synchronous read (`dataSync`) copies through a WebGPU canvas, and
 * where the browser cannot back one (headless Chromium without a GPU: "Could not find SharedImageBackingFactory")
 * the first such read destroys the device.
 */
async function webgpuReadFails(): Promise<string | null> {
  const device = (tf.backend() as unknown as { device?: GpuDeviceLike }).device;
  if (!device) return null;
  device.pushErrorScope('internal');
  try {
    // big enough to run on the GPU (tfjs does small ops on the CPU), and checked: the sum is 64³
    const t = tf.tidy(() => tf.sum(tf.matMul(tf.ones([64, 64]), tf.ones([64, 64]))));
    const v = (await t.data())[0];
    t.dispose();
    await device.popErrorScope();
    return v === 64 * 64 * 64 ? null : `a read gave ${v} instead of ${64 * 64 * 64}`;
  } catch (e) {
    return `the WebGPU device fails here (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** Backends found broken after they started (e.g. WebGPU without canvas support): not tried again. */
const broken = new Map<BackendName, string>();

/**
 * Starts `name` (registering it first), or says why it cannot run here; on success it is the active backend.
 * `auto` also refuses a software WebGPU adapter (see the file comment).
 */
export async function activateBackend(name: BackendName, auto = false): Promise<string | null> {
  if (tf.getBackend() === name && tf.findBackend(name)) return null;
  const why = broken.get(name) ?? (await unusable(name, auto));
  if (why) return why;
  try {
    await register(name);
    if (!(await tf.setBackend(name))) return 'failed to start';
    await tf.ready();
    const fails = name === 'webgpu' ? await webgpuReadFails() : null;
    if (!fails) return null;
    broken.set(name, fails);
    tf.removeBackend(name);
    return fails;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Activates a backend: `auto` walks webgpu → webgl → wasm → cpu; a named one is tried first and, if it fails,
 * the chain after it. Also registers tfjs' gradients. Resolves to the backend used and what was skipped.
 */
export async function selectBackend(choice: BackendChoice = 'auto'): Promise<BackendSelection> {
  await loadGradients();
  const auto = choice === 'auto';
  const chain = auto ? CHAIN : CHAIN.slice(CHAIN.indexOf(choice));
  const skipped: BackendSelection['skipped'] = [];
  for (const name of chain) {
    const why = await activateBackend(name, auto);
    if (!why) return { backend: name, skipped };
    skipped.push({ backend: name, reason: why });
  }
  // cpu is registered by tf.ts and cannot fail to start; reaching here means something is badly wrong
  throw new Error(`no tfjs backend could start: ${skipped.map((s) => `${s.backend} (${s.reason})`).join(', ')}`);
}

/** The part of a WebGL context the renderer check reads. */
interface GlLike {
  RENDERER: number;
  getExtension(name: string): { UNMASKED_RENDERER_WEBGL: number } | null;
  getParameter(p: number): unknown;
}

/** Renderer names of GPUs emulated on the CPU (Chromium's SwiftShader, Mesa's llvmpipe/softpipe, Windows' WARP). */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render driver|microsoft basic/i;

/**
 * The renderer of the active backend when it runs on a software (CPU-emulated) GPU, e.g. "SwiftShader"; null on
 * real hardware, on wasm/cpu, or when the browser hides the name. WebGL: the unmasked renderer string
 * (WEBGL_debug_renderer_info; newer Chromium also gives it as RENDERER). WebGPU: the adapter's fallback flag.
 */
export async function softwareRenderer(): Promise<string | null> {
  const name = tf.getBackend();
  if (name === 'webgl') {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: GlLike } }).gpgpu?.gl;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    const m = SOFTWARE_RENDERER.exec(renderer);
    return m ? (/swiftshader/i.test(renderer) ? 'SwiftShader' : m[0]) : null;
  }
  if (name === 'webgpu') {
    const adapter = await host()
      .gpu?.requestAdapter()
      .catch(() => null);
    if (adapter && (adapter.isFallbackAdapter || adapter.info?.isFallbackAdapter)) return 'fallback adapter';
  }
  return null;
}

/** The active backend's name. */
export function currentBackend(): string {
  return tf.getBackend();
}
