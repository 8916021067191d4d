"""kvcc inside other libraries. Hugging Face transformers: :mod:`kvcc.integrations.transformers`.

``import kvcc`` makes ``attn_implementation="kvcc"`` usable without importing
transformers itself: with the two transformers modules the registration needs, ``import
kvcc`` would take 3.3 s instead of 1.6 s (2-core development machine, 2026-12); the
hook costs about 4 ms. :func:`install_transformers_hook` (called by ``kvcc/__init__.py``)
registers kvcc's attention function with transformers' ``AttentionInterface`` and its
mask function with ``AttentionMaskInterface`` the moment transformers defines them:

- modules already imported (transformers loaded before kvcc) register at once;
- otherwise a finder at the front of ``sys.meta_path`` watches for
  ``transformers.modeling_utils`` and ``transformers.masking_utils``; it lets the usual
  finders find them and wraps their loader, so right after each module's code has run
  the registration runs too, before anything can build a model. The finder removes
  itself once both are registered and costs nothing for any other import.

A registration that fails is reported once through ``logging.getLogger("kvcc")`` and
never breaks the import of transformers. The attention engine (``kvcc.attention``)
comes from the caller, since this package sits below ``kvcc.api`` in kvcc's layers.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import logging
import sys
from collections.abc import Callable
from types import ModuleType

_ATTENTION_MODULE = "transformers.modeling_utils"
_MASK_MODULE = "transformers.masking_utils"


def _register_attention(module: ModuleType) -> None:
    from kvcc.integrations.hf_attention import DEFAULT_NAME, register_attention

    register_attention(module.AttentionInterface, DEFAULT_NAME)


def _register_mask(module: ModuleType) -> None:
    from kvcc.integrations.hf_attention import DEFAULT_NAME
    from kvcc.integrations.hf_masks import register_mask

    register_mask(module.AttentionMaskInterface, DEFAULT_NAME)


_CALLBACKS: dict[str, Callable[[ModuleType], None]] = {
    _ATTENTION_MODULE: _register_attention,
    _MASK_MODULE: _register_mask,
}


def _run(name: str, callback: Callable[[ModuleType], None], module: ModuleType) -> None:
    try:
        callback(module)
    except Exception as e:  # a broken registration must not break transformers
        logging.getLogger("kvcc").warning("attn_implementation='kvcc' is not registered with %s: "
                                          "%s: %s", name, type(e).__name__, e)


class _AfterExec(importlib.abc.Loader):
    """A module's own loader, then a callback on the loaded module."""

    def __init__(self, inner: importlib.abc.Loader, after: Callable[[ModuleType], None]) -> None:
        self.inner, self.after = inner, after

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        # the module keeps its own loader (tracebacks, inspect.getsource read through it)
        module.__loader__ = self.inner
        if module.__spec__ is not None:
            module.__spec__.loader = self.inner
        self.inner.exec_module(module)
        self.after(module)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


class _TransformersFinder(importlib.abc.MetaPathFinder):
    """Finds nothing itself: wraps the loader the other finders give the watched modules."""

    def __init__(self, pending: dict[str, Callable[[ModuleType], None]]) -> None:
        self.pending = pending

    def find_spec(self, fullname: str, path=None, target=None):
        if fullname not in self.pending:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        if spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _AfterExec(spec.loader, lambda m: self._loaded(fullname, m))
        return spec

    def _loaded(self, name: str, module: ModuleType) -> None:
        callback = self.pending.pop(name, None)
        if not self.pending and self in sys.meta_path:
            sys.meta_path.remove(self)
        if callback is not None:
            _run(name, callback, module)


def install_transformers_hook(engine: Callable) -> None:
    """Register ``attn_implementation="kvcc"`` with transformers now if it is loaded, else
    as soon as it is (see the module docstring). ``engine`` is ``kvcc.attention``."""
    from kvcc.integrations import hf_attention

    hf_attention.set_engine(engine)
    if "transformers" not in sys.modules and importlib.util.find_spec("transformers") is None:
        return  # not installed: nothing to watch for
    pending = {}
    for name, callback in _CALLBACKS.items():
        module = sys.modules.get(name)
        if module is None:
            pending[name] = callback
        else:
            _run(name, callback, module)
    if pending and not any(isinstance(f, _TransformersFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _TransformersFinder(pending))


__all__ = ["install_transformers_hook"]
