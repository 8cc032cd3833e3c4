// django-redis COMPRESSOR decoders. Inflated size is capped like the codec's zlib (a small value
// can inflate to gigabytes); lzma (.xz) goes through xz-decompress's wasm (xz.ts).
import { gunzipSync } from 'node:zlib';
import { inflateCapped } from '../../codec/zlib';

export type Compressor = 'none' | 'zlib' | 'gzip' | 'lzma' | 'lz4' | 'zstd';

/** A compressor problem reported as the value's status (not django-redis's silent raw fallback). */
export class UnsupportedCompressor extends Error {}
/** The value inflates past the cap: reported, never decoded further. */
export class CompressedOverCap extends UnsupportedCompressor {}

const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);

/** Decompresses `data`; throws (like django-redis's CompressorError) when it is not in that format. */
export async function decompress(compressor: Compressor, data: Buffer, maxBytes: number): Promise<Buffer> {
  switch (compressor) {
    case 'none':
      return data;
    case 'zlib':
      return Buffer.from(inflateCapped(data, maxBytes));
    case 'gzip':
      return gunzipSync(data, { maxOutputLength: maxBytes });
    case 'lz4': {
      const lz4 = await import('lz4js');
      if (lz4.decompressBound(data) > maxBytes) throw new Error(`inflated size over the cap of ${maxBytes} bytes`);
      return Buffer.from(lz4.decompress(data));
    }
    case 'zstd': {
      const { decompress: unzstd } = await import('fzstd');
      const out = unzstd(data);
      if (out.length > maxBytes) throw new Error(`inflated size over the cap of ${maxBytes} bytes`);
      return Buffer.from(out);
    }
    case 'lzma': {
      // Values under django-redis's min_length (100) are stored raw (its decompress fails, the raw
      // value is used): only real xz data is decompressed.
      if (!data.subarray(0, 6).equals(XZ_MAGIC)) throw new Error('not xz data');
      const { unxz } = await import('./xz');
      return unxz(data, maxBytes);
    }
  }
}
