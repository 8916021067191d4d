"""The Triton backend: KernelSpec lowering, source emission, build (JIT and AOT),
launch behind a torch custom op.

A reader finds every Triton line kvcc can emit in ``emit.py``, ``tile.py`` and
``mask_emit.py``.
"""

from kvcc.codegen.triton.build import AOTKernel, cache_dir, compile_aot, load, write_source
from kvcc.codegen.triton.emit import emit, kernel_name
from kvcc.codegen.triton.launch import choose_splits
from kvcc.codegen.triton.spec import KernelSpec, UnsupportedAttention, lower

NAME = "triton"
# What it cannot run yet, lower() says per op (UnsupportedAttention, which "auto"
# answers with the reference for that op).

__all__ = ["AOTKernel", "KernelSpec", "NAME", "UnsupportedAttention", "cache_dir", "choose_splits",
           "compile_aot", "emit", "kernel_name", "load", "lower", "write_source"]
