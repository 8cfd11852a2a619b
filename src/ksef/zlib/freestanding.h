/* zlib built with Z_SOLO has no libc: its memcpy/memset become the compiler's own (bulk memory). */
#define memcpy __builtin_memcpy
#define memset __builtin_memset
