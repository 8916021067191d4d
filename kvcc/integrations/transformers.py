"""Hugging Face transformers (5.x) on kvcc: ``attn_implementation="kvcc"`` and ``KVCCCache``.

::

    import kvcc
    from transformers import AutoModelForCausalLM
    model = AutoModelForCausalLM.from_pretrained(name, attn_implementation="kvcc")
    out = model.generate(ids, attention_mask=am, max_new_tokens=32)        # kvcc.attention
    from kvcc.integrations.transformers import KVCCCache
    cache = KVCCCache(model.config, max_cache_len=1024, kv_format=kvcc.quant.int8())
    out = model.generate(ids, attention_mask=am, max_new_tokens=32, past_key_values=cache)

``"kvcc"`` is registered with transformers' ``AttentionInterface`` (the attention
function, :mod:`kvcc.integrations.hf_attention`) and ``AttentionMaskInterface`` (the
mask function, :mod:`kvcc.integrations.hf_masks`): models build their masks as kvcc
masks (causal, sliding windows, padding as a per-key selection), and every attention
call runs ``kvcc.attention`` with the module's ``scaling``, ``softcap=`` and GQA heads;
what kvcc cannot express falls back to a plain torch attention, logged once. ``import
kvcc`` registers the name when transformers loads (kvcc/integrations/__init__.py: a
post-import hook, since importing transformers costs seconds); importing this module
imports transformers and registers it at once.

:func:`register` adds names with other options, e.g. ``register("kvcc_triton",
backend="triton")`` to run the generated kernels where ``auto`` would pick the reference
(on a CPU under ``TRITON_INTERPRET=1``). :class:`KVCCCache` keeps K/V in a paged
:class:`kvcc.KVCache` (plain or quantized) and decodes through its planned steps
(:mod:`kvcc.integrations.hf_cache`).
"""

from __future__ import annotations

from transformers.masking_utils import AttentionMaskInterface
from transformers.modeling_utils import AttentionInterface

from kvcc.integrations.hf_attention import (
    DEFAULT_NAME,
    REGISTERED,
    HFOptions,
    attention_forward,
    register_attention,
)
from kvcc.integrations.hf_cache import KVCCCache
from kvcc.integrations.hf_masks import HFMask, kvcc_mask_function, register_mask


def register(name: str = DEFAULT_NAME, *, backend: str = "auto",
             pipeline: str = "simplify-masks") -> str:
    """Register kvcc's attention and mask functions with transformers under ``name``
    (run with ``backend`` and the pass ``pipeline``); returns the name, for
    ``attn_implementation=``. Registering a name again replaces its options."""
    if not isinstance(name, str) or not name or "/" in name or ":" in name:
        raise ValueError(f"name must be a non-empty string without '/' or ':' (transformers "
                         f"reads those as hub kernels), got {name!r}")
    options = HFOptions(backend, pipeline)
    register_attention(AttentionInterface, name, options)
    register_mask(AttentionMaskInterface, name)
    return name


if DEFAULT_NAME not in REGISTERED or DEFAULT_NAME not in AttentionMaskInterface._global_mapping:
    register(DEFAULT_NAME)

__all__ = ["HFMask", "HFOptions", "KVCCCache", "attention_forward", "kvcc_mask_function",
           "register"]
