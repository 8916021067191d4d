"""kvcc: a compiler for attention.

``kvcc.attention(q, k, v, mask=kvcc.masks.causal())`` lowers a call to the kvcc
IR, runs the pass pipeline and executes it on the best available backend.
"""

from kvcc import masks
from kvcc.api import attention
from kvcc.backends import BackendUnavailable

__version__ = "0.1.0"

__all__ = ["BackendUnavailable", "__version__", "attention", "masks"]
