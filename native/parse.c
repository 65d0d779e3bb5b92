/*
 * Parse Python with tree-sitter and hand JavaScript the whole syntax tree in one typed array.
 *
 * Walking a tree through the node bindings costs about seven native calls per node (~100 ns each):
 * on the stdlib that copy cost more than the parse. Here the walk runs in C, the tree is freed before
 * returning (its memory no longer waits for a garbage collector to finalize a wrapper), and JavaScript
 * reads plain numbers. The grammar comes from the tree-sitter-python package (its `language` external).
 *
 * Records, pre-order, RECORD words each (uint32):
 *   [0] symbol (low 16 bits) | field id (high 16 bits)
 *   [1] start, [2] end: offsets in UTF-16 code units (JavaScript string indices)
 *   [3] visible child count (low 28 bits) | IS_NAMED | IS_MISSING
 *
 * Punctuation tokens ( ) [ ] { } , : . ; that carry no field and are not missing are left out: no
 * extractor reads them (ranges give every node's text), and they are a quarter of a Python tree.
 */
#include <node_api.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>
#include "language.h"
#include "subtree.h"
#include "tree.h"

#define RECORD 4
#define IS_NAMED (1u << 30)
#define IS_MISSING (1u << 31)
#define COUNT_MASK ((1u << 28) - 1)

typedef struct {
  TSParser *parser;
  const TSLanguage *language;
  /* Per symbol id: a punctuation token left out of the records. */
  bool *punctuation;
  uint32_t symbols;
} State;

/* "tree-sitter", "language" hashed with BLAKE2: the tag tree-sitter grammars put on their external. */
static const napi_type_tag LANGUAGE_TAG = {0x8AF2E5212AD58ABFULL, 0xD5006CAD83ABBA16ULL};

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, NULL, "pyvet parse: N-API call failed"); \
      return NULL;                                                    \
    }                                                                 \
  } while (0)

/*
 * tree-sitter allocates and frees every subtree of every parse through its allocator hooks. Through
 * glibc that was an eighth of the parse, and the freed tree went back to the system after each file
 * (page faults again on the next one). Small blocks come from per-thread free lists by size instead:
 * a worker thread parses file after file, each tree freed before the next parse, so the lists hold
 * about one tree's worth and are reused. A block's size class sits in the word before it; blocks
 * above POOL_MAX bytes are plain malloc blocks. Trees never cross threads (each is freed in the call
 * that parsed it); a thread's chunks are released with its parser (free_state).
 */
#define POOL_STEP 16
#define POOL_MAX 1016 /* largest pooled payload: 64 classes of 16-byte blocks, 8 bytes of header each */
#define POOL_CLASSES ((POOL_MAX + 8) / POOL_STEP)
#define POOL_CHUNK (256 * 1024)
#define POOL_LARGE ((size_t)-1)

typedef struct {
  void *free[POOL_CLASSES];
  char *next, *end;
  /* Chunks, linked through their first word. */
  void *chunks;
} Pool;

static _Thread_local Pool pool;

static void *pool_out_of_memory(size_t size) {
  fprintf(stderr, "pyvet parse: failed to allocate %zu bytes\n", size);
  abort();
}

static void *pool_malloc(size_t size) {
  if (size > POOL_MAX) {
    /* Header of 16 bytes (size, marker) keeps malloc's alignment. */
    size_t *base = malloc(size + 2 * sizeof(size_t));
    if (!base) return pool_out_of_memory(size);
    base[0] = size;
    base[1] = POOL_LARGE;
    return base + 2;
  }
  size_t k = (size + sizeof(size_t) + POOL_STEP - 1) / POOL_STEP - 1;
  void *p = pool.free[k];
  if (p) {
    pool.free[k] = *(void **)p;
    return p;
  }
  size_t block = (k + 1) * POOL_STEP;
  if ((size_t)(pool.end - pool.next) < block) {
    char *chunk = malloc(POOL_CHUNK);
    if (!chunk) return pool_out_of_memory(size);
    *(void **)chunk = pool.chunks;
    pool.chunks = chunk;
    /* Blocks start 8 bytes in, after the link: each payload is 16-byte aligned, as malloc's are. */
    pool.next = chunk + sizeof(void *);
    pool.end = chunk + POOL_CHUNK;
  }
  size_t *header = (size_t *)pool.next;
  pool.next += block;
  *header = k;
  return header + 1;
}

static void pool_free(void *p) {
  if (!p) return;
  size_t k = ((size_t *)p)[-1];
  if (k == POOL_LARGE) {
    free((size_t *)p - 2);
    return;
  }
  *(void **)p = pool.free[k];
  pool.free[k] = p;
}

