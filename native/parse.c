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
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

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

static void free_state(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  State *s = data;
  if (s->parser) ts_parser_delete(s->parser);
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

/* Move past the current node's subtree: to its next sibling, or up to an ancestor's. False at the end. */
static bool advance(TSTreeCursor *cursor, uint32_t *depth) {
  while (!ts_tree_cursor_goto_next_sibling(cursor)) {
    if (!ts_tree_cursor_goto_parent(cursor)) return false;
    (*depth)--;
  }
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
  /* Record index of each open ancestor, to count its children. Depth is bounded by the node count. */
  uint32_t cap = 64, depth = 0, n = 0;
  uint32_t *open = malloc(cap * sizeof *open);
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  bool overflow = false;
  for (bool ok = open != NULL; ok;) {
    if (n == count) {
      /* Never write past the array, whatever the cursor does. */
      overflow = true;
      break;
    }
    TSNode node = ts_tree_cursor_current_node(&cursor);
    TSSymbol symbol = ts_node_symbol(node);
    TSFieldId field = ts_tree_cursor_current_field_id(&cursor);
    bool missing = ts_node_is_missing(node);
    if (symbol < s->symbols && s->punctuation[symbol] && !field && !missing) {
      ok = advance(&cursor, &depth); /* a punctuation token is a leaf */
      continue;
    }
    uint32_t *r = rec + (size_t)n * RECORD;
    r[0] = (uint32_t)symbol | ((uint32_t)field << 16);
    r[1] = ts_node_start_byte(node) / 2;
    r[2] = ts_node_end_byte(node) / 2;
    r[3] = (ts_node_is_named(node) ? IS_NAMED : 0) | (missing ? IS_MISSING : 0);
    if (depth) rec[(size_t)open[depth - 1] * RECORD + 3]++;
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      if (depth == cap) {
        uint32_t *grown = realloc(open, (cap *= 2) * sizeof *open);
        if (!grown) {
          free(open);
          open = NULL;
          break;
        }
        open = grown;
      }
      open[depth++] = n++;
      continue;
    }
    n++;
    ok = advance(&cursor, &depth);
  }
  bool has_error = ts_node_has_error(root);
  ts_tree_cursor_delete(&cursor);
  ts_tree_delete(tree);
  bool oom = open == NULL;
  free(open);
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
  napi_property_descriptor props[] = {
      {"setLanguage", NULL, set_language, NULL, NULL, NULL, napi_default, NULL},
      {"symbols", NULL, symbols, NULL, NULL, NULL, napi_default, NULL},
      {"fields", NULL, fields, NULL, NULL, NULL, napi_default, NULL},
      {"parse", NULL, parse, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof *props, props) != napi_ok) return NULL;
  return exports;
}
