def identity(x):
    return x


def constant(x):
    return "clean"


def sanitizing(x):
    return clean(x)


def caller():
    # ruleid: taint.functions
    sink(identity(source()))
    # ok: taint.functions
    sink(constant(source()))
    # ok: taint.functions
    sink(sanitizing(source()))
    # defined after use
    # ruleid: taint.functions
    sink(later(source()))


def later(v):
    return "prefix " + v


def reaches_sink(v):
    # ruleid: taint.functions
    sink(v)


def sanitized_then_sink(v):
    # ok: taint.functions
    sink(clean(v))


def calls_helpers():
    reaches_sink(source())
    sanitized_then_sink(source())
    reaches_sink("constant")


def produces():
    return source()


def uses_producer():
    # ruleid: taint.functions
    sink(produces())


def recursive(n, v):
    if n == 0:
        return v
    return recursive(n - 1, v)


def uses_recursion():
    # ruleid: taint.functions
    sink(recursive(3, source()))
    # ok: taint.functions
    sink(recursive(3, "clean"))


def keyword_arguments(a, b):
    return b


def uses_keywords():
    # ruleid: taint.functions
    sink(keyword_arguments(a="x", b=source()))
    # ok: taint.functions
    sink(keyword_arguments(a=source(), b="x"))


class Repo:
    def __init__(self, query):
        self.query = query

    def run(self):
        # ruleid: taint.functions
        sink(self.query)

    def helper(self, v):
        return v

    def method_call(self):
        # ruleid: taint.functions
        sink(self.helper(source()))


def build_repo():
    Repo(source()).run()
