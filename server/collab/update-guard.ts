import { getSchema } from '@tiptap/core';
import * as Y from 'yjs';
import { agendaExtensions, minutesExtensions } from '../../lib/editor/extensions';
import {
  CLIENT_ROOTS,
  isServerAttribute,
  SEALED_BLOCKS,
  SERVER_BLOCKS,
  type ClientRoot,
} from '../../lib/meeting-doc/write-rules';

/**
 * The server's check of every document update a client sends, before it is
 * applied: each new item and each deletion is traced to the root type it
 * belongs to and to the elements around it, and the whole update is refused
 * if any part of it writes what the client may not write (see
 * lib/meeting-doc/write-rules.ts). A refused update is never applied, so it
 * reaches no other client, no row and no seal.
 *
 * Yjs does not encode the parent of an item that has a neighbour (the
 * neighbour's parent is implied), so an item is traced through its origin,
 * either to the document or to an earlier item of the same update. An update
 * whose neighbours or deleted items are neither in the document nor in the
 * update is incomplete: a client that typed before its offline edits were
 * sent produces one, and the connection holds it until the rest arrives.
 */

// Yjs types are generic over their event type; here only their place in the tree matters.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

/** The root types a connection may write to (the policy decides: minutes for editors, the agenda for those who prepare). */
export type WriteScope = ReadonlySet<ClientRoot>;

/** Every scope handed out so far, by its roots: there are only a few (one per combination of roles). */
const scopes = new Map<string, WriteScope>();

/**
 * The write scope of these roots, one shared set per combination: every live
 * connection holds one, and a set of its own each was a hash table per
 * connection saying what a handful of sets say. Read-only by its type.
 */
export function writeScopeOf(roots: Iterable<ClientRoot>): WriteScope {
  const sorted = Array.from(new Set(roots)).sort();
  const key = sorted.join(' ');
  let scope = scopes.get(key);
  if (!scope) {
    scope = new Set(sorted);
    scopes.set(key, scope);
  }
  return scope;
}

export type GuardVerdict =
  /** Apply it. `newTasks` are task blocks it creates, which the server gives ids. */
  | { kind: 'accept'; newTasks: Y.ID[] }
  /** Refuse it whole; `reason` says which rule, for the log. */
  | { kind: 'refuse'; reason: string }
  /** Something it builds on is missing; wait for more from the same client. */
  | { kind: 'incomplete' };

/** Where a shared type sits: its root, what it is, and the element names from the root down to it. */
interface TypePlace {
  root: string;
  kind: 'root' | 'element' | 'text' | 'other';
  /** nodeName when the type is an element. */
  name: string | null;
  /** Element names of the type and its ancestors, outermost first. */
  path: readonly string[];
  /** The type (or an ancestor) hangs off a map key rather than a list: never the case for text the editor writes. */
  keyed: boolean;
}

/** Where an item sits: inside `parent`, under map key `key` or, when `key` is null, in its list of children. */
interface ItemPlace {
  parent: TypePlace;
  key: string | null;
}

type Resolution = ItemPlace | 'missing' | 'garbage';

/** Element names a client may create, per root: the editor's schema minus the server's blocks. */
function allowedElements(extensions: ReturnType<typeof minutesExtensions>): ReadonlySet<string> {
  const names = Object.keys(getSchema(extensions).nodes).filter((n) => n !== 'doc' && n !== 'text');
  return new Set(names.filter((n) => !SERVER_BLOCKS.has(n)));
}

function allowedMarks(extensions: ReturnType<typeof minutesExtensions>): ReadonlySet<string> {
  return new Set(Object.keys(getSchema(extensions).marks));
}

let vocabulary: { elements: Record<ClientRoot, ReadonlySet<string>>; marks: Record<ClientRoot, ReadonlySet<string>> };

function clientVocabulary() {
  vocabulary ??= {
    elements: { minutes: allowedElements(minutesExtensions()), agenda: allowedElements(agendaExtensions()) },
    marks: { minutes: allowedMarks(minutesExtensions()), agenda: allowedMarks(agendaExtensions()) },
  };
  return vocabulary;
}

const isClientRoot = (root: string): root is ClientRoot => (CLIENT_ROOTS as readonly string[]).includes(root);

function kindOf(type: AnyType): TypePlace['kind'] {
  if (type instanceof Y.XmlElement) return 'element';
  if (type instanceof Y.XmlText) return 'text';
  return 'other';
}

/** Places of integrated types never change (a Yjs type cannot move), so they are remembered. */
const integratedPlaces = new WeakMap<AnyType, TypePlace>();

/** The shared state of one check: the document, the update's structs by client, memoised answers. */
class Tracer {
  private readonly local = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
  private readonly localParents = new Map<Y.Item, Resolution>();
  private rootNames: Map<AnyType, string> | null = null;

