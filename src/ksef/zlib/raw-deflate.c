/*
 * Raw DEFLATE (RFC 1951) of one whole buffer at a time, for the ZIP entries of a KSeF batch package
 * (docs/ksef-protocol.md §4), compiled to WebAssembly by build.sh.
 *
 * Why this exists: a package holds up to 10,000 invoices of a few KB each, and every entry is its own
 * deflate stream. Every JavaScript deflate and the platform's CompressionStream set up a fresh
 * compressor (hundreds of KB of tables) per stream, which costs more than compressing 3 KB of XML.
 * Here one zlib stream is set up once and reset between entries (deflateReset keeps its memory),
 * and the CRC-32 the ZIP entry needs is computed in the same call.
 *
 * Memory: zlib's state lives in a static arena (no libc, no malloc); the caller's input and output
 * sit above __heap_base, where the JavaScript side grows the memory as needed.
 */
#include "zlib.h"

static z_stream strm;
static int ready = 0;
/* deflateInit2 with windowBits 15 and memLevel 8 asks for about 270 KB in five pieces. */
static unsigned char arena[384 * 1024];
static unsigned long used = 0;

static voidpf arena_alloc(voidpf opaque, uInt items, uInt size) {
  (void)opaque;
  unsigned long n = ((unsigned long)items * size + 15UL) & ~15UL;
  if (n > sizeof(arena) - used) return Z_NULL;
  voidpf p = arena + used;
  used += n;
  return p;
}

/* The arena is only ever given out once: the stream lives as long as the module instance. */
static void arena_free(voidpf opaque, voidpf address) {
  (void)opaque;
  (void)address;
}

/* Sets up the stream once; returns Z_OK or zlib's error code. */
int rd_init(int level) {
  if (ready) return Z_OK;
  strm.zalloc = arena_alloc;
  strm.zfree = arena_free;
  strm.opaque = Z_NULL;
  int r = deflateInit2(&strm, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  if (r == Z_OK) ready = 1;
  return r;
}

/* Most bytes the deflate of `len` bytes can take. */
unsigned long rd_bound(unsigned long len) { return deflateBound(&strm, len); }

/*
 * Deflates in[0..len) into out[0..cap) as one complete raw stream and writes the CRC-32 of the
 * input to *crc. Returns the compressed length, or a negative zlib error code.
 */
long rd_deflate(const unsigned char *in, unsigned long len, unsigned char *out, unsigned long cap,
                unsigned long *crc) {
  if (!ready) return Z_STREAM_ERROR;
  int r = deflateReset(&strm);
  if (r != Z_OK) return r;
  strm.next_in = (z_const Bytef *)in;
  strm.avail_in = (uInt)len;
  strm.next_out = out;
  strm.avail_out = (uInt)cap;
  r = deflate(&strm, Z_FINISH);
  if (r != Z_STREAM_END) return r == Z_OK ? Z_BUF_ERROR : r;
  *crc = crc32(0UL, in, (uInt)len);
  return (long)strm.total_out;
}
