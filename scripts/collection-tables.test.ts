import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SYNCED_COLLECTION_NAMES } from '../shared/sync/collections';
import { CHECKED_PARTS, sourceFiles } from './import-graph';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The files that may hold a table with a row per synced collection: the registry, the permission table (the type
 * checker holds its rows to the registry's entries), and tables built from the registry or with a fallback for a
 * collection they do not name. docs/architecture.md promises that a new collection touches three files; any
 * other complete table would be a fourth.
 */
const ALLOWED = new Set([
  'shared/sync/registry.ts',
  'shared/auth/roles.ts',
  'shared/sync/collections.ts', // mapped from the registry
  'renderer/src/store/local-store.ts', // mapped from the registry
  'server/sync/push-rules.ts', // built from the registry (every collection gets its client rules)
  'tests/support/server/seed.ts', // mapped from the registry
  // Where each collection goes in a client's export: a decision per collection by design (issue 16), held by
  // server/privacy/export-completeness.test.ts, which fails until a new collection is placed.
  'shared/domain/request-export.ts',
]);
/**
 * Files that may name every collection in an object literal, because its type is partial and its reader falls back
 * on the registry for a collection it lacks (a complete Record or mapped type there is still caught).
 */
const PARTIAL_LITERALS = new Set([
  'tests/support/server/permission-documents.ts', // documentMakers: `makerOf` reads any other collection's schema
]);

const COLLECTION_NAME_TYPES = /^(SyncedCollectionName|PermittedCollection)$/;

/**
 * Where `source` declares a table keyed by the collections: `Record<SyncedCollectionName, …>` outside `Partial`,
 * a mapped type `[C in SyncedCollectionName]` whose keys are not optional, or an object literal or type literal
 * naming every collection, or all but one, as its keys (a subset a test or a screen needs is not a table).
 */
export function collectionTables(fileName: string, source: string, names: readonly string[]): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  // All but one: a table written before the newest collection was added is caught too.
  const enough = Math.max(3, names.length - 1);
  const keyName = (member: ts.ObjectLiteralElementLike | ts.TypeElement) =>
    member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))
      ? member.name.text
      : undefined;
  const visit = (node: ts.Node) => {
    if (
      ts.isTypeReferenceNode(node) &&
      node.typeName.getText(file) === 'Record' &&
      COLLECTION_NAME_TYPES.test(node.typeArguments?.[0]?.getText(file) ?? '') &&
      !(ts.isTypeReferenceNode(node.parent) && node.parent.typeName.getText(file) === 'Partial')
    ) {
      found.push(`${at(node)} Record keyed by every collection`);
    } else if (
      ts.isMappedTypeNode(node) &&
      COLLECTION_NAME_TYPES.test(node.typeParameter.constraint?.getText(file) ?? '') &&
      node.questionToken?.kind !== ts.SyntaxKind.QuestionToken
    ) {
      found.push(`${at(node)} mapped type over every collection`);
    } else if (ts.isObjectLiteralExpression(node) || ts.isTypeLiteralNode(node)) {
      const members: readonly (ts.ObjectLiteralElementLike | ts.TypeElement)[] = ts.isObjectLiteralExpression(
        node,
      )
        ? node.properties
        : node.members;
      const keys = new Set(members.map(keyName));
      const named = names.filter((name) => keys.has(name));
      if (named.length >= enough) found.push(`${at(node)} keys ${named.join(', ')}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('tables keyed by the synced collections', () => {
  it('live only in the registry and in files that derive from it (a new collection touches three files)', () => {
    const found = CHECKED_PARTS.flatMap((part) => sourceFiles(join(root, part)))
      .map((path) => relative(root, path).split('\\').join('/'))
      .filter((path) => /\.tsx?$/.test(path) && !ALLOWED.has(path))
      .flatMap((path) =>
        collectionTables(path, readFileSync(join(root, path), 'utf8'), SYNCED_COLLECTION_NAMES).filter(
          (table) => !(PARTIAL_LITERALS.has(path) && table.includes(' keys ')),
        ),
      );
    expect(found).toEqual([]);
  });

  it('finds each kind of table', () => {
    const names = ['clients', 'trips', 'medical', 'keyWraps', 'consents', 'auditEvents'];
    const source = [
      'type A = Record<SyncedCollectionName, number>;',
      'type B = Partial<Record<SyncedCollectionName, number>>;',
      'type C = { [N in SyncedCollectionName]: number };',
      'type D = { [N in SyncedCollectionName]?: number };',
      'const e = { clients: 1, trips: 2, medical: 3, keyWraps: 4, consents: 5 };',
      "type F = { clients: 1; trips: 2; 'medical': 3; keyWraps: 4; consents: 5; auditEvents: 6 };",
      'const g = { clients: 1, trips: 2 };',
    ].join('\n');
    expect(collectionTables('x.ts', source, names)).toEqual([
      'x.ts:1 Record keyed by every collection',
      'x.ts:3 mapped type over every collection',
      'x.ts:5 keys clients, trips, medical, keyWraps, consents',
      'x.ts:6 keys clients, trips, medical, keyWraps, consents, auditEvents',
    ]);
  });
});
