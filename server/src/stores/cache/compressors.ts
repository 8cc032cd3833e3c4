// django-redis COMPRESSOR decoders. Inflated size is capped like the codec's zlib (a small value
// can inflate to gigabytes). lzma has no maintained pure-JS/wasm xz decoder we ship: its values
// report a clear "unsupported compressor" status instead of a wrong decode.
import { gunzipSync } from 'node:zlib';
import { inflateCapped } from '../../codec/zlib';

export type Compressor = 'none' | 'zlib' | 'gzip' | 'lzma' | 'lz4' | 'zstd';

export class UnsupportedCompressor extends Error {}

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
    case 'lzma':
      // Values under django-redis's min_length (100) are stored raw: only real xz data is unreadable.
      if (data.subarray(0, 6).equals(XZ_MAGIC)) throw new UnsupportedCompressor('unsupported compressor lzma (no pure-JS xz decoder is bundled)');
      throw new Error('not xz data');
  }
}
