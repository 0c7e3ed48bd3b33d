// Enterprises and their directories: departments (a tree), members with roles, the device-binding
// permission and contact visibility ranges, and apps with their admins. Imported from YAML or JSON;
// every problem is reported with the line it is on, and nothing is written unless all is valid.
import { EventEmitter } from 'node:events';
import { CST, isMap, isSeq, Lexer, LineCounter, Parser, parseDocument, type Node as YamlNode } from 'yaml';
import type { Clock } from '../../protocol/clock.js';
import { HwbindError } from '../../protocol/errors.js';
import type { App, Corp, Department, Directory, Member, Role, Store } from '../store/types.js';

/** Ids start with a letter or digit: `.` and `..` are never enterprise ids (they end up in URLs and paths). */
export const CORP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ROLES: readonly Role[] = ['super_admin', 'admin', 'member'];

export interface DirectoryProblem {
  line: number;
  message: string;
}

export interface DirectoryFile extends Directory {
  corp?: { id?: string; name?: string };
  memberBinding?: boolean;
}

/**
 * What a directory file may hold. The YAML composer recurses once per nesting level (thousands of
 * levels overflow the stack, and can take the process down with them) and allocates about 1 KB per
 * value, so these are checked on the token stream before it runs. A real directory nests 6 deep.
 */
export const DIRECTORY_LIMITS = { bytes: 4 * 1024 * 1024, depth: 32, values: 200_000, aliases: 100 } as const;

/** Token types that each become a value (or a map entry) once composed. */
const VALUE_TOKENS = new Set<string | null>([
  'scalar',
  'single-quoted-scalar',
  'double-quoted-scalar',
  'block-scalar-header',
  'alias',
  'flow-map-start',
  'flow-seq-start',
  'seq-item-ind',
  'explicit-key-ind',
  'map-value-ind',
]);

/** Checks size, nesting and the number of values and aliases without composing anything. */
function checkLimits(text: string): void {
  const L = DIRECTORY_LIMITS;
  const refuse = (offset: number, message: string) =>
    problemsError([{ line: text.slice(0, offset).split('\n').length, message }]);
  if (Buffer.byteLength(text) > L.bytes) throw refuse(0, `the file is larger than ${L.bytes / 1024 / 1024} MiB`);
  // The CST parser is iterative; its stack is the nesting of every form: [[, {{, - - and indentation.
  const parser = new Parser();
  let values = 0;
  let aliases = 0;
  for (const lexeme of new Lexer().lex(text)) {
    for (const _ of parser.next(lexeme));
    if (parser.stack.length > L.depth) throw refuse(parser.offset, `nested deeper than ${L.depth} levels`);
    const type = CST.tokenType(lexeme);
    if (VALUE_TOKENS.has(type) && ++values > L.values) throw refuse(parser.offset, `more than ${L.values} values`);
    if (type === 'alias' && ++aliases > L.aliases) throw refuse(parser.offset, `more than ${L.aliases} aliases`);
  }
}

/** Counts the values of `data` as aliases expand them, stopping once past the limit. */
function expandsPastLimit(data: unknown): boolean {
  const pending: unknown[] = [data];
  let values = 0;
  while (pending.length) {
    const v = pending.pop();
    if (++values > DIRECTORY_LIMITS.values) return true;
    if (v !== null && typeof v === 'object')
      for (const child of Array.isArray(v) ? v : Object.values(v)) pending.push(child);
  }
  return false;
}