static size_t pool_capacity(void *p) {
  size_t k = ((size_t *)p)[-1];
  return k == POOL_LARGE ? ((size_t *)p)[-2] : (k + 1) * POOL_STEP - sizeof(size_t);
}

static void *pool_realloc(void *p, size_t size) {
  if (!p) return pool_malloc(size);
  size_t capacity = pool_capacity(p);
  if (((size_t *)p)[-1] == POOL_LARGE && size > POOL_MAX) {
    size_t *base = realloc((size_t *)p - 2, size + 2 * sizeof(size_t));
    if (!base) return pool_out_of_memory(size);
    base[0] = size;
    return base + 2;
  }
  if (size <= capacity && ((size_t *)p)[-1] != POOL_LARGE) return p;
  void *q = pool_malloc(size);
  memcpy(q, p, capacity < size ? capacity : size);
  pool_free(p);
  return q;
}

static void *pool_calloc(size_t count, size_t size) {
  if (size && count > (size_t)-1 / 2 / size) return pool_out_of_memory((size_t)-1);
  void *p = pool_malloc(count * size);
  memset(p, 0, count * size);
  return p;
}

/* Release this thread's chunks: only once nothing of tree-sitter's is left on the thread. */
static void pool_release(void) {
  for (void *c = pool.chunks; c;) {
    void *next = *(void **)c;
    free(c);
    c = next;
  }
  memset(&pool, 0, sizeof pool);
}

static pthread_once_t pool_once = PTHREAD_ONCE_INIT;
static void pool_install(void) { ts_set_allocator(pool_malloc, pool_calloc, pool_realloc, pool_free); }

static void free_state(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  State *s = data;
  if (s->parser) ts_parser_delete(s->parser);
  pool_release();
  free(s->punctuation);
  free(s);
}

static State *state(napi_env env) {
  State *s = NULL;
  if (napi_get_instance_data(env, (void **)&s) != napi_ok || !s || !s->language) {
    napi_throw_error(env, NULL, "pyvet parse: setLanguage() was not called");
    return NULL;
  }
  return s;
}

/* setLanguage(language): the external a tree-sitter grammar package exports. */
static napi_value set_language(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bool tagged = false;
  void *lang = NULL;
  if (argc < 1 || napi_check_object_type_tag(env, argv[0], &LANGUAGE_TAG, &tagged) != napi_ok || !tagged ||
      napi_get_value_external(env, argv[0], &lang) != napi_ok) {
    napi_throw_type_error(env, NULL, "pyvet parse: not a tree-sitter language");
    return NULL;
  }
  State *s = NULL;
  napi_get_instance_data(env, (void **)&s);
  if (!s) {
    s = calloc(1, sizeof *s);
    if (!s || !(s->parser = ts_parser_new())) {
      free(s);
      napi_throw_error(env, NULL, "pyvet parse: out of memory");
      return NULL;
    }
    CHECK(napi_set_instance_data(env, s, free_state, NULL));
  }
  if (!ts_parser_set_language(s->parser, lang)) {
    napi_throw_error(env, NULL, "pyvet parse: incompatible grammar version");
    return NULL;
  }
  uint32_t n = ts_language_symbol_count(lang);
  bool *punctuation = calloc(n ? n : 1, sizeof *punctuation);
  if (!punctuation) {
    napi_throw_error(env, NULL, "pyvet parse: out of memory");
    return NULL;
  }
  for (uint32_t i = 0; i < n; i++) {
    const char *name = ts_language_symbol_name(lang, (TSSymbol)i);
    punctuation[i] = ts_language_symbol_type(lang, (TSSymbol)i) == TSSymbolTypeAnonymous && name && name[0] && !name[1] && strchr("()[]{},:.;", name[0]);
  }
  free(s->punctuation);
  s->punctuation = punctuation;
  s->symbols = n;
  s->language = lang;
  return NULL;
}

static const char *symbol_name(const TSLanguage *language, uint32_t id) { return ts_language_symbol_name(language, (TSSymbol)id); }
static const char *field_name(const TSLanguage *language, uint32_t id) { return ts_language_field_name_for_id(language, (TSFieldId)id); }

/* An array of the grammar's names indexed by id, ids first..last (lower indexes left empty). */
static napi_value name_table(napi_env env, uint32_t first, uint32_t last, const char *(*name)(const TSLanguage *, uint32_t)) {
  State *s = state(env);
  if (!s) return NULL;
  napi_value out;
  CHECK(napi_create_array_with_length(env, last + 1, &out));
  for (uint32_t i = first; i <= last; i++) {
    napi_value v;
    CHECK(napi_create_string_utf8(env, name(s->language, i), NAPI_AUTO_LENGTH, &v));
    CHECK(napi_set_element(env, out, i, v));
  }
  return out;
}

