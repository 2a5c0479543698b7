/* ga-filter.c — attribute conditions: a small recursive-descent parser and evaluator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ga-filter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ga-classify.h"
#include "ga-error.h"
#include "ga-filter.h"

typedef enum
{
  TOK_END,
  TOK_IDENT,     /* bare word: a field or a keyword */
  TOK_QIDENT,    /* "quoted field" */
  TOK_STRING,    /* 'text' */
  TOK_NUMBER,
  TOK_OP,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_COMMA,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  char      *text;     /* identifier, string contents, operator or number text */
  double     number;
  int        column;   /* 1-based character column */
} Token;

typedef enum
{
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
} CmpOp;

typedef enum
{
  NODE_AND,
  NODE_OR,
  NODE_NOT,
  NODE_CMP,
  NODE_IN,
  NODE_LIKE,
  NODE_IS_NULL,
} NodeKind;

typedef struct
{
  char     *text;
  char     *fold;       /* case-folded text */
  gboolean  is_number;
  double    number;
} Value;

typedef struct _Node Node;
struct _Node
{
  NodeKind  kind;
  Node     *a;
  Node     *b;
  char     *field;
  int       index;      /* bound field index, -1 = missing */
  CmpOp     op;
  gboolean  negate;     /* NOT IN, NOT LIKE, IS NOT NULL */
  Value     value;      /* CMP, LIKE (fold = pattern) */
  GArray   *values;     /* IN: Value */
};

struct _GaFilter
{
  gatomicrefcount  ref_count;
  char            *text;
  Node            *root;
  GaLayer         *bound;   /* not a reference: only compared */
};

typedef struct
{
  const char *text;
  GPtrArray  *tokens;
  guint       pos;
  GError     *error;
} Parser;

/* ---- values ---- */

static void
value_init (Value *value, const char *text, gboolean from_number_token, double number)
{
  value->text = g_strdup (text);
  value->fold = g_utf8_casefold (text, -1);
  value->is_number = from_number_token || ga_parse_number (text, &value->number);
  if (from_number_token)
    value->number = number;
}

static void
value_clear (gpointer data)
{
  Value *value = data;

  g_clear_pointer (&value->text, g_free);
  g_clear_pointer (&value->fold, g_free);
}

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  node_free (node->a);
  node_free (node->b);
  g_free (node->field);
  value_clear (&node->value);
  g_clear_pointer (&node->values, g_array_unref);
  g_free (node);
}

static Node *
node_new (NodeKind kind)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  node->index = -1;
  return node;
}

/* ---- lexer ---- */

static void
token_free (gpointer data)
{
  Token *token = data;

  g_free (token->text);
  g_free (token);
}

static gboolean
is_ident_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '_' || c == '.';
}

static void
add_token (Parser *p, TokenKind kind, char *text, double number, int column)
{
  Token *token = g_new0 (Token, 1);

  token->kind = kind;
  token->text = text;
  token->number = number;
  token->column = column;
  g_ptr_array_add (p->tokens, token);
}

