// The words of the pages, read from the server's own tables (`server texts ru|en`), so a browser
// test written with the English wording can run the same story in Russian: `tr('Sign out')`
// is «Выйти». A text is found by its English value; a template such as "Created {0} ({1}). They
// can sign in now." matches "Created marina (Marketer). They can sign in now." and gives «Создан
// marina (Маркетолог). Теперь он может войти.» with the arguments translated too. The tables
// include the campaign form's value sets ("1 attempt"), under `choices`.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function table(lang) {
  // The same binary as harness.mjs starts: under CARGO_TARGET_DIR when that is set.
  const binary = path.join(path.resolve(repoRoot, process.env.CARGO_TARGET_DIR ?? 'target'), 'debug', 'server');
  const json = execFileSync(binary, ['texts', lang], { encoding: 'utf8', env: { ...process.env, OBZVON_LOG: 'error' } });
  const out = [];
  (function walk(prefix, value) {
    if (typeof value === 'string') out.push([prefix, value]);
    else for (const [key, inner] of Object.entries(value)) walk(prefix ? `${prefix}.${key}` : key, inner);
  })('', JSON.parse(json));
  return out;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The plural form for `n` (CLDR: Russian one = n%10=1 and n%100≠11; few = n%10 in 2..4 and
 * n%100 not in 12..14; many = the rest), as `Plural::form` picks it. */
function pluralForm(lang, n) {
  if (lang !== 'ru') return n === 1 ? 'one' : 'many';
  if (n % 10 === 1 && n % 100 !== 11) return 'one';
  if (n % 10 >= 2 && n % 10 <= 4 && !(n % 100 >= 12 && n % 100 <= 14)) return 'few';
  return 'many';
}

/** A translator from English wording into `lang` ('en' gives the text back unchanged).
 * A count with its word ("24 rows", as `Plural::count` writes it) takes the target language's
 * form for the number; `tr.text(key)` gives a text by its key, for an English wording that
 * two texts share (the short and full day names are both "Monday" in English). */
export function words(lang) {
  if (lang === 'en') {
    const same = (text) => text;
    same.key = () => undefined;
    let en;
    same.text = (key) => (en ??= new Map(table('en'))).get(key);
    return same;
  }
  const en = table('en');
  const target = new Map(table(lang));
  const exact = new Map();
  const templates = [];
  // English plural forms ("rows", "calls") to their key without the form: `leads.rows`.
  const plurals = new Map();
  for (const [key, text] of en) {
    const plural = key.match(/^(.+)\.(one|few|many)$/);
    if (plural && target.has(`${plural[1]}.many`) && !plurals.has(text)) plurals.set(text, plural[1]);
    if (!exact.has(text)) exact.set(text, key);
    if (/\{\d\}/.test(text)) {
      const order = [];
      const source = text.split(/(\{\d\})/).map((part) => {
        const m = part.match(/^\{(\d)\}$/);
        if (!m) return escape(part);
        order.push(Number(m[1]));
        return '(.+?)';
      }).join('');
      templates.push({ key, re: new RegExp(`^${source}$`), order, literal: text.replace(/\{\d\}/g, '') });
    }
  }
  // The most specific template first: "{0} {1}" matches any two words, "Created {0} ({1}).
  // They can sign in now." only its own notice.
  templates.sort((a, b) => b.literal.length - a.literal.length);
  // An argument is itself translated only by a template with words of its own: "{0} {1}"
  // would turn data (a person's name) around.
  const find = (english, inner = false) => {
    const key = exact.get(english);
    if (key) return target.get(key);
    const counted = english.match(/^(\d+) (.+)$/);
    if (counted && plurals.has(counted[2])) {
      const n = Number(counted[1]);
      // Numbers of four digits and more are grouped in Russian; the tests count below 1000.
      if (n >= 1000) throw new Error(`a count of ${n} needs the language's digit grouping`);
      return `${n} ${target.get(`${plurals.get(counted[2])}.${pluralForm(lang, n)}`)}`;
    }
    for (const { key, re, order, literal } of templates) {
      if (inner && !/[A-Za-z]/.test(literal)) continue;
      const m = english.match(re);
      if (!m) continue;
      const args = [];
      order.forEach((index, i) => { args[index] = find(m[i + 1], true) ?? m[i + 1]; });
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
  tr.text = (key) => {
    if (!target.has(key)) throw new Error(`no text has the key ${key}`);
    return target.get(key);
  };
  return tr;
}
