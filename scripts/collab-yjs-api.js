// The server's side of a collaborative workflow draft: what NEX7 does with Yjs documents, run in QuickJS
// (dev.nex7.workflow.collab.YjsRuntime). scripts/collab-bundle.sh bundles this file with yjs into
// nex7-server/src/main/resources/collab/yjs-bundle.js.
//
// The document (agreed with the web editor):
//   doc.getMap('nodes'): node id -> Y.Map {id, type, typeVersion, name, position, parameters (a Y.Map of its own), retry,
//                        timeout, onError, credentials}
//   doc.getMap('edges'): `${source}:${sourcePort}->${target}:${targetPort}` -> {source, sourcePort, target, targetPort}
//   doc.getMap('notes'): note id -> {id, text, position, width, height, color}
// Updates cross the boundary as base64 strings (QuickJS host calls pass strings only).
import * as Y from 'yjs'

const NODE_KEYS = ['id', 'type', 'typeVersion', 'name', 'position', 'parameters', 'retry', 'timeout', 'onError', 'credentials']
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const BASE64_VALUES = new Int16Array(128).fill(-1)
for (let i = 0; i < BASE64.length; i++) BASE64_VALUES[BASE64.charCodeAt(i)] = i

function toBase64 (bytes) {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out += BASE64[n >> 18] + BASE64[(n >> 12) & 63] + BASE64[(n >> 6) & 63] + BASE64[n & 63]
  }
  if (i < bytes.length) {
    const n = (bytes[i] << 16) | ((i + 1 < bytes.length ? bytes[i + 1] : 0) << 8)
    out += BASE64[n >> 18] + BASE64[(n >> 12) & 63] + (i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '=') + '='
  }
  return out
}

function fromBase64 (text) {
  const clean = text.replace(/=+$/, '')
  const bytes = new Uint8Array((clean.length * 3) >> 2)
  let bits = 0
  let value = 0
  let at = 0
  for (let i = 0; i < clean.length; i++) {
    const digit = BASE64_VALUES[clean.charCodeAt(i)]
    if (digit < 0) throw new Error('not base64')
    value = (value << 6) | digit
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[at++] = (value >> bits) & 255
    }
  }
  return bytes
}

const isObject = value => value !== null && typeof value === 'object' && !Array.isArray(value)
const present = value => value !== undefined && value !== null
const plain = value => value instanceof Y.AbstractType ? value.toJSON() : value

/** JSON with object keys sorted: equal values, equal text. */
function canonical (value) {
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']'
  if (isObject(value)) {
    return '{' + Object.keys(value).filter(k => value[k] !== undefined).sort()
      .map(k => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}'
  }
  return value === undefined ? 'null' : JSON.stringify(value)
}