static gboolean
tokenize (Parser *p)
{
  const char *s = p->text;
  int column = 1;

  while (*s != '\0')
    {
      gunichar c = g_utf8_get_char (s);
      int start = column;

      if (g_unichar_isspace (c))
        {
          s = g_utf8_next_char (s);
          column++;
          continue;
        }
      if (c == '\'' || c == '"')
        {
          GString *text = g_string_new (NULL);
          gunichar quote = c;

          s++;
          column++;
          for (;;)
            {
              if (*s == '\0')
                {
                  g_set_error (&p->error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                               quote == '\''
                               ? _("The text starting at column %d has no closing quote (').")
                               : _("The field name starting at column %d has no closing "
                                   "quote (\")."),
                               start);
                  g_string_free (text, TRUE);
                  return FALSE;
                }
              if ((gunichar) *s == quote)
                {
                  if ((gunichar) s[1] == quote)
                    {
                      g_string_append_c (text, *s);
                      s += 2;
                      column += 2;
                      continue;
                    }
                  s++;
                  column++;
                  break;
                }
              g_string_append_unichar (text, g_utf8_get_char (s));
              s = g_utf8_next_char (s);
              column++;
            }
          add_token (p, quote == '\'' ? TOK_STRING : TOK_QIDENT, g_string_free (text, FALSE), 0,
                     start);
          continue;
        }
      if (g_ascii_isdigit (*s) ||
          ((*s == '-' || *s == '+' || *s == '.') &&
           (g_ascii_isdigit (s[1]) || (s[1] == '.' && g_ascii_isdigit (s[2])))))
        {
          char *end = NULL;
          double v = g_ascii_strtod (s, &end);

          if (end == s)
            end = (char *) s + 1;
          add_token (p, TOK_NUMBER, g_strndup (s, end - s), v, start);
          column += (int) (end - s);
          s = end;
          continue;
        }
      if (strchr ("=!<>", *s) != NULL)
        {
          char op[3] = { s[0], 0, 0 };

          if ((s[0] == '!' && s[1] == '=') || (s[0] == '<' && (s[1] == '=' || s[1] == '>')) ||
              (s[0] == '>' && s[1] == '='))
            op[1] = s[1];
          else if (s[0] == '=' && s[1] == '=')
            op[1] = '=';
          if (g_str_equal (op, "!"))
            {
              g_set_error (&p->error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                           _("Unexpected “!” at column %d; write != for “not equal”."), start);
              return FALSE;
            }
          add_token (p, TOK_OP, g_strdup (op), 0, start);
          s += strlen (op);
          column += (int) strlen (op);
          continue;
        }
      if (c == '(' || c == ')' || c == ',')
        {
          add_token (p, c == '(' ? TOK_LPAREN : c == ')' ? TOK_RPAREN : TOK_COMMA,
                     g_strndup (s, 1), 0, start);
          s++;
          column++;
          continue;
        }
      if (is_ident_char (c))
        {
          const char *begin = s;

          while (*s != '\0' && is_ident_char (g_utf8_get_char (s)))
            {
              s = g_utf8_next_char (s);
              column++;
            }
          add_token (p, TOK_IDENT, g_strndup (begin, s - begin), 0, start);
          continue;
        }
      {
        char buf[8] = { 0 };

        g_unichar_to_utf8 (c, buf);
        g_set_error (&p->error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                     _("Unexpected “%s” at column %d."), buf, start);
        return FALSE;
      }
    }
  add_token (p, TOK_END, g_strdup (""), 0, column);
  return TRUE;
}

/* ---- parser ---- */

static Token *
peek (Parser *p)
{
  return p->tokens->pdata[p->pos];
}

static Token *
next (Parser *p)
{
  Token *token = p->tokens->pdata[p->pos];

  if (token->kind != TOK_END)
    p->pos++;
  return token;
}

static gboolean
is_keyword (Token *token, const char *word)
{
  return token->kind == TOK_IDENT && g_ascii_strcasecmp (token->text, word) == 0;
}

static const char *
describe (Token *token)
{
  return token->kind == TOK_END ? _("the end") : token->text;
}

static Node *parse_or (Parser *p);

static gboolean
parse_value (Parser *p, Token *after, Value *value)
{
  Token *token = peek (p);

  if (token->kind == TOK_STRING || token->kind == TOK_NUMBER)
    {
      next (p);
      value_init (value, token->text, token->kind == TOK_NUMBER, token->number);
      return TRUE;
    }
  g_set_error (&p->error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
               token->kind == TOK_IDENT
               ? _("Expected a value after “%s” at column %d; put text in single quotes, "
                   "like 'park'.")
               : _("Expected a value after “%s” at column %d."),
               after->text, token->column);
  return FALSE;
}

