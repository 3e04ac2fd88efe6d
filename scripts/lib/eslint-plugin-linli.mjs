// Linli's own lint rules (eslint.config.mjs).
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `server/...` path (posix) an import specifier points at, or null when it is not under server/. */
function serverPath(source, filename) {
  let rel;
  if (source.startsWith('@/')) rel = source.slice(2);
  else if (source.startsWith('.')) rel = path.relative(ROOT, path.resolve(path.dirname(filename), source));
  else return null;
  rel = rel.split(path.sep).join('/');
  return rel === 'server' || rel.startsWith('server/') ? rel : null;
}

const typeOnly = (node) =>
  node.importKind === 'type' ||
  node.exportKind === 'type' ||
  (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

/**
 * A file marked 'use client' ships to the browser: from `server/` it may import only the pure
 * modules in `server/shared/` (no database, no secrets, no `server-only`), or types.
 */
const clientImports = {
  meta: {
    type: 'problem',
    docs: { description: "'use client' files import from server/ only server/shared/** or types" },
    schema: [],
    messages: {
      forbidden: "A 'use client' file may not import '{{source}}': only server/shared/** (pure modules) or `import type` from server/.",
    },
  },
  create(context) {
    const isClient = context.sourceCode.ast.body.some((s) => s.type === 'ExpressionStatement' && s.directive === 'use client');
    if (!isClient) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const p = serverPath(source, context.filename);
      if (p && !p.startsWith('server/shared/') && !typeOnly(node)) context.report({ node, messageId: 'forbidden', data: { source } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

// A message key: identifiers joined by dots (e.g. `billing.periodClosed`), no spaces or punctuation.
const KEY = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/**
 * `new AppError(code, key, params)`: the second argument is a catalog key, never a sentence —
 * no string concatenation, no literal with spaces or punctuation, and a template literal only
 * when it builds a key from typed parts (`notFound.${what}`: its text parts are key-shaped).
 * The client renders the text in the user's language from the key.
 */
const appErrorKey = {
  meta: {
    type: 'problem',
    docs: { description: 'new AppError(code, key, params) takes a message key, not a message' },
    schema: [],
    messages: {
      template: 'AppError takes a message key (with params), not a sentence built in a template literal.',
      concat: 'AppError takes a message key (with params), not a concatenated string.',
      sentence: "AppError takes a message key like 'billing.periodClosed', not a sentence: {{value}}",
    },
  },
  create(context) {
    const check = (arg) => {
      if (!arg) return;
      if (arg.type === 'TemplateLiteral') {
        if (!arg.quasis.every((q) => /^[A-Za-z0-9_.]*$/.test(q.value.cooked ?? ''))) context.report({ node: arg, messageId: 'template' });
      } else if (arg.type === 'BinaryExpression' && arg.operator === '+') context.report({ node: arg, messageId: 'concat' });
      else if (arg.type === 'Literal' && typeof arg.value === 'string' && !KEY.test(arg.value))
        context.report({ node: arg, messageId: 'sentence', data: { value: JSON.stringify(arg.value) } });
      else if (arg.type === 'ConditionalExpression') {
        check(arg.consequent);
        check(arg.alternate);
      } else if (arg.type === 'TSAsExpression' || arg.type === 'TSSatisfiesExpression') check(arg.expression);
    };
    return {
      NewExpression(node) {
        const c = node.callee;
        const name = c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' && c.property.type === 'Identifier' ? c.property.name : null;
        if (name === 'AppError') check(node.arguments[1]);
      },
    };
  },
};

const plugin = { meta: { name: 'linli' }, rules: { 'client-imports': clientImports, 'app-error-key': appErrorKey } };

export default plugin;