/** Parses and validates a directory file. Throws `invalid_argument` listing every problem with its line. */
export function parseDirectory(text: string): DirectoryFile {
  checkLimits(text);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const problems: DirectoryProblem[] = [];
  const lineOf = (node: unknown): number => {
    const range = (node as YamlNode | undefined)?.range;
    return range ? lines.linePos(range[0]).line : 1;
  };
  for (const e of doc.errors) problems.push({ line: lines.linePos(e.pos[0]).line, message: e.message.split('\n')[0]! });
  if (problems.length) throw problemsError(problems);
  // One conversion for the whole file, so alias uses are counted across it.
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: DIRECTORY_LIMITS.aliases }) as Record<string, unknown>;
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    throw problemsError([
      { line: 1, message: `aliases expand too much (limit ${DIRECTORY_LIMITS.aliases}): ${err.message}` },
    ]);
  }
  if (expandsPastLimit(data))
    throw problemsError([
      { line: 1, message: `aliases expand the file to more than ${DIRECTORY_LIMITS.values} values` },
    ]);
  const root = doc.contents;
  if (!isMap(root))
    throw problemsError([{ line: 1, message: 'expected a mapping with departments, members and apps' }]);

  const known = new Set(['corp', 'memberBinding', 'departments', 'members', 'apps']);
  for (const item of root.items) {
    const key = String((item.key as { value?: unknown })?.value ?? item.key);
    if (!known.has(key))
      problems.push({ line: lineOf(item.key), message: `unknown key "${key}" (expected ${[...known].join(', ')})` });
  }

  const seqItems = (key: string): { node: unknown; value: Record<string, unknown> }[] => {
    const node = root.get(key, true);
    if (node === undefined) return [];
    if (!isSeq(node)) {
      problems.push({ line: lineOf(node), message: `${key} must be a list` });
      return [];
    }
    const values = data[key] as Record<string, unknown>[];
    return node.items.map((n, i) => ({ node: n, value: values[i]! }));
  };
  const str = (v: unknown): string | null =>
    typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null;
  const strList = (v: unknown, line: number, what: string): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => str(x) === null)) {
      problems.push({ line, message: `${what} must be a list of ids` });
      return [];
    }
    return v.map((x) => str(x)!);
  };

  const departments: Department[] = [];
  const depLines = new Map<string, number>();
  for (const { node, value } of seqItems('departments')) {
    const line = lineOf(node);
    const id = str(value?.id);
    const name = str(value?.name);
    if (!id || !name) {
      problems.push({ line, message: 'a department needs an id and a name' });
      continue;
    }
    if (depLines.has(id)) {
      problems.push({ line, message: `department ${id} is already defined on line ${depLines.get(id)}` });
      continue;
    }
    depLines.set(id, line);
    departments.push({ id, name, parentId: str(value.parent) });
  }
  const depIds = new Set(departments.map((d) => d.id));
  for (const d of departments) {
    if (d.parentId && !depIds.has(d.parentId))
      problems.push({ line: depLines.get(d.id)!, message: `department ${d.id}: unknown parent ${d.parentId}` });
  }
  const parentOf = new Map(departments.map((d) => [d.id, d.parentId]));
  for (const d of departments) {
    let cur = d.parentId;
    for (let steps = 0; cur && steps <= departments.length; steps++) {
      if (cur === d.id) {
        problems.push({ line: depLines.get(d.id)!, message: `department ${d.id} is its own ancestor` });
        break;
      }
      cur = parentOf.get(cur) ?? null;
    }
  }

  const members: Member[] = [];
  const memberLines = new Map<string, number>();
  const memberRefs: { line: number; users: string[] }[] = [];
  for (const { node, value } of seqItems('members')) {
    const line = lineOf(node);
    const userid = str(value?.userid);
    const name = str(value?.name);
    if (!userid || !name) {
      problems.push({ line, message: 'a member needs a userid and a name' });
      continue;
    }
    if (memberLines.has(userid)) {
      problems.push({ line, message: `member ${userid} is already defined on line ${memberLines.get(userid)}` });
      continue;
    }
    memberLines.set(userid, line);
    const role = (str(value.role) ?? 'member') as Role;
    if (!ROLES.includes(role))
      problems.push({ line, message: `member ${userid}: role must be one of ${ROLES.join(', ')}` });
    const canBind = value.canBindDevices;
    if (canBind !== undefined && typeof canBind !== 'boolean')
      problems.push({ line, message: `member ${userid}: canBindDevices must be true or false` });
    if (canBind === true && role === 'member')
      problems.push({ line, message: `member ${userid}: only admins hold the device-binding permission` });
    const deps = strList(value.departments, line, `member ${userid}: departments`);
    for (const dep of deps)
      if (!depIds.has(dep)) problems.push({ line, message: `member ${userid}: unknown department ${dep}` });
    const vis = (value.visibility ?? {}) as Record<string, unknown>;
    const visDeps = strList(vis.departments, line, `member ${userid}: visibility.departments`);
    const visUsers = strList(vis.users, line, `member ${userid}: visibility.users`);
    for (const dep of visDeps)
      if (!depIds.has(dep))
        problems.push({ line, message: `member ${userid}: visibility names unknown department ${dep}` });
    memberRefs.push({ line, users: visUsers });
    members.push({
      userid,
      name,
      role,
      // Super admins always hold the binding permission.
      canBindDevices: role === 'super_admin' || canBind === true,
      departments: deps,
      visibility: { departments: visDeps, users: visUsers },
    });
  }
  const userIds = new Set(members.map((m) => m.userid));
  for (const ref of memberRefs) {
    for (const u of ref.users)
      if (!userIds.has(u)) problems.push({ line: ref.line, message: `visibility names unknown user ${u}` });
  }

  const apps: App[] = [];
  const appLines = new Map<string, number>();
  for (const { node, value } of seqItems('apps')) {
    const line = lineOf(node);
    const id = str(value?.id);
    const name = str(value?.name);
    if (!id || !name) {
      problems.push({ line, message: 'an app needs an id and a name' });
      continue;
    }
    if (appLines.has(id)) {
      problems.push({ line, message: `app ${id} is already defined on line ${appLines.get(id)}` });
      continue;
    }
    appLines.set(id, line);
    const admins = strList(value.admins, line, `app ${id}: admins`);
    for (const a of admins) if (!userIds.has(a)) problems.push({ line, message: `app ${id}: unknown admin ${a}` });
    apps.push({ id, name, admins });
  }

  const corpNode = root.get('corp', true);
  let corp: DirectoryFile['corp'];
  if (corpNode !== undefined) {
    const value = data.corp as Record<string, unknown> | undefined;
    const ok = isMap(corpNode) && ['id', 'name'].every((k) => value?.[k] === undefined || typeof value[k] === 'string');
    if (!ok || (value?.id !== undefined && !CORP_ID_PATTERN.test(String(value.id)))) {
      problems.push({
        line: lineOf(corpNode),
        message: 'corp must be {id, name}: id 1-64 of [A-Za-z0-9._-], name text',
      });
    } else {
      corp = { id: value?.id as string | undefined, name: value?.name as string | undefined };
    }
  }
  const memberBinding = data.memberBinding;
  if (memberBinding !== undefined && typeof memberBinding !== 'boolean') {
    problems.push({ line: lineOf(root.get('memberBinding', true)), message: 'memberBinding must be true or false' });
  }
  if (problems.length) throw problemsError(problems);
  return { corp, memberBinding: memberBinding as boolean | undefined, departments, members, apps };
}

