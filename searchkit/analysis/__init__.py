"""Analysis: normalize (offset-preserving) → tokenize (jieba words; Han bigrams) → Whoosh analyzers."""

from .lexicon import LexiconSegmenter
from .normalize import has_traditional, normalize
from .tokenizers import HAN, GramTokenizer, WordTokenizer, pieces, segment

__all__ = ["HAN", "GramTokenizer", "LexiconSegmenter", "WordTokenizer", "has_traditional", "normalize", "pieces", "segment"]
