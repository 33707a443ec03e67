// The words of the pages, read from the server's own tables (`server texts ru|en`), so a browser
// test written with the English wording can run the same story in Russian: `tr('Sign out')`
// is «Выйти». A text is found by its English value; a template such as "Add a window on {0}"
// matches "Add a window on Mon" and gives «Добавить окно: Пн» with the argument translated too.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function table(lang) {
  const binary = path.join(repoRoot, 'target', 'debug', 'server');
  const json = execFileSync(binary, ['texts', lang], { encoding: 'utf8', env: { ...process.env, OBZVON_LOG: 'error' } });
  const out = [];
  (function walk(prefix, value) {
    if (typeof value === 'string') out.push([prefix, value]);
    else for (const [key, inner] of Object.entries(value)) walk(prefix ? `${prefix}.${key}` : key, inner);
  })('', JSON.parse(json));
  return out;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A translator from English wording into `lang` ('en' gives the text back unchanged). */
export function words(lang) {
  if (lang === 'en') {
    const same = (text) => text;
    same.key = () => undefined;
    return same;
  }
  const en = table('en');
  const target = new Map(table(lang));
  const exact = new Map();
  const templates = [];
  for (const [key, text] of en) {
    if (!exact.has(text)) exact.set(text, key);
    if (/\{\d\}/.test(text)) {
      const order = [];
      const source = text.split(/(\{\d\})/).map((part) => {
        const m = part.match(/^\{(\d)\}$/);
        if (!m) return escape(part);
        order.push(Number(m[1]));
        return '(.+?)';
      }).join('');
      templates.push({ key, re: new RegExp(`^${source}$`), order });
    }
  }
  const find = (english) => {
    const key = exact.get(english);
    if (key) return target.get(key);
    for (const { key, re, order } of templates) {
      const m = english.match(re);
      if (!m) continue;
      const args = [];
      order.forEach((index, i) => { args[index] = find(m[i + 1]) ?? m[i + 1]; });
      return target.get(key).replace(/\{(\d)\}/g, (whole, n) => args[Number(n)] ?? whole);
    }
    return undefined;
  };
  const tr = (english) => {
    const found = find(english);
    if (found === undefined) throw new Error(`no text in the tables reads "${english}" in English`);
    return found;
  };
  tr.key = (english) => exact.get(english);
  return tr;
}
