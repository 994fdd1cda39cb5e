import inspect


def same_shape(func, default_model_signature):
    params = inspect.signature(func).parameters.values()
    # ok: timing-unsafe-compare
    return [(p.name, p.kind) for p in params] == default_model_signature
