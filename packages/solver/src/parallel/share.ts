// The compiled instance as sent to search workers: every typed array copied once into a
// SharedArrayBuffer (workers map the same memory; the search never writes to Compiled) and the wire
// `problem` left out (only compile/ and unload read it, both on the main thread).
import type { Compiled } from '../compile/compiled.ts';

type Typed = Int32Array | Uint8Array | Float64Array;
type TypedCtor = new (buffer: SharedArrayBuffer) => Typed;

function shared(a: Typed): Typed {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const out = new (a.constructor as TypedCtor)(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** A copy of `c` for workers: typed arrays over SharedArrayBuffers, `problem` null (do not read it). */
export function sharedCompiled(c: Compiled): Compiled {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    if (k === 'problem') out[k] = null;
    else out[k] = ArrayBuffer.isView(v) ? shared(v as Typed) : v;
  }
  return out as unknown as Compiled;
}