const clone = value => value === undefined ? undefined : JSON.parse(JSON.stringify(value))
const port = value => typeof value === 'string' && value.length > 0 ? value : 'main'
const edgeKey = edge => `${edge.source}:${port(edge.sourcePort)}->${edge.target}:${port(edge.targetPort)}`
const byKey = (a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0

function load (updates) {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc
}

const nodeJson = (value, id) => {
  const source = plain(value)
  if (!isObject(source)) return null
  const node = {}
  for (const key of NODE_KEYS) if (present(source[key])) node[key] = source[key]
  node.id = id
  return node
}

const edgeJson = value => {
  const edge = plain(value)
  if (!isObject(edge) || typeof edge.source !== 'string' || typeof edge.target !== 'string') return null
  return { source: edge.source, sourcePort: port(edge.sourcePort), target: edge.target, targetPort: port(edge.targetPort) }
}

const noteJson = (value, id) => {
  const note = plain(value)
  return isObject(note) ? Object.assign({}, note, { id }) : null
}

const PARTS = { nodes: nodeJson, edges: edgeJson, notes: noteJson }

/** The saved draft's shape: nodes, edges and notes, each sorted by id so that equal documents give equal JSON. */
function definitionOf (doc) {
  const definition = {}
  for (const part of Object.keys(PARTS)) {
    const entries = []
    doc.getMap(part).forEach((value, key) => {
      const json = PARTS[part](value, key)
      if (json !== null) entries.push([key, json])
    })
    definition[part] = entries.sort(byKey).map(entry => entry[1])
  }
  return definition
}

/** Sets a plain value under key when it differs (deep) from what is there; deletes it when the wanted value is absent. */
function put (map, key, wanted) {
  if (!present(wanted)) {
    if (!map.has(key)) return false
    map.delete(key)
    return true
  }
  if (map.has(key) && canonical(plain(map.get(key))) === canonical(wanted)) return false
  map.set(key, clone(wanted))
  return true
}

/**
 * A node's parameters live in a Y.Map of their own (so that concurrent edits of different parameters
 * both survive): sets and deletes only the parameters that differ. An older document's plain value is
 * replaced by a map.
 */
function putParameters (node, wanted) {
  if (!isObject(wanted)) {
    if (!node.has('parameters')) return false
    node.delete('parameters')
    return true
  }
  let parameters = node.get('parameters')
  let changed = false
  if (!(parameters instanceof Y.Map)) {
    parameters = new Y.Map()
    node.set('parameters', parameters)
    changed = true
  }
  const entries = new Map(Object.entries(wanted).filter(([, value]) => value !== undefined))
  changed = prune(parameters, entries) || changed
  entries.forEach((value, key) => { changed = put(parameters, key, value) || changed })
  return changed
}

/** Removes the keys of map that wanted lacks; returns whether it removed any. */
function prune (map, wanted) {
  let changed = false
  for (const key of Array.from(map.keys())) {
    if (!wanted.has(key)) {
      map.delete(key)
      changed = true
    }
  }
  return changed
}

/** Turns doc into definition by setting and deleting only what differs, so concurrent edits elsewhere survive. */
function writeDefinition (doc, definition) {
  const wantedNodes = new Map()
  for (const node of definition.nodes || []) if (isObject(node) && typeof node.id === 'string') wantedNodes.set(node.id, node)
  const wantedEdges = new Map()
  for (const edge of definition.edges || []) {
    if (isObject(edge) && typeof edge.source === 'string' && typeof edge.target === 'string') {
      wantedEdges.set(edgeKey(edge), { source: edge.source, sourcePort: port(edge.sourcePort), target: edge.target, targetPort: port(edge.targetPort) })
    }
  }
  const wantedNotes = new Map();
  (definition.notes || []).forEach((note, index) => {
    if (!isObject(note)) return
    const id = typeof note.id === 'string' && note.id.length > 0 ? note.id : 'note-' + (index + 1)
    wantedNotes.set(id, Object.assign({}, note, { id }))
  })
  let changed = false
  doc.transact(() => {
    const nodes = doc.getMap('nodes')
    changed = prune(nodes, wantedNodes) || changed
    wantedNodes.forEach((node, id) => {
      let map = nodes.get(id)
      if (!(map instanceof Y.Map)) {
        map = new Y.Map()
        nodes.set(id, map)
        changed = true
      }
      for (const key of NODE_KEYS) {
        if (key === 'parameters') changed = putParameters(map, node.parameters) || changed
        else changed = put(map, key, key === 'id' ? id : node[key]) || changed
      }
    })
    const edges = doc.getMap('edges')
    changed = prune(edges, wantedEdges) || changed
    wantedEdges.forEach((edge, key) => { changed = put(edges, key, edge) || changed })
    const notes = doc.getMap('notes')
    changed = prune(notes, wantedNotes) || changed
    wantedNotes.forEach((note, id) => { changed = put(notes, id, note) || changed })
  })
  return changed
}

/** Gives the doc a client id no struct in it uses yet, so its next edits cannot collide with anyone's. */
function useClient (doc, clientId) {
  let id = clientId >>> 0
  while (doc.store.clients.has(id)) id = (id + 1) >>> 0
  doc.clientID = id
}

/** Runs edit on doc and returns the update it made, or null when it changed nothing. */
function capture (doc, edit) {
  const made = []
  const listener = update => made.push(update)
  doc.on('update', listener)
  try {
    edit()
  } finally {
    doc.off('update', listener)
  }
  return made.length === 0 ? null : made.length === 1 ? made[0] : Y.mergeUpdates(made)
}

// Documents the server keeps open, one per workflow with connections: updates are applied as they come,
// and only the entries they touch are derived again (a whole 500-node document takes seconds in QuickJS).
const open = new Map()

function opened (room) {
  const entry = open.get(room)
  if (!entry) throw new Error('no open document ' + room)
  return entry
}

/** Entries changed since the last patch: key -> JSON, or null when removed. */
function patchOf (entry, all) {
  const patch = {}
  for (const part of Object.keys(PARTS)) {
    const map = entry.doc.getMap(part)
    const keys = all ? Array.from(map.keys()) : Array.from(entry.dirty[part])
    const changes = {}
    for (const key of keys) changes[key] = map.has(key) ? PARTS[part](map.get(key), key) : null
    patch[part] = changes
    entry.dirty[part].clear()
  }
  return patch
}

function track (doc) {
  const dirty = {}
  for (const part of Object.keys(PARTS)) {
    const map = doc.getMap(part)
    const keys = dirty[part] = new Set()
    map.observeDeep(events => {
      for (const event of events) {
        if (event.target === map) event.changes.keys.forEach((change, key) => keys.add(key))
        else if (event.path.length > 0) keys.add(String(event.path[0]))
      }
    })
  }
  return dirty
}

const api = {
  /** The bundled yjs version. */
  version: () => __YJS_VERSION__,
  /** One update holding every given update, garbage-collected through a document (deleted content shrinks). */
  merge: updates => Y.encodeStateAsUpdate(load(updates.map(fromBase64))),
  /** The state vector (what it holds, per client) of an update. */
  stateVector: update => Y.encodeStateVectorFromUpdate(fromBase64(update)),
  /** What update holds beyond stateVector. */
  diff: (update, stateVector) => Y.diffUpdate(fromBase64(update), fromBase64(stateVector)),
  /** The saved-draft JSON of the document. */
  toDefinition: update => definitionOf(load([fromBase64(update)])),
  /** A new document holding definition, written by clientId. */
  fromDefinition: (definition, clientId) => {
    const doc = new Y.Doc()
    useClient(doc, clientId)
    writeDefinition(doc, definition)
    return Y.encodeStateAsUpdate(doc)
  },
  /** The update (by clientId) that turns the document into definition; null when it already is. */
  applyDefinition: (update, definition, clientId) => {
    const doc = load([fromBase64(update)])
    useClient(doc, clientId)
    return capture(doc, () => writeDefinition(doc, definition))
  },

  /** Opens room's document from its updates; answers every entry (a patch from nothing). */
  open: (room, updates) => {
    const doc = new Y.Doc()
    const dirty = track(doc)
    for (const update of updates) Y.applyUpdate(doc, fromBase64(update))
    const entry = { doc, dirty }
    open.set(room, entry)
    return patchOf(entry, true)
  },
  /** Applies updates to room's document; answers the entries they changed. */
  apply: (room, updates) => {
    const entry = opened(room)
    for (const update of updates) Y.applyUpdate(entry.doc, fromBase64(update))
    return patchOf(entry, false)
  },
  /** Turns room's document into definition: {update (base64, null when nothing differed), patch}. */
  define: (room, definition, clientId) => {
    const entry = opened(room)
    useClient(entry.doc, clientId)
    const update = capture(entry.doc, () => writeDefinition(entry.doc, definition))
    return { update: update === null ? null : toBase64(update), patch: patchOf(entry, false) }
  },
  /** Room's document as one update (what compaction stores). */
  encode: room => Y.encodeStateAsUpdate(opened(room).doc),
  /** Forgets room's document. */
  close: room => {
    const entry = open.get(room)
    if (entry) entry.doc.destroy()
    return open.delete(room)
  }
}

function encode (value) {
  return value instanceof Uint8Array ? { bytes: toBase64(value) } : { value: value === undefined ? null : value }
}

/** The one entry point the Java side calls: a JSON job {op, args} in, a JSON answer {bytes | value | error} out. */
function handle (jobText) {
  try {
    const job = JSON.parse(jobText)
    const fn = api[job.op]
    if (typeof fn !== 'function') throw new Error('no such operation: ' + job.op)
    return JSON.stringify(encode(fn(...job.args)))
  } catch (error) {
    return JSON.stringify({ error: String(error && error.stack ? error.message + '\n' + error.stack : error) })
  }
}

globalThis.NEX7_YJS = { version: __YJS_VERSION__, Y, api, handle, load, capture, useClient, definitionOf, toBase64, fromBase64 }
