// django-redis's LzmaCompressor writes .xz streams (Python's lzma.compress, FORMAT_XZ). They are
// read with xz-decompress (xz-embedded compiled to wasm, no native code), stopped at the cap.
import { CompressedOverCap } from './compressors';

interface XzModule { XzReadableStream: new (compressed: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array> }

export async function unxz(data: Buffer, maxBytes: number): Promise<Buffer> {
  const loaded = (await import('xz-decompress')) as XzModule & { default?: XzModule };
  const { XzReadableStream } = loaded.default ?? loaded;
  const reader = new XzReadableStream(new Blob([data]).stream()).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) throw new CompressedOverCap(`inflated size over the cap of ${maxBytes} bytes`);
      chunks.push(value);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks);
}
