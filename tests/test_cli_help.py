"""Every command's --help fits an 80-column terminal, counting a Chinese character as two columns
(click wraps by characters, so a long Chinese example spilled `]` onto a line of its own)."""

from __future__ import annotations

import pytest
import typer
from rich.cells import cell_len
from typer.testing import CliRunner

from searchkit.cli import app

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_fits_80_columns(command):
    args = ([command] if command else []) + ["--help"]
    result = runner.invoke(app, args, env={"COLUMNS": "80"}, terminal_width=80)
    assert result.exit_code == 0, result.output
    wide = [line for line in result.stdout.splitlines() if cell_len(line) > 80]
    assert wide == []
    assert not any(line.strip() in ("]", ").", ")") for line in result.stdout.splitlines())
