"""Analysis: normalize (offset-preserving) → tokenize (jieba words; Han bigrams) → Whoosh analyzers."""

from .normalize import normalize
from .tokenizers import HAN, GramTokenizer, WordTokenizer, pieces, segment

__all__ = ["HAN", "GramTokenizer", "WordTokenizer", "normalize", "pieces", "segment"]
