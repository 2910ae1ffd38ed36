def side_effect_sanitizer():
    v = source_a()
    validate(v)
    # ok: taint.side-effect-sanitizer
    sink(v)
    w = source_a()
    # ruleid: taint.side-effect-sanitizer
    sink(w, "other")
    # ok: taint.side-effect-sanitizer
    sink("const", w)


def custom_propagator():
    dst = Buffer()
    copy_into(source_b(), dst)
    # ruleid: taint.propagator
    sink(dst)
    other = Buffer()
    copy_into("clean", other)
    # ok: taint.propagator
    sink(other)


def labels():
    u = user_input()
    # ruleid: taint.labels
    sink(u)
    # ok: taint.labels
    sink("constant")
