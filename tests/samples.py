"""Sample texts and corpus locations shared by the tests."""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
# The shared data (corpus/, seeds/): $SEARCHKIT_SHARED, else ../shared beside the repository.
SHARED = Path(os.environ.get("SEARCHKIT_SHARED") or REPO.parent / "shared")
GOV_REPORTS = SHARED / "corpus" / "gov-work-reports"
METADATA_DEV = SHARED / "corpus" / "metadata-dev"


def indexed_files(folder: Path, files: dict[str, str]):
    """The open index (built in ``folder``/ix) of ``files`` (name -> text), written as UTF-8 under
    ``folder``/corpus: for a fixture to yield from."""
    import searchkit

    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    searchkit.update_index([corpus], folder / "ix")
    with searchkit.open_index(folder / "ix") as index:
        yield index


def missing(path: Path) -> str:
    """Why a test that needs ``path`` is skipped, and how to give it the data."""
    return f"{path} is not here (put the shared data at {REPO.parent / 'shared'} or set SEARCHKIT_SHARED)"

SPEECH = """关于发展电子商务的讲话
　　中国人民银行发布了新的支付规定，人民银行的改革继续推进。
　　我们要大力发展电子商务，促进就业。电子商务是新经济的象征。
　　马克思主义是我们的指导思想，马克也是一个名字。
　　人工智能（ＡＩ）和AI+行动，推动5G网络建设，增长3.5%。
"""

TRADITIONAL = """發展電子商務的報告
　　我們要大力發展電子商務，擴大就業。
"""


