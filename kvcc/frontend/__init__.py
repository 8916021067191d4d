"""Frontends: turn attention calls (and, as they land, model graphs) into kvcc IR."""

from kvcc.frontend.attention_call import AttentionCall, lower_attention_call

__all__ = ["AttentionCall", "lower_attention_call"]
