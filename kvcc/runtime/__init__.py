"""What a serving loop holds: packed (varlen) attention, the paged KV cache and its
per-step plans. Calls the backends; is not part of any one of them."""

from kvcc.runtime.batching import MixedBatcher
from kvcc.runtime.cache import KVCache
from kvcc.runtime.cascade import CascadeStep
from kvcc.runtime.pages import CacheFull
from kvcc.runtime.prepack import pack_prompts
from kvcc.runtime.quest import Quest
from kvcc.runtime.step import Step
from kvcc.runtime.streaming import StreamingHeads
from kvcc.runtime.varlen import attention_varlen

__all__ = ["CacheFull", "CascadeStep", "KVCache", "MixedBatcher", "Quest", "Step", "StreamingHeads",
           "attention_varlen", "pack_prompts"]