  constructor(
    readonly doc: Y.Doc,
    structs: readonly (Y.Item | Y.GC | Y.Skip)[],
  ) {
    for (const struct of structs) {
      const list = this.local.get(struct.id.client);
      if (list) list.push(struct);
      else this.local.set(struct.id.client, [struct]);
    }
  }

  /** The state of the document for a client: clocks below it are in the store. */
  docState(client: number): number {
    return Y.getState(this.doc.store, client);
  }

  /** The integrated struct holding `id`, if the document has it. */
  inDoc(id: Y.ID): Y.Item | Y.GC | undefined {
    if (id.clock >= this.docState(id.client)) return undefined;
    const structs = this.doc.store.clients.get(id.client)!;
    return structs[Y.findIndexSS(structs, id.clock)] as Y.Item | Y.GC;
  }

  /** The struct of this update holding `id`, if any. */
  inUpdate(id: Y.ID): Y.Item | Y.GC | Y.Skip | undefined {
    const list = this.local.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const struct = list[mid]!;
      if (id.clock < struct.id.clock) hi = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) lo = mid + 1;
      else return struct;
    }
    return undefined;
  }

  private rootName(type: AnyType): string {
    this.rootNames ??= new Map(Array.from(this.doc.share.entries(), ([name, t]) => [t, name] as const));
    return this.rootNames.get(type) ?? '';
  }

  /** Where an integrated type sits. */
  placeOfType(type: AnyType): TypePlace {
    const known = integratedPlaces.get(type);
    if (known) return known;
    const item = type._item;
    let place: TypePlace;
    if (!item) {
      place = { root: this.rootName(type), kind: 'root', name: null, path: [], keyed: false };
    } else {
      const parent = this.placeOfType(item.parent as AnyType);
      place = childPlace(parent, type, item.parentSub);
    }
    integratedPlaces.set(type, place);
    return place;
  }

  /** Where a struct of this update will be integrated. */
  placeOfNew(item: Y.Item): Resolution {
    const known = this.localParents.get(item);
    if (known) return known;
    const resolved = this.resolveNew(item);
    this.localParents.set(item, resolved);
    return resolved;
  }

  private resolveNew(item: Y.Item): Resolution {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      return { parent: { root: parent, kind: 'root', name: null, path: [], keyed: false }, key: item.parentSub };
    }
    if (parent instanceof Y.ID) {
      const holder = this.inDoc(parent) ?? this.inUpdate(parent);
      if (!holder) return 'missing';
      if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType)) return 'garbage';
      const type = holder.content.type as AnyType;
      if (this.inDoc(parent)) return { parent: this.placeOfType(type), key: item.parentSub };
      const outer = this.placeOfNew(holder);
      if (typeof outer === 'string') return outer;
      return { parent: childPlace(outer.parent, type, outer.key), key: item.parentSub };
    }
    // The parent is implied by a neighbour: the left one if there is one, as Yjs does.
    const neighbour = item.origin ?? item.rightOrigin;
    if (!neighbour) return 'garbage';
    const integrated = this.inDoc(neighbour);
    if (integrated) {
      if (!(integrated instanceof Y.Item)) return 'garbage';
      return { parent: this.placeOfType(integrated.parent as AnyType), key: integrated.parentSub };
    }
    const pending = this.inUpdate(neighbour);
    if (!pending) return 'missing';
    if (!(pending instanceof Y.Item)) return 'garbage';
    return this.placeOfNew(pending);
  }
}

function childPlace(parent: TypePlace, type: AnyType, key: string | null): TypePlace {
  const kind = kindOf(type);
  const name = type instanceof Y.XmlElement ? type.nodeName : null;
  return {
    root: parent.root,
    kind,
    name,
    path: name === null ? parent.path : [...parent.path, name],
    keyed: parent.keyed || key !== null,
  };
}

const sealedIn = (path: readonly string[]) => path.find((name) => SEALED_BLOCKS.has(name));

/** Why inserting `content` at `place` is not the client's to do, or null when it is. */
function insertRefusal(place: ItemPlace, content: Y.Item['content'], scope: WriteScope): string | null {
  const { parent, key } = place;
  if (!isClientRoot(parent.root) || !scope.has(parent.root)) return `write to ${parent.root || 'an unknown type'}`;
  if (parent.keyed) return 'a type under a map key';
  const sealed = sealedIn(parent.path);
  if (sealed) return `inside ${sealed}`;
  const vocabulary = clientVocabulary();
  if (key !== null) {
    if (parent.kind !== 'element') return `attribute ${key} outside an element`;
    if (isServerAttribute(parent.name!, key)) return `attribute ${parent.name}.${key}`;
    if (content instanceof Y.ContentType) return 'a type as an attribute value';
    return null;
  }
  if (content instanceof Y.ContentType) {
    if (parent.kind === 'text') return 'a type inside text';
    const type = content.type;
    if (type instanceof Y.XmlText) return null;
    if (type instanceof Y.XmlElement) {
      if (SERVER_BLOCKS.has(type.nodeName)) return `create ${type.nodeName}`;
      if (!vocabulary.elements[parent.root].has(type.nodeName)) return `unknown element ${type.nodeName}`;
      return null;
    }
    return `a ${type.constructor.name} in the ${parent.root}`;
  }
  if (content instanceof Y.ContentDeleted) return null;
  if (parent.kind === 'text') {
    if (content instanceof Y.ContentString) return null;
    if (content instanceof Y.ContentFormat) {
      // y-prosemirror names overlapping marks of one type "<mark>--<hash>".
      const mark = content.key.split('--')[0]!;
      return vocabulary.marks[parent.root].has(mark) ? null : `format ${content.key}`;
    }
  }
  return `${content.constructor.name} in ${parent.kind === 'text' ? 'text' : 'a block list'}`;
}