static Node *
parse_primary (Parser *p)
{
  Token *token = peek (p);
  Token *field, *op;
  Node *node;
  gboolean negate = FALSE;

  if (token->kind == TOK_LPAREN)
    {
      next (p);
      node = parse_or (p);
      if (node == NULL)
        return NULL;
      token = peek (p);
      if (token->kind != TOK_RPAREN)
        {
          g_set_error (&p->error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                       _("Missing “)” at column %d."), token->column);
          node_free (node);
          return NULL;
        }
      next (p);
      return node;
    }

  if ((token->kind != TOK_IDENT && token->kind != TOK_QIDENT) ||
      is_keyword (token, "AND") || is_keyword (token, "OR") || is_keyword (token, "IN") ||
      is_keyword (token, "LIKE"))
    {
      if (token->kind == TOK_END)
        g_set_error (&p->error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                     _("Expected a field name at column %d, but the condition ends there."),
                     token->column);
      else
        g_set_error (&p->error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                     _("Expected a field name at column %d, found “%s”."), token->column,
                     describe (token));
      return NULL;
    }
  field = next (p);
  op = peek (p);

  if (is_keyword (op, "IS"))
    {
      next (p);
      if (is_keyword (peek (p), "NOT"))
        {
          next (p);
          negate = TRUE;
        }
      if (!is_keyword (peek (p), "NULL"))
        {
          g_set_error (&p->error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                       _("Expected NULL after IS at column %d."), peek (p)->column);
          return NULL;
        }
      next (p);
      node = node_new (NODE_IS_NULL);
      node->field = g_strdup (field->text);
      node->negate = negate;
      return node;
    }

  if (is_keyword (op, "NOT"))
    {
      next (p);
      negate = TRUE;
      op = peek (p);
      if (!is_keyword (op, "IN") && !is_keyword (op, "LIKE"))
        {
          g_set_error (&p->error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                       _("Expected IN or LIKE after NOT at column %d."), op->column);
          return NULL;
        }
    }

  if (is_keyword (op, "IN"))
    {
      next (p);
      if (peek (p)->kind != TOK_LPAREN)
        {
          g_set_error (&p->error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                       _("Expected “(” after IN at column %d."), peek (p)->column);
          return NULL;
        }
      next (p);
      node = node_new (NODE_IN);
      node->field = g_strdup (field->text);
      node->negate = negate;
      node->values = g_array_new (FALSE, TRUE, sizeof (Value));
      g_array_set_clear_func (node->values, value_clear);
      for (;;)
        {
          Value value = { 0 };
          Token *prev = p->tokens->pdata[p->pos - 1];

          if (!parse_value (p, prev, &value))
            {
              node_free (node);
              return NULL;
            }
          g_array_append_val (node->values, value);
          token = peek (p);
          if (token->kind == TOK_COMMA)
            {
              next (p);
              continue;
            }
          if (token->kind == TOK_RPAREN)
            {
              next (p);
              break;
            }
          g_set_error (&p->error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                       _("Expected “,” or “)” in the IN list at column %d."), token->column);
          node_free (node);
          return NULL;
        }
      return node;
    }

  if (is_keyword (op, "LIKE"))
    {
      next (p);
      if (peek (p)->kind != TOK_STRING)
        {
          g_set_error (&p->error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                       _("Expected a pattern in single quotes after LIKE at column %d, "
                         "like '%%park%%'."),
                       peek (p)->column);
          return NULL;
        }
      token = next (p);
      node = node_new (NODE_LIKE);
      node->field = g_strdup (field->text);
      node->negate = negate;
      value_init (&node->value, token->text, FALSE, 0);
      return node;
    }

  if (op->kind != TOK_OP)
    {
      g_set_error (&p->error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("Expected a comparison (=, !=, <, <=, >, >=, IN, LIKE or IS NULL) after "
                     "“%s” at column %d."),
                   field->text, op->column);
      return NULL;
    }
  next (p);
  node = node_new (NODE_CMP);
  node->field = g_strdup (field->text);
  if (g_str_equal (op->text, "=") || g_str_equal (op->text, "=="))
    node->op = OP_EQ;
  else if (g_str_equal (op->text, "!=") || g_str_equal (op->text, "<>"))
    node->op = OP_NE;
  else if (g_str_equal (op->text, "<"))
    node->op = OP_LT;
  else if (g_str_equal (op->text, "<="))
    node->op = OP_LE;
  else if (g_str_equal (op->text, ">"))
    node->op = OP_GT;
  else
    node->op = OP_GE;
  if (!parse_value (p, op, &node->value))
    {
      node_free (node);
      return NULL;
    }
  return node;
}

