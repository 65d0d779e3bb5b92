{
  # The Python parser: tree-sitter's runtime (C sources vendored in native/tree-sitter) and a small
  # N-API addon that walks the tree in C (native/parse.c). The grammar is tree-sitter-python's.
  "variables": {
    "ts_lib%": "native/tree-sitter/lib",
  },
  "targets": [
    {
      "target_name": "pyvet_parse",
      "sources": ["native/parse.c", "<(ts_lib)/src/lib.c"],
      "include_dirs": ["<(ts_lib)/include", "<(ts_lib)/src"],
      "defines": ["_POSIX_C_SOURCE=200112L", "_DEFAULT_SOURCE", "NAPI_VERSION=8"],
      "cflags_c": ["-std=c11", "-fvisibility=hidden"],
    }
  ]
}
