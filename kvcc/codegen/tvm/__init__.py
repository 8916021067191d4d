"""The TVM backend: attention kernels written as TensorIR (TVMScript text), scheduled
by hand for CPU SIMD, compiled with ``tvm.compile`` for the host's llvm target.

``spec.py`` lowers an op to a :class:`TvmSpec`; ``mask.py`` turns masks into per-row
key intervals; ``script.py`` holds the text builder and the vectorizable exp2/tanh;
``emit.py`` the kernel signatures (dense, and per sequence: packed, paged, ``kv_lens``)
and shared pieces; ``quant.py`` the loads of quantized K/V (codes dequantized in the
kernel); ``prefill.py`` and ``decode.py``
the two kernel bodies; ``build.py`` compiles and caches on disk; ``op.py`` runs IR
ops on torch tensors; ``backend.py`` is the backend object. Every TensorIR line kvcc
emits for TVM is in this folder. Importing it does not import TVM.
"""

from kvcc.codegen.tvm.spec import TvmSpec, UnsupportedAttention, lower

__all__ = ["TvmSpec", "UnsupportedAttention", "lower"]
