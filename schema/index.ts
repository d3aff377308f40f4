// Loads the SDL files of every domain (schema/*.graphql) and merges them into one document.
import fs from 'node:fs';
import path from 'node:path';
import { mergeTypeDefs } from '@graphql-tools/merge';
import type { DocumentNode } from 'graphql';
import { schemaDir } from '../server/paths';

export function loadTypeDefs(): DocumentNode {
  const files = fs.readdirSync(schemaDir).filter((f) => f.endsWith('.graphql')).sort();
  return mergeTypeDefs(files.map((f) => fs.readFileSync(path.join(schemaDir, f), 'utf8')));
}
