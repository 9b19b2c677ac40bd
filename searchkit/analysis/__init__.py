"""Analysis: normalize (offset-preserving) → tokenize (jieba words) → the Whoosh analyzer of the word field."""

from .lexicon import LexiconSegmenter
from .normalize import has_traditional, normalize
from .tokenizers import HAN, WordTokenizer, pieces, segment

__all__ = ["HAN", "LexiconSegmenter", "WordTokenizer", "has_traditional", "normalize", "pieces", "segment"]