/* symbols(): type names indexed by symbol id. */
static napi_value symbols(napi_env env, napi_callback_info info) {
  (void)info;
  State *s = state(env);
  return s ? name_table(env, 0, ts_language_symbol_count(s->language) - 1, symbol_name) : NULL;
}

/* fields(): field names indexed by field id (0 is no field). */
static napi_value fields(napi_env env, napi_callback_info info) {
  (void)info;
  State *s = state(env);
  return s ? name_table(env, 1, ts_language_field_count(s->language), field_name) : NULL;
}

/*
 * The walk that writes the records: the visible nodes in document order, as a tree cursor visits
 * them, with each node's symbol, field, range and flags computed as ts_node_* and the cursor compute
 * them (alias from the parent's production, field from the parent's field map or inherited through
 * hidden parents, start from the siblings' sizes and paddings). It reads tree-sitter's subtrees
 * directly (internal headers of the vendored runtime): the cursor API cost a seventh of the parse.
 * An explicit stack, not recursion: a chain of 100,000 `+` is 100,000 levels deep.
 */
typedef struct {
  Subtree subtree;
  uint32_t child;      /* next child to visit */
  uint32_t structural; /* structural index of that child (extras do not count) */
  uint32_t position;   /* byte where the previous child ended (the first child starts here) */
  const TSSymbol *aliases;
  const TSFieldMapEntry *fields, *fields_end;
  uint32_t record;     /* record of this node, or of its nearest visible ancestor when hidden */
  bool visible;
  TSFieldId inherited; /* a hidden node's own field, which its children inherit */
} Frame;

static bool push_frame(Frame **stack, uint32_t *depth, uint32_t *cap, const TSLanguage *language, Subtree subtree, uint32_t position, uint32_t record, bool visible, TSFieldId field) {
  if (*depth == *cap) {
    Frame *grown = realloc(*stack, (*cap *= 2) * sizeof **stack);
    if (!grown) return false;
    *stack = grown;
  }
  Frame *f = &(*stack)[(*depth)++];
  uint32_t production = subtree.ptr->production_id;
  f->subtree = subtree;
  f->child = 0;
  f->structural = 0;
  f->position = position;
  f->aliases = ts_language_alias_sequence(language, production);
  ts_language_field_map(language, production, &f->fields, &f->fields_end);
  f->record = record;
  f->visible = visible;
  f->inherited = field;
  return true;
}

/* False when out of memory; *overflow when the tree has more visible nodes than `count`. */
static bool write_records(const State *s, const TSTree *tree, uint32_t *rec, uint32_t count, uint32_t *written, bool *overflow) {
  const TSLanguage *language = s->language;
  Subtree root = tree->root;
  uint32_t start = ts_subtree_padding(root).bytes;
  uint32_t n = 0;
  uint32_t *r = rec;
  r[0] = (uint32_t)ts_language_public_symbol(language, ts_subtree_symbol(root));
  r[1] = start / 2;
  r[2] = (start + ts_subtree_size(root).bytes) / 2;
  r[3] = (ts_subtree_named(root) ? IS_NAMED : 0) | (ts_subtree_missing(root) ? IS_MISSING : 0);
  n = 1;
  uint32_t cap = 64, depth = 0;
  Frame *stack = malloc(cap * sizeof *stack);
  if (!stack) return false;
  if (ts_subtree_child_count(root) > 0 && !push_frame(&stack, &depth, &cap, language, root, start, 0, true, 0)) {
    free(stack);
    return false;
  }
  while (depth) {
    Frame *f = &stack[depth - 1];
    if (f->child == f->subtree.ptr->child_count) {
      depth--;
      continue;
    }
    uint32_t index = f->child++;
    Subtree child = ts_subtree_children(f->subtree)[index];
    uint32_t child_start = f->position + (index ? ts_subtree_padding(child).bytes : 0);
    uint32_t child_end = child_start + ts_subtree_size(child).bytes;
    f->position = child_end;
    bool extra = ts_subtree_extra(child);
    TSSymbol alias = 0;
    TSFieldId field = 0;
    if (!extra) {
      uint32_t structural = f->structural++;
      if (f->aliases) alias = f->aliases[structural];
      for (const TSFieldMapEntry *m = f->fields; m < f->fields_end; m++) {
        if (!m->inherited && m->child_index == structural) {
          field = m->field_id;
          break;
        }
      }
      if (!field && !f->visible) field = f->inherited;
    }
    if (!ts_subtree_visible(child) && !alias) {
      /* A hidden node: its visible descendants are its parent's children. */
      if (ts_subtree_visible_child_count(child) > 0 && !push_frame(&stack, &depth, &cap, language, child, child_start, f->record, false, field)) {
        free(stack);
        return false;
      }
      continue;
    }
    TSSymbol symbol = ts_language_public_symbol(language, alias ? alias : ts_subtree_symbol(child));
    bool missing = ts_subtree_missing(child);
    if (symbol < s->symbols && s->punctuation[symbol] && !field && !missing) continue; /* a punctuation token is a leaf */
    if (n == count) {
      /* Never write past the array, whatever the tree holds. */
      *overflow = true;
      break;
    }
    bool named = alias ? ts_language_symbol_metadata(language, alias).named : ts_subtree_named(child);
    r = rec + (size_t)n * RECORD;
    r[0] = (uint32_t)symbol | ((uint32_t)field << 16);
    r[1] = child_start / 2;
    r[2] = child_end / 2;
    r[3] = (named ? IS_NAMED : 0) | (missing ? IS_MISSING : 0);
    rec[(size_t)f->record * RECORD + 3]++;
    if (ts_subtree_child_count(child) > 0 && !push_frame(&stack, &depth, &cap, language, child, child_start, n, true, 0)) {
      free(stack);
      return false;
    }
    n++;
  }
  free(stack);
  *written = n;
  return true;
}

