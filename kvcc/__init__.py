"""kvcc: a compiler for attention.

``kvcc.attention(q, k, v, mask=kvcc.masks.causal())`` lowers a call to the kvcc
IR, runs the pass pipeline and executes it on the best available backend.
``kvcc.attention_varlen`` takes packed sequences (FlashAttention's layout) and
``kvcc.KVCache`` is a paged cache for decode loops, planned once per step;
``kvcc.pack_prompts`` prefills prompts bin-packed into one step and
``kvcc.MixedBatcher`` schedules decodes and prefill chunks into mixed steps;
``kvcc.CascadeStep(step)`` attends a planned step through the prefixes its
sequences share after ``fork`` (cascade attention).
"""

from kvcc import masks, quant
from kvcc.api import attention
from kvcc.autotune.artifacts import load_artifacts
from kvcc.backends import BackendUnavailable
from kvcc.integrations import install_transformers_hook as _install_transformers_hook
from kvcc.runtime import (
    CacheFull,
    CascadeStep,
    KVCache,
    MixedBatcher,
    attention_varlen,
    pack_prompts,
)

__version__ = "0.1.0"

# attn_implementation="kvcc" for transformers, registered when transformers loads (a
# post-import hook, as importing it here would cost seconds: kvcc/integrations/__init__.py)
_install_transformers_hook(attention)

__all__ = ["BackendUnavailable", "CacheFull", "CascadeStep", "KVCache", "MixedBatcher",
           "__version__", "attention", "attention_varlen", "load_artifacts", "masks", "pack_prompts",
           "quant"]