function problemsError(problems: DirectoryProblem[]): HwbindError {
  problems.sort((a, b) => a.line - b.line);
  const text = problems.map((p) => `line ${p.line}: ${p.message}`).join('\n');
  return new HwbindError('invalid_argument', `directory file has ${problems.length} problem(s):\n${text}`, {
    problems,
  });
}

export interface EnterpriseEvents {
  /** A corp's directory was replaced (devices get the people of their usable range again). */
  directory: [corpId: string];
}

export class Enterprises extends EventEmitter<EnterpriseEvents> {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    super();
  }

  async create(input: { id: string; name: string; memberBinding?: boolean }): Promise<Corp> {
    if (!CORP_ID_PATTERN.test(input.id ?? ''))
      throw new HwbindError(
        'invalid_argument',
        'enterprise id must be 1-64 characters of [A-Za-z0-9._-], starting with a letter or digit',
      );
    if (!input.name?.trim()) throw new HwbindError('invalid_argument', 'enterprise name is required');
    // Member binding is off by default: only some enterprises have it (the platform's switch).
    const corp: Corp = {
      id: input.id,
      name: input.name.trim(),
      memberBinding: input.memberBinding ?? false,
      createdAt: this.clock.now(),
    };
    await this.store.createCorp(corp);
    return corp;
  }

  async require(id: string): Promise<Corp> {
    const corp = await this.store.getCorp(id);
    if (!corp) throw new HwbindError('not_found', `no enterprise ${id}`);
    return corp;
  }

  /** Imports a directory file into `corpId` (created from the file's `corp` block if it does not exist). */
  async importDirectory(corpId: string | undefined, text: string): Promise<{ corp: Corp; directory: Directory }> {
    const file = parseDirectory(text);
    const id = corpId ?? file.corp?.id;
    if (!id) throw new HwbindError('invalid_argument', 'name the enterprise: an argument, or corp.id in the file');
    let corp = await this.store.getCorp(id);
    if (!corp) corp = await this.create({ id, name: file.corp?.name ?? id, memberBinding: file.memberBinding });
    else if (file.memberBinding !== undefined) await this.store.setMemberBinding(id, file.memberBinding);
    const directory = { departments: file.departments, members: file.members, apps: file.apps };
    await this.store.replaceDirectory(id, directory);
    this.emit('directory', id);
    return { corp: await this.require(id), directory };
  }

  async setMemberBinding(id: string, on: boolean): Promise<Corp> {
    await this.store.setMemberBinding(id, on);
    return this.require(id);
  }
}
