"""Sample texts and corpus locations shared by the tests."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GOV_REPORTS = REPO.parent / "shared" / "corpus" / "gov-work-reports"

SPEECH = """关于发展电子商务的讲话
　　中国人民银行发布了新的支付规定，人民银行的改革继续推进。
　　我们要大力发展电子商务，促进就业。电子商务是新经济的象征。
　　马克思主义是我们的指导思想，马克也是一个名字。
　　人工智能（ＡＩ）和AI+行动，推动5G网络建设，增长3.5%。
"""

TRADITIONAL = """發展電子商務的報告
　　我們要大力發展電子商務，擴大就業。
"""


