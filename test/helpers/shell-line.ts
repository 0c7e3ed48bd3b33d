// The little of sh that documentation examples use, parsed so a test can run them: words with
// "double" and 'single' quotes, $VAR and "$(command)" inside words, VAR=value prefixes, `a && b`,
// `> file` and a trailing `# comment`.

/** A word is literal text, a variable or a command substitution, concatenated. */
export type Piece = { text: string } | { variable: string } | { substitution: string };

export interface SimpleCommand {
  env: Record<string, string>;
  words: Piece[][];
  /** `> file`: where stdout goes. */
  stdoutTo?: string;
}

/** Parses one line (continuations already joined) into the commands `&&` chains. */
export function parseLine(line: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let current: SimpleCommand = { env: {}, words: [] };
  let redirect = false;
  const addWord = (word: Piece[]) => {
    const text = word.every((p) => 'text' in p) ? word.map((p) => (p as { text: string }).text).join('') : null;
    if (redirect) {
      if (text === null) throw new Error(`cannot redirect to a computed file name in: ${line}`);
      current.stdoutTo = text;
      redirect = false;
    } else if (current.words.length === 0 && text !== null && /^[A-Z_][A-Z0-9_]*=/.test(text)) {
      const eq = text.indexOf('=');
      current.env[text.slice(0, eq)] = text.slice(eq + 1);
    } else current.words.push(word);
  };
  const lexer = new Lexer(line);
  for (let token = lexer.next(); token !== null; token = lexer.next()) {
    if (token === '&&') {
      commands.push(current);
      current = { env: {}, words: [] };
    } else if (token === '>') redirect = true;
    else addWord(token);
  }
  if (redirect) throw new Error(`a redirect without a file in: ${line}`);
  commands.push(current);
  return commands.filter((c) => c.words.length > 0);
}

class Lexer {
  private i = 0;
  constructor(private readonly line: string) {}

  next(): Piece[] | '&&' | '>' | null {
    const s = this.line;
    while (s[this.i] === ' ' || s[this.i] === '\t') this.i++;
    if (this.i >= s.length || s[this.i] === '#') return null;
    if (s.startsWith('&&', this.i)) {
      this.i += 2;
      return '&&';
    }
    if (s[this.i] === '>') {
      this.i++;
      return '>';
    }
    const word: Piece[] = [];
    const text = (t: string) => {
      const last = word.at(-1);
      if (last && 'text' in last) last.text += t;
      else word.push({ text: t });
    };
    while (this.i < s.length && !' \t>'.includes(s[this.i]!) && !s.startsWith('&&', this.i)) {
      const c = s[this.i]!;
      if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        if (end < 0) throw new Error(`unterminated ' in: ${s}`);
        text(s.slice(this.i + 1, end));
        this.i = end + 1;
      } else if (c === '"') {
        this.i++;
        while (s[this.i] !== '"') {
          if (this.i >= s.length) throw new Error(`unterminated " in: ${s}`);
          if (s[this.i] === '$') word.push(this.dollar());
          else text(s[this.i++]!);
        }
        this.i++;
        if (word.length === 0) text('');
      } else if (c === '$') word.push(this.dollar());
      else text(s[this.i++]!);
    }
    return word;
  }

  private dollar(): Piece {
    const s = this.line;
    if (s.startsWith('$(', this.i)) {
      let depth = 0;
      for (let j = this.i + 1; j < s.length; j++) {
        if (s[j] === '(') depth++;
        else if (s[j] === ')' && --depth === 0) {
          const substitution = s.slice(this.i + 2, j);
          this.i = j + 1;
          return { substitution };
        }
      }
      throw new Error(`unterminated $( in: ${s}`);
    }
    const name = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(s.slice(this.i));
    if (!name) throw new Error(`a lone $ in: ${s}`);
    this.i += name[0].length;
    return { variable: name[1]! };
  }
}