static Node *
parse_not (Parser *p)
{
  if (is_keyword (peek (p), "NOT"))
    {
      Node *inner, *node;

      next (p);
      inner = parse_not (p);
      if (inner == NULL)
        return NULL;
      node = node_new (NODE_NOT);
      node->a = inner;
      return node;
    }
  return parse_primary (p);
}

static Node *
parse_and (Parser *p)
{
  Node *left = parse_not (p);

  while (left != NULL && is_keyword (peek (p), "AND"))
    {
      Node *right, *node;

      next (p);
      right = parse_not (p);
      if (right == NULL)
        {
          node_free (left);
          return NULL;
        }
      node = node_new (NODE_AND);
      node->a = left;
      node->b = right;
      left = node;
    }
  return left;
}

static Node *
parse_or (Parser *p)
{
  Node *left = parse_and (p);

  while (left != NULL && is_keyword (peek (p), "OR"))
    {
      Node *right, *node;

      next (p);
      right = parse_and (p);
      if (right == NULL)
        {
          node_free (left);
          return NULL;
        }
      node = node_new (NODE_OR);
      node->a = left;
      node->b = right;
      left = node;
    }
  return left;
}

/* ---- evaluation ---- */

/* SQL LIKE on case-folded UTF-8: % any run, _ one character. */
static gboolean
like_match (const char *s, const char *pattern)
{
  while (*pattern != '\0')
    {
      if (*pattern == '%')
        {
          while (*pattern == '%')
            pattern++;
          if (*pattern == '\0')
            return TRUE;
          for (const char *t = s; ; t = g_utf8_next_char (t))
            {
              if (like_match (t, pattern))
                return TRUE;
              if (*t == '\0')
                return FALSE;
            }
        }
      if (*s == '\0')
        return FALSE;
      if (*pattern == '_')
        {
          pattern++;
          s = g_utf8_next_char (s);
          continue;
        }
      if (g_utf8_get_char (s) != g_utf8_get_char (pattern))
        return FALSE;
      s = g_utf8_next_char (s);
      pattern = g_utf8_next_char (pattern);
    }
  return *s == '\0';
}

static gboolean
text_equal (const char *v, const Value *value)
{
  g_autofree char *fold = NULL;

  if (strcmp (v, value->text) == 0)
    return TRUE;
  fold = g_utf8_casefold (v, -1);
  return strcmp (fold, value->fold) == 0;
}

static gboolean
compare (const char *v, CmpOp op, const Value *value)
{
  double d;
  int cmp;

  if (value->is_number && ga_parse_number (v, &d))
    cmp = (d > value->number) - (d < value->number);
  else if (op == OP_EQ)
    return text_equal (v, value);
  else if (op == OP_NE)
    return !text_equal (v, value);
  else
    {
      g_autofree char *fold = g_utf8_casefold (v, -1);

      cmp = g_utf8_collate (fold, value->fold);
    }
  switch (op)
    {
    case OP_EQ:
      return cmp == 0;
    case OP_NE:
      return cmp != 0;
    case OP_LT:
      return cmp < 0;
    case OP_LE:
      return cmp <= 0;
    case OP_GT:
      return cmp > 0;
    case OP_GE:
    default:
      return cmp >= 0;
    }
}

