// README snippets the consumer test runs as written. A snippet is the fenced block right after an
// HTML comment `<!-- consumer-test: <id> -->` (invisible on the npm page); a missing marker or block
// is an error, so a README edit cannot silently drop a tested example.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO } from './registry.mjs';

/** `{ id, lang, code, readme }` of the block marked `id` in `readme` (a path relative to the repo). */
export async function extractBlock(readme, id) {
  const text = await readFile(join(REPO, readme), 'utf8');
  const marker = `<!-- consumer-test: ${id} -->`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${readme}: no \`${marker}\` marker; the consumer test runs the block it marks`);
  if (text.indexOf(marker, at + marker.length) >= 0) throw new Error(`${readme}: \`${marker}\` appears twice`);
  const after = text.slice(at + marker.length);
  const fence = /^\s*\n(`{3,})([^\n]*)\n([\s\S]*?)\n\1[ \t]*(?:\n|$)/.exec(after);
  if (!fence) throw new Error(`${readme}: \`${marker}\` is not followed by a fenced code block`);
  return { id, lang: fence[2].trim(), code: `${fence[3]}\n`, readme };
}

/**
 * The commands of a shell block: lines that are not comments or blank, with `\` continuations
 * joined. Comment lines (`# …`) are the documented output, returned as `output` per command.
 */
export function shellCommands(code) {
  const commands = [];
  let pending = '';
  for (const line of code.split('\n')) {
    if (pending) {
      pending += ` ${line.trim()}`;
    } else if (/^\s*#/.test(line)) {
      commands.at(-1)?.output.push(line.replace(/^\s*#\s?/, ''));
      continue;
    } else if (line.trim() === '') {
      continue;
    } else {
      pending = line.trim();
    }
    if (pending.endsWith('\\')) pending = pending.slice(0, -1).trimEnd();
    else {
      commands.push({ command: pending, output: [] });
      pending = '';
    }
  }
  if (pending) commands.push({ command: pending, output: [] });
  return commands;
}

/**
 * What a JavaScript example says about itself in its comments: the file name (first line,
 * `// example.mjs: …`), the backquoted `npm install …` and `node …` commands of the opening comment,
 * and the expected output: the `// Prints:` comment's following comment lines.
 */
export function readJsExample(code) {
  const lines = code.split('\n').map((line) => line.trim());
  const file = /^\/\/\s*(\S+\.[cm]?js)\b/.exec(lines[0])?.[1];
  const headerEnd = lines.findIndex((line) => !line.startsWith('//'));
  const header = lines.slice(0, headerEnd).join(' ');
  const commands = [...header.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
  const install = commands
    .find((command) => command.startsWith('npm install '))
    ?.split(/\s+/)
    .slice(2);
  const run = commands
    .find((command) => command.startsWith('node '))
    ?.split(/\s+/)
    .slice(1);
  const printsAt = lines.findIndex((line) => /^\/\/\s*Prints:$/.test(line));
  const expected = [];
  for (let i = printsAt + 1; printsAt >= 0 && i < lines.length && lines[i].startsWith('//'); i += 1) {
    expected.push(lines[i].replace(/^\/\/\s?/, ''));
  }
  if (!file || !run || expected.length === 0) {
    throw new Error(
      'an example block starts with `// <file>: …`, names its `node <file>` command and has a `// Prints:` comment',
    );
  }
  return { file, install, run, expected };
}
