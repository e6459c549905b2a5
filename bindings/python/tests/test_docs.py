"""Every public module, class and function has a docstring of its own, written for users, and
the examples in them run: the docstrings are walked by introspection (every module reachable
from `restore_access.__all__`, every name in its `__all__`, every public method of every
class), so a new function without one fails here.

What is asked of a docstring: it exists and says something (`MIN_LENGTH` characters), it is no
other object's docstring (the generic sentence once shared by every `compact` is gone), and,
for a module, a function or a class that is not a case of another (`CodeSent` of `Prompt`,
`InvalidLength` of `Error`), it holds an example. Every example runs as a doctest, in the
namespace of the module the object belongs to."""

from __future__ import annotations

import doctest
import sys
import types
from collections import defaultdict
from typing import Any, Iterator

import pytest

import restore_access as ra

MIN_LENGTH = 25


def modules() -> list[types.ModuleType]:
    subs = [m for m in (getattr(ra, n) for n in ra.__all__) if isinstance(m, types.ModuleType)]
    assert {m.__name__.rsplit(".", 1)[-1] for m in subs} >= {"snils", "inn", "passport", "phone", "email", "password", "codes", "flow"}
    return [ra, *subs]


def public() -> Iterator[tuple[str, Any, types.ModuleType]]:
    """`(qualified name, object, the module whose namespace its examples run in)`."""
    for module in modules():
        yield module.__name__, module, module
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, types.ModuleType) or name == "__version__":
                continue
            qual = f"{module.__name__}.{name}"
            yield qual, obj, module
            if isinstance(obj, type) and not issubclass(obj, BaseException):
                for attr, raw in vars(obj).items():
                    if not attr.startswith("_") and (callable(raw) or isinstance(raw, staticmethod)):
                        METHODS.add(f"{qual}.{attr}")
                        yield f"{qual}.{attr}", getattr(obj, attr), module


METHODS: set[str] = set()
OBJECTS = list(public())
PACKAGE_CLASSES = {id(obj) for _, obj, _ in OBJECTS if isinstance(obj, type)}


def needs_example(qual: str, obj: Any) -> bool:
    """Modules, functions and the classes that are not a case of another package class."""
    if isinstance(obj, type):
        return not any(id(base) in PACKAGE_CLASSES for base in obj.__mro__[1:])
    return qual not in METHODS


def test_the_walk_finds_everything() -> None:
    names = {q for q, _, _ in OBJECTS}
    for q in ["restore_access.snils", "restore_access.phone.kind", "restore_access.password.hash", "restore_access.flow.Flow.handle", "restore_access.codes.Keys"]:
        assert q in names, q
    assert len(OBJECTS) > 120  # 134 when written


@pytest.mark.parametrize(("qual", "obj", "module"), OBJECTS, ids=[o[0] for o in OBJECTS])
def test_every_public_object_has_a_docstring_of_its_own(qual: str, obj: Any, module: types.ModuleType) -> None:
    doc = (obj.__doc__ or "").strip()
    assert len(doc) >= MIN_LENGTH, f"{qual} has no docstring (or only {doc!r})"
    if needs_example(qual, obj):
        assert ">>>" in doc, f"{qual} has no example"


def test_no_two_objects_share_a_docstring() -> None:
    by_doc: dict[str, list[str]] = defaultdict(list)
    for qual, obj, _ in OBJECTS:
        by_doc[(obj.__doc__ or "").strip()].append(qual)
    shared = {doc[:60]: quals for doc, quals in by_doc.items() if len(set(quals)) > 1}
    assert not shared, f"the same docstring on several objects: {shared}"


EXAMPLES = [(q, o, m) for q, o, m in OBJECTS if ">>>" in (o.__doc__ or "")]


@pytest.mark.parametrize(("qual", "obj", "module"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_the_examples_run(qual: str, obj: Any, module: types.ModuleType) -> None:
    home = sys.modules.get(getattr(obj, "__module__", None) or "", module)
    globs = {} if isinstance(obj, types.ModuleType) else dict(vars(home))
    test = doctest.DocTestParser().get_doctest(obj.__doc__, globs, qual, None, 0)
    out: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.IGNORE_EXCEPTION_DETAIL)
    runner.run(test, out=out.append)
    assert runner.tries > 0
    assert runner.failures == 0, "".join(out)
