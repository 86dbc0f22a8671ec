/**
 * No words typed straight into the interface: every .tsx under app/ and components/ is parsed
 * with the TypeScript compiler and its JSX text, its user-visible attributes (aria-label, title,
 * placeholder, alt, label) and the string literals it renders as children must come from a
 * catalogue (t('…')). What may stay: symbols and words that are the same in every language
 * (ALLOWED). Used by tests/unit/i18n-literals.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const USER_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);

/** The same in English, French and Spanish: names, symbols, units of the trade. */
const ALLOWED = new Set([
  'Atlas 311',
  '311',
  'CSV',
  'PNG',
  'PDF',
  'API',
  'OpenAPI',
  'JSON',
  'Atom',
]);

export function tsxFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsxFiles(rel));
    else if (entry.name.endsWith('.tsx')) out.push(rel);
  }
  return out;
}

export function hasWords(text: string): boolean {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return /\p{L}{2,}/u.test(trimmed) && !ALLOWED.has(trimmed);
}

/** String literals rendered as text: JSX children `{'…'}`, `{a ? '…' : '…'}`, `{x ?? '…'}`. */
function renderedLiterals(node: ts.Expression, out: ts.Node[]): void {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node);
  else if (ts.isTemplateExpression(node)) out.push(node);
  else if (ts.isConditionalExpression(node)) {
    renderedLiterals(node.whenTrue, out);
    renderedLiterals(node.whenFalse, out);
  } else if (ts.isBinaryExpression(node)) {
    renderedLiterals(node.left, out);
    renderedLiterals(node.right, out);
  } else if (ts.isParenthesizedExpression(node)) renderedLiterals(node.expression, out);
}

function literalText(node: ts.Node): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return node.getText();
}

export function untranslated(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(path.join(ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${file}:${line + 1}: ${text.replace(/\s+/g, ' ').trim()}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && USER_ATTRIBUTES.has(node.name.getText())) {
      const init = node.initializer;
      if (init && ts.isStringLiteral(init) && hasWords(init.text)) report(init, init.text);
      if (init && ts.isJsxExpression(init) && init.expression) {
        const literals: ts.Node[] = [];
        renderedLiterals(init.expression, literals);
        for (const literal of literals)
          if (hasWords(literalText(literal))) report(literal, literalText(literal));
      }
    }
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      const literals: ts.Node[] = [];
      renderedLiterals(node.expression, literals);
      for (const literal of literals)
        if (hasWords(literalText(literal))) report(literal, literalText(literal));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
