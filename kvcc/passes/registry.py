"""The explicit table of passes, by name. Add a pass here to make it parseable."""

from __future__ import annotations

from kvcc.passes.base import Pass
from kvcc.passes.cascade import Cascade
from kvcc.passes.chunk_prefill import ChunkPrefill
from kvcc.passes.pack import Pack
from kvcc.passes.quantize_kv import QuantizeKV
from kvcc.passes.quest import Quest
from kvcc.passes.simplify_masks import SimplifyMasks
from kvcc.passes.split_kv import SplitKV
from kvcc.passes.streaming_heads import StreamingHeads

PASSES: dict[str, type[Pass]] = {p.name: p for p in (SimplifyMasks, SplitKV, ChunkPrefill,
                                                        QuantizeKV, Pack, Quest,
                                                        Cascade, StreamingHeads)}
