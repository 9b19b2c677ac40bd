"""The documentation keeps up with the code: every command and option of the CLI is in docs/commands.md,
every relative link in README.md and docs/*.md resolves, and README.md stays a front door.

In the spirit of sqlite-utils' tests/test_docs.py. Pure file reading: no network, no index.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from searchkit.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
COMMANDS_MD = DOCS / "commands.md"
README = ROOT / "README.md"
README_MAX_LINES = 220

FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)


def _without_code_blocks(text: str) -> str:
    return FENCE.sub("", text)


# --- the command tree ------------------------------------------------------------------------------


def _walk(command, path: tuple[str, ...]):
    """(path, command) for the app and every command and group below it."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        if not getattr(sub, "hidden", False):
            yield from _walk(sub, path + (name,))


def _long_options(command) -> list[str]:
    names: list[str] = []
    for param in command.params:
        if param.param_type_name != "option" or getattr(param, "hidden", False):
            continue
        for opt in [*param.opts, *param.secondary_opts]:
            if opt.startswith("--") and opt != "--help" and opt not in names:
                names.append(opt)
    return names


TREE = list(_walk(typer.main.get_command(app), ("searchkit",)))
COMMANDS = [" ".join(path) for path, _ in TREE if len(path) > 1]
OPTIONS = [(" ".join(path), option) for path, command in TREE for option in _long_options(command)]
CHILDREN = {" ".join(path): set(getattr(command, "commands", {})) for path, command in TREE}


def _plain(heading: str) -> str:
    return re.sub(r"\s+", " ", heading.replace("`", "")).strip()


def _sections(text: str) -> list[tuple[int, str, str]]:
    """(level, heading text, body up to the next heading of the same or a higher level)."""
    text = _without_code_blocks(text)
    found = list(HEADING.finditer(text))
    sections = []
    for i, match in enumerate(found):
        level = len(match.group(1))
        end = len(text)
        for later in found[i + 1 :]:
            if len(later.group(1)) <= level:
                end = later.start()
                break
        sections.append((level, _plain(match.group(2)), text[match.end() : end]))
    return sections


def _names_command(heading: str, command: str) -> bool:
    """`## searchkit index` or `## searchkit (global options)`, but not `## searchkit index` for the app."""
    if heading == command:
        return True
    if not heading.startswith(command + " "):
        return False
    following = heading[len(command) + 1 :].split(" ", 1)[0]
    return following not in CHILDREN.get(command, set())


def _section_of(command: str) -> str | None:
    for _, heading, body in _sections(COMMANDS_MD.read_text(encoding="utf-8")):
        if _names_command(heading, command):
            return body
    return None


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented(command):
    text = COMMANDS_MD.read_text(encoding="utf-8")
    headings = [heading for _, heading, _ in _sections(text)]
    in_heading = any(_names_command(heading, command) for heading in headings)
    in_table = re.search(rf"^\|\s*`{re.escape(command)}(?:[ `])", _without_code_blocks(text), re.MULTILINE)
    assert in_heading or in_table, f"{command} is neither a heading nor a table row in docs/commands.md"


@pytest.mark.parametrize("command,option", OPTIONS)
def test_option_is_documented(command, option):
    section = _section_of(command)
    assert section is not None, f"docs/commands.md has no section headed `{command}` for its options"
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", section), (
        f"{command} {option} is not documented in its section of docs/commands.md"
    )


# --- links ---------------------------------------------------------------------------------------


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: the rendered text, lower-cased, punctuation dropped, spaces → '-'."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link renders as its text
    text = INLINE_CODE.sub(lambda m: m.group(2), text)
    text = re.sub(r"<[^>]+>", "", text).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = _without_code_blocks(path.read_text(encoding="utf-8"))
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    for match in HEADING.finditer(text):
        slug = _slug(match.group(2))
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    anchors.update(re.findall(r"<a\s+(?:id|name)=\"([^\"]+)\"", text))
    return anchors


MARKDOWN = [README, *sorted(DOCS.glob("*.md"))]


def _links() -> list[tuple[str, str]]:
    links = []
    for page in MARKDOWN:
        text = _without_code_blocks(page.read_text(encoding="utf-8"))
        text = INLINE_CODE.sub("", text)
        for target in LINK.findall(text):
            if re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):  # https:, mailto: …
                continue
            links.append((page.relative_to(ROOT).as_posix(), target))
    return links


LINKS = _links()


def test_there_are_links_to_check():
    assert len(LINKS) > 20
    assert any(page == "README.md" and target.startswith("docs/") for page, target in LINKS)


@pytest.mark.parametrize("page,target", LINKS)
def test_relative_link_resolves(page, target):
    source = ROOT / page
    file_part, _, anchor = target.partition("#")
    destination = (source.parent / file_part).resolve() if file_part else source
    assert destination.exists(), f"{page}: link to {target}: {file_part} does not exist"
    if anchor and destination.suffix == ".md":
        assert anchor in _anchors(destination), (
            f"{page}: link to {target}: no heading with the anchor #{anchor} in {file_part or page}"
        )


# --- the front door ------------------------------------------------------------------------------


def test_readme_is_short():
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= README_MAX_LINES, f"README.md has {lines} lines; at most {README_MAX_LINES}"


def test_readme_links_every_docs_page():
    targets = {target.partition("#")[0] for page, target in LINKS if page == "README.md"}
    for page in sorted(DOCS.glob("*.md")):
        assert f"docs/{page.name}" in targets, f"README.md does not link docs/{page.name}"


def test_readme_keeps_the_two_commands():
    """CI runs the README's test command (.ci/run); both stay in a bash block, as written."""
    text = README.read_text(encoding="utf-8")
    bash = "\n".join(re.findall(r"^```bash\n(.*?)^```", text, re.MULTILINE | re.DOTALL))
    assert re.search(r"^pip install \. && searchkit search 电子商务\b", bash, re.MULTILINE)
    assert re.search(r"^pip install \"\.\[test\]\" && python -m pytest\b", bash, re.MULTILINE)