static gboolean
eval (const Node *node, GaLayer *layer, guint feature)
{
  const char *v;

  switch (node->kind)
    {
    case NODE_AND:
      return eval (node->a, layer, feature) && eval (node->b, layer, feature);
    case NODE_OR:
      return eval (node->a, layer, feature) || eval (node->b, layer, feature);
    case NODE_NOT:
      return !eval (node->a, layer, feature);
    default:
      break;
    }

  v = node->index >= 0 ? ga_layer_get_value (layer, feature, (guint) node->index) : NULL;
  switch (node->kind)
    {
    case NODE_IS_NULL:
      return (v == NULL) != node->negate;
    case NODE_CMP:
      return v != NULL && compare (v, node->op, &node->value);
    case NODE_IN:
      if (v == NULL)
        return FALSE;
      for (guint i = 0; i < node->values->len; i++)
        if (compare (v, OP_EQ, &g_array_index (node->values, Value, i)))
          return !node->negate;
      return node->negate;
    case NODE_LIKE:
      {
        g_autofree char *fold = NULL;

        if (v == NULL)
          return FALSE;
        fold = g_utf8_casefold (v, -1);
        return like_match (fold, node->value.fold) != node->negate;
      }
    default:
      return FALSE;
    }
}

static int
find_field_ci (GaLayer *layer, const char *name)
{
  int exact = ga_layer_find_field (layer, name);
  g_autofree char *want = NULL;

  if (exact >= 0)
    return exact;
  want = g_utf8_casefold (name, -1);
  for (guint f = 0; f < ga_layer_get_n_fields (layer); f++)
    {
      g_autofree char *have = g_utf8_casefold (ga_layer_get_field_name (layer, f), -1);

      if (strcmp (have, want) == 0)
        return (int) f;
    }
  return -1;
}

static const char *
bind_node (Node *node, GaLayer *layer)
{
  const char *missing = NULL;

  if (node == NULL)
    return NULL;
  if (node->field != NULL)
    {
      node->index = find_field_ci (layer, node->field);
      if (node->index < 0)
        missing = node->field;
    }
  {
    const char *a = bind_node (node->a, layer);
    const char *b = bind_node (node->b, layer);

    if (missing == NULL)
      missing = a != NULL ? a : b;
  }
  return missing;
}

/* ---- public ---- */

GaFilter *
ga_filter_new (const char  *expression,
               GError     **error)
{
  Parser p = { 0 };
  g_autoptr (GPtrArray) tokens = g_ptr_array_new_with_free_func (token_free);
  GaFilter *self;
  Node *root;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (expression == NULL || !g_utf8_validate (expression, -1, NULL))
    {
      g_set_error_literal (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                           _("The condition is not valid UTF-8 text."));
      return NULL;
    }
  p.text = expression;
  p.tokens = tokens;
  if (!tokenize (&p))
    {
      g_propagate_error (error, p.error);
      return NULL;
    }
  if (peek (&p)->kind == TOK_END)
    {
      g_set_error_literal (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT, _("The condition is empty."));
      return NULL;
    }
  root = parse_or (&p);
  if (root != NULL && peek (&p)->kind != TOK_END)
    {
      Token *token = peek (&p);

      g_set_error (&p.error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   token->kind == TOK_RPAREN
                   ? _("Unexpected “%s” at column %d: there is no “(” to close.")
                   : _("Unexpected “%s” at column %d; join conditions with AND or OR."),
                   token->text, token->column);
      node_free (root);
      root = NULL;
    }
  if (root == NULL)
    {
      g_propagate_error (error, p.error);
      return NULL;
    }

  self = g_new0 (GaFilter, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->text = g_strdup (expression);
  self->root = root;
  return self;
}

GaFilter *
ga_filter_ref (GaFilter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ga_filter_unref (GaFilter *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  node_free (self->root);
  g_free (self->text);
  g_free (self);
}

const char *
ga_filter_get_text (GaFilter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text;
}

gboolean
ga_filter_bind (GaFilter  *self,
                GaLayer   *layer,
                GError   **error)
{
  const char *missing;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (GA_IS_LAYER (layer), FALSE);

  missing = bind_node (self->root, layer);
  self->bound = layer;
  if (missing != NULL)
    {
      g_set_error (error, GA_ERROR, GA_ERROR_BAD_ARGUMENT,
                   _("The layer “%s” has no field “%s”."), ga_layer_get_name (layer), missing);
      return FALSE;
    }
  return TRUE;
}

gboolean
ga_filter_eval (GaFilter *self,
                GaLayer  *layer,
                guint     feature)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->bound != layer)
    ga_filter_bind (self, layer, NULL);
  return eval (self->root, layer, feature);
}
