import os
import json
from urllib.parse import urljoin


def assignments():
    a = source()
    b = a
    # ruleid: taint.flow
    sink(b)
    # ok: taint.flow
    sink("constant")


def reassignment_kills():
    a = source()
    a = "clean"
    # ok: taint.flow
    sink(a)


def branches_merge(flag):
    if flag:
        x = source()
    else:
        x = "clean"
    # ruleid: taint.flow
    sink(x)
    if flag:
        y = source()
        y = "clean"
    else:
        y = "also clean"
    # ok: taint.flow
    sink(y)


def dead_branch():
    if False:
        z = source()
    else:
        z = "clean"
    # ok: taint.flow
    sink(z)


def augmented():
    q = "SELECT * FROM t WHERE a = "
    q += source()
    # ruleid: taint.flow
    sink(q)


def unpacking():
    a, b = source(), "x"
    # ruleid: taint.flow
    sink(a)
    first, *rest = source()
    # ruleid: taint.flow
    sink(rest)


def strings(name):
    t = source()
    # ruleid: taint.flow
    sink("hello " + t)
    # ruleid: taint.flow
    sink("hello %s" % t)
    # ruleid: taint.flow
    sink("hello {}".format(t))
    # ruleid: taint.flow
    sink(f"hello {t}")
    # ok: taint.flow
    sink(f"hello {name}")


def collections_and_fields():
    data = {"q": source(), "safe": "x"}
    # ruleid: taint.flow
    sink(data["q"])
    items = []
    items.append(source())
    # ruleid: taint.flow
    sink(items)
    obj = Thing()
    obj.query = source()
    # ruleid: taint.flow
    sink(obj.query)
    # todook: taint.flow
    sink(data["safe"])
    obj.query = "clean"
    # ok: taint.flow
    sink(obj.query)


def sanitizer():
    v = clean(source())
    # ok: taint.flow
    sink(v)
    n = int(source())
    # ok: taint.flow
    sink(n)
    # ok: taint.flow
    sink(len(source()))


def lambdas_and_closures():
    t = source()
    f = lambda: sink(t)  # ruleid: taint.flow
    def inner():
        # ruleid: taint.flow
        sink(t)
    return f, inner


async def awaiting():
    v = await fetch(source())
    # ruleid: taint.flow
    sink(v)


def library_propagators():
    t = source()
    # ruleid: taint.flow
    sink(",".join([t, "a"]))
    # ruleid: taint.flow
    sink(os.path.join("/base", t))
    # ruleid: taint.flow
    sink(urljoin("https://host/", t))
    # ruleid: taint.flow
    sink(json.loads(t))
    # ruleid: taint.flow
    sink(t.strip().lower())


def loops():
    acc = ""
    for part in source():
        acc = acc + part
    # ruleid: taint.flow
    sink(acc)
    while True:
        w = source()
        break
    # ruleid: taint.flow
    sink(w)


def with_statement():
    with open(source()) as fh:
        # ruleid: taint.flow
        sink(fh)


def try_except():
    try:
        v = source()
    except ValueError:
        v = "clean"
    # ruleid: taint.flow
    sink(v)


def different_variable():
    a = source()
    b = "other"
    # ok: taint.flow
    sink(b)