/** Whether a subtree holds an element only the server places (a hostile delete set may name a parent alone). */
function holdsServerBlock(type: AnyType): string | null {
  if (!(type instanceof Y.XmlElement || type instanceof Y.XmlFragment)) return null;
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlElement) {
      if (SERVER_BLOCKS.has(child.nodeName)) return child.nodeName;
      const inner = holdsServerBlock(child);
      if (inner) return inner;
    }
  }
  return null;
}

/** Why deleting an integrated item is not the client's to do, or null when it is. */
function deleteRefusal(place: ItemPlace, item: Y.Item, scope: WriteScope): string | null {
  const { parent, key } = place;
  if (!isClientRoot(parent.root) || !scope.has(parent.root)) return `delete in ${parent.root || 'an unknown type'}`;
  const sealed = sealedIn(parent.path);
  if (sealed) return `delete inside ${sealed}`;
  if (key !== null && parent.kind === 'element' && isServerAttribute(parent.name!, key))
    return `delete attribute ${parent.name}.${key}`;
  if (item.content instanceof Y.ContentType) {
    const type = item.content.type as AnyType;
    if (type instanceof Y.XmlElement && SERVER_BLOCKS.has(type.nodeName)) return `remove ${type.nodeName}`;
    const held = holdsServerBlock(type);
    if (held) return `remove a block holding ${held}`;
  }
  return null;
}

/**
 * Checks one update (Yjs v1 encoding) from a connection that may write the
 * roots in `scope`. Decodes it without applying anything.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, scope: WriteScope): GuardVerdict {
  const { structs, ds } = Y.decodeUpdate(update);
  const tracer = new Tracer(doc, structs);
  const newTasks: Y.ID[] = [];
  let incomplete = false;

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Already held in full: applying it changes nothing.
    if (struct.id.clock + struct.length <= tracer.docState(struct.id.client)) continue;
    const place = tracer.placeOfNew(struct);
    if (place === 'garbage') continue;
    if (place === 'missing') {
      incomplete = true;
      continue;
    }
    const refusal = insertRefusal(place, struct.content, scope);
    if (refusal) return { kind: 'refuse', reason: refusal };
    const type = struct.content instanceof Y.ContentType ? struct.content.type : null;
    if (type instanceof Y.XmlElement && type.nodeName === 'task' && place.parent.root === 'minutes')
      newTasks.push(struct.id);
  }

  for (const [client, ranges] of ds.clients) {
    const state = tracer.docState(client);
    const stored = state > 0 ? tracer.doc.store.clients.get(client)! : [];
    for (const range of ranges) {
      const end = range.clock + range.len;
      if (range.clock < state) {
        for (let i = Y.findIndexSS(stored, range.clock); i < stored.length && stored[i]!.id.clock < end; i++) {
          const struct = stored[i]!;
          if (!(struct instanceof Y.Item) || struct.deleted) continue;
          const refusal = deleteRefusal(
            { parent: tracer.placeOfType(struct.parent as AnyType), key: struct.parentSub },
            struct,
            scope,
          );
          if (refusal) return { kind: 'refuse', reason: refusal };
        }
      }
      // Deleting what this very update inserts is the client's own business; anything else is unknown.
      for (let clock = Math.max(range.clock, state); clock < end;) {
        const own = tracer.inUpdate(Y.createID(client, clock));
        if (!own) {
          incomplete = true;
          break;
        }
        clock = own.id.clock + own.length;
      }
    }
  }
  return incomplete ? { kind: 'incomplete' } : { kind: 'accept', newTasks };
}

/**
 * Gives each task block a client just created its id, in one server
 * transaction right after the client's update: ids name rows in the
 * database, so they are the server's to choose.
 */
export function assignTaskIds(doc: Y.Doc, tasks: readonly Y.ID[], origin: unknown, newId: () => string): void {
  Y.transact(
    doc,
    () => {
      for (const id of tasks) {
        const item = Y.getItem(doc.store, id);
        if (!(item instanceof Y.Item) || item.deleted || !(item.content instanceof Y.ContentType)) continue;
        const task = item.content.type;
        if (task instanceof Y.XmlElement && task.getAttribute('id') === undefined) task.setAttribute('id', newId());
      }
    },
    origin,
  );
}
