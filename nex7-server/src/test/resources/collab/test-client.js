// What a browser's editor does to its Yjs document, for the collaboration tests: the same document
// shape as the web editor (node maps with plain values and a parameters map, plain edge and note objects).
(() => {
  const { Y, load, capture, fromBase64 } = NEX7_YJS
  const apply = (doc, op) => {
    if (op.setNode) {
      const map = new Y.Map()
      for (const [key, value] of Object.entries(op.setNode)) map.set(key, value)
      doc.getMap('nodes').set(op.setNode.id, map)
    } else if (op.setParameter) {
      const node = doc.getMap('nodes').get(op.setParameter.id)
      let parameters = node.get('parameters')
      if (!(parameters instanceof Y.Map)) {
        parameters = new Y.Map()
        node.set('parameters', parameters)
      }
      parameters.set(op.setParameter.key, op.setParameter.value)
    } else if (op.setField) {
      doc.getMap('nodes').get(op.setField.id).set(op.setField.key, op.setField.value)
    } else if (op.deleteNode) {
      doc.getMap('nodes').delete(op.deleteNode)
    } else if (op.setEdge) {
      const e = op.setEdge
      doc.getMap('edges').set(`${e.source}:${e.sourcePort}->${e.target}:${e.targetPort}`, e)
    } else if (op.setNote) {
      doc.getMap('notes').set(op.setNote.id, op.setNote)
    } else {
      throw new Error('unknown op ' + JSON.stringify(op))
    }
  }
  /** The update that client clientId makes by applying ops to the document state. */
  NEX7_YJS.api.edit = (state, clientId, ops) => {
    const doc = load(state ? [fromBase64(state)] : [])
    doc.clientID = clientId
    return capture(doc, () => doc.transact(() => ops.forEach(op => apply(doc, op))))
  }
})()
