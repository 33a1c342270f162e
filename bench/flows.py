#!/usr/bin/env python3
"""Prints the workflow definitions the benchmark scripts create, as JSON.

  flows.py webhook N [--respond] [--execution-mode MODE]
      webhook POST -> N set nodes, each `body.n = {{ body.n + 1 }}` -> (with --respond) a
      respond-to-webhook node answering `{{ body }}`, i.e. the item {"n": N, "msg": .., "id": ..}.
      Without --respond the trigger answers 202 at once (responseMode immediately).
      --execution-mode adds the webhook trigger parameter executionMode (e.g. low-latency).
  flows.py crash URL WAIT_SECONDS [--no-expression]
      manual trigger -> wait WAIT_SECONDS (durable) -> HTTP POST to URL with the run's
      Idempotency-Key and the body {"execution": "{{ $execution.id }}"} (a literal body with
      --no-expression) -> set done = true.
  flows.py canvas NODES EDGES
      a big canvas: a manual trigger and NODES - 1 set nodes on a grid, a chain through all of them
      plus extra edges (each from a node to one two or three places further on) up to EDGES.
"""
import json
import sys


def node(node_id, node_type, parameters, x):
    return {"id": node_id, "type": node_type, "typeVersion": 1, "name": node_id,
            "position": {"x": x, "y": 0}, "parameters": parameters}


def edge(source, target):
    return {"source": source, "sourcePort": "main", "target": target, "targetPort": "main"}


def chain(nodes):
    """A definition whose nodes run one after the other, in the order given."""
    placed = [node(i, t, p, 200 * k) for k, (i, t, p) in enumerate(nodes)]
    return {"nodes": placed, "edges": [edge(a["id"], b["id"]) for a, b in zip(placed, placed[1:])]}


def webhook(count, respond, execution_mode):
    trigger = {"method": "POST", "responseMode": "respond-node" if respond else "immediately"}
    if execution_mode:
        trigger["executionMode"] = execution_mode
    nodes = [("hook", "webhook-trigger", trigger)]
    nodes += [(f"set{i}", "set", {"fields": [{"name": "body.n", "value": "{{ body.n + 1 }}"}]})
              for i in range(1, count + 1)]
    if respond:
        nodes.append(("reply", "respond-to-webhook", {"body": "{{ body }}"}))
    return chain(nodes)


def crash(url, wait_seconds, expression):
    body = {"execution": "{{ $execution.id }}" if expression else "literal"}
    return chain([
        ("start", "manual-trigger", {}),
        ("pause", "wait", {"amount": wait_seconds, "unit": "seconds"}),
        ("call", "http-request", {"method": "POST", "url": url, "idempotencyHeader": True,
                                  "bodyType": "json", "body": body}),
        ("done", "set", {"fields": [{"name": "done", "value": True}]}),
    ])


def canvas(count, edges):
    columns = 25
    placed = [node("start", "manual-trigger", {}, 0)]
    for i in range(1, count):
        placed.append(node(f"n{i}", "set", {"fields": [{"name": f"v{i}", "value": i}]}, 260 * (i % columns)))
        placed[-1]["position"]["y"] = 160 * (i // columns)
    links = [edge(a["id"], b["id"]) for a, b in zip(placed, placed[1:])]
    hop = 2
    source = 0
    while len(links) < edges:
        target = source + hop
        if target < count:
            links.append(edge(placed[source]["id"], placed[target]["id"]))
        source += 1
        if source + hop >= count:
            source, hop = 0, hop + 1
    return {"nodes": placed, "edges": links}


def main(args):
    if args[:1] == ["webhook"] and len(args) >= 2:
        mode = None
        if "--execution-mode" in args:
            mode = args[args.index("--execution-mode") + 1]
        definition = webhook(int(args[1]), "--respond" in args, mode)
    elif args[:1] == ["crash"] and len(args) in (3, 4):
        wait = float(args[2])
        definition = crash(args[1], int(wait) if wait.is_integer() else wait, "--no-expression" not in args)
    elif args[:1] == ["canvas"] and len(args) == 3:
        definition = canvas(int(args[1]), int(args[2]))
    else:
        sys.exit(__doc__)
    print(json.dumps(definition))


if __name__ == "__main__":
    main(sys.argv[1:])