/*
 * parse(source, maxNodes): { nodes, records: Uint32Array, hasError }, where nodes counts every node
 * of the tree; when it is above maxNodes, { nodes } alone (nothing is copied).
 */
static napi_value parse(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  State *s = state(env);
  if (!s) return NULL;
  double max_nodes = 0;
  if (argc < 2 || napi_get_value_double(env, argv[1], &max_nodes) != napi_ok) {
    napi_throw_type_error(env, NULL, "pyvet parse: parse(source, maxNodes)");
    return NULL;
  }
  size_t len = 0;
  if (napi_get_value_string_utf16(env, argv[0], NULL, 0, &len) != napi_ok) {
    napi_throw_type_error(env, NULL, "pyvet parse: source must be a string");
    return NULL;
  }
  char16_t *text = malloc((len + 1) * sizeof *text);
  if (!text) {
    napi_throw_error(env, NULL, "pyvet parse: out of memory");
    return NULL;
  }
  CHECK(napi_get_value_string_utf16(env, argv[0], text, len + 1, &len));
  TSTree *tree = ts_parser_parse_string_encoding(s->parser, NULL, (const char *)text, (uint32_t)(len * sizeof *text), TSInputEncodingUTF16LE);
  free(text);
  if (!tree) {
    napi_throw_error(env, NULL, "pyvet parse: tree-sitter returned no tree");
    return NULL;
  }
  TSNode root = ts_tree_root_node(tree);
  uint32_t count = ts_node_descendant_count(root);
  napi_value out, v;
  CHECK(napi_create_object(env, &out));
  CHECK(napi_create_uint32(env, count, &v));
  CHECK(napi_set_named_property(env, out, "nodes", v));
  if ((double)count > max_nodes) {
    ts_tree_delete(tree);
    return out;
  }
  void *data = NULL;
  napi_value buffer, records;
  if (napi_create_arraybuffer(env, (size_t)count * RECORD * sizeof(uint32_t), &data, &buffer) != napi_ok) {
    ts_tree_delete(tree);
    napi_throw_error(env, NULL, "pyvet parse: out of memory");
    return NULL;
  }
  uint32_t *rec = data;
  uint32_t n = 0;
  bool overflow = false;
  bool oom = !write_records(s, tree, rec, count, &n, &overflow);
  bool has_error = ts_node_has_error(root);
  ts_tree_delete(tree);
  if (oom || overflow) {
    napi_throw_error(env, NULL, oom ? "pyvet parse: out of memory" : "pyvet parse: the tree has more nodes than it counts");
    return NULL;
  }
  CHECK(napi_create_typedarray(env, napi_uint32_array, (size_t)n * RECORD, buffer, 0, &records));
  CHECK(napi_set_named_property(env, out, "records", records));
  CHECK(napi_get_boolean(env, has_error, &v));
  CHECK(napi_set_named_property(env, out, "hasError", v));
  return out;
}

NAPI_MODULE_INIT() {
  /* Before any tree-sitter call of any thread; the hooks are process-wide, the pools per thread. */
  pthread_once(&pool_once, pool_install);
  napi_property_descriptor props[] = {
      {"setLanguage", NULL, set_language, NULL, NULL, NULL, napi_default, NULL},
      {"symbols", NULL, symbols, NULL, NULL, NULL, napi_default, NULL},
      {"fields", NULL, fields, NULL, NULL, NULL, napi_default, NULL},
      {"parse", NULL, parse, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof *props, props) != napi_ok) return NULL;
  return exports;
}
