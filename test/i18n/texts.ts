import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One user-visible text in the three languages, where it was written. */
export interface FoundText {
  file: string;
  line: number;
  da: string | null;
  sv: string | null;
  en: string | null;
}

const LANG_KEYS = ['da', 'sv', 'en'] as const;

/** The TypeScript files under `dir` (or `dir` itself when it is a file). */
function files(dir: string): string[] {
  if (!statSync(dir).isDirectory()) return [dir];
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The text of a string literal or template (placeholders kept as ${…}); null when not literal text. */
function literal(node: ts.Node | undefined, source: ts.SourceFile): string | null {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.getText(source).slice(1, -1);
  return null;
}

/**
 * Every Text in the sources: object literals whose keys are exactly da, sv and en, and calls of the
 * three-language helpers (`L('da', 'sv', 'en')`, `t(…)` in pages.ts) — read from the syntax tree, so a
 * table nobody exports is found as well.
 */
export function collectTexts(dirs: string[]): FoundText[] {
  const found: FoundText[] = [];
  for (const file of dirs.flatMap(files)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const helpers = new Set<string>();
    const visit = (node: ts.Node): void => {
      // a helper: const L = (da: string, sv: string, en: string): Text => ({ da, sv, en })
      if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.initializer &&
        ts.isArrowFunction(node.initializer) &&
        node.initializer.parameters.map((p) => p.name.getText(source)).join() === 'da,sv,en'
      ) {
        helpers.add(node.name.text);
      }
      const line = () => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      if (ts.isObjectLiteralExpression(node)) {
        const props = new Map<string, ts.Node | undefined>();
        for (const p of node.properties) {
          if (ts.isPropertyAssignment(p)) props.set(p.name.getText(source), p.initializer);
          else if (ts.isShorthandPropertyAssignment(p)) props.set(p.name.text, undefined);
        }
        const langKeys = LANG_KEYS.filter((k) => props.has(k));
        const onlyLangs = props.size > 0 && props.size === langKeys.length;
        // a Text: an object of nothing but da/sv/en with at least one literal text (not a schema, not { da, sv, en })
        if (onlyLangs && langKeys.length >= 2) {
          const [da = null, sv = null, en = null] = LANG_KEYS.map((k) =>
            props.has(k) ? literal(props.get(k), source) : null,
          );
          if ([da, sv, en].some((v) => v !== null)) found.push({ file, line: line(), da, sv, en });
        }
      }
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        helpers.has(node.expression.text)
      ) {
        const [da = null, sv = null, en = null] = [0, 1, 2].map((i) => literal(node.arguments[i], source));
        found.push({ file, line: line(), da, sv, en });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
