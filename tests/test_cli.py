"""The command line: every command has help, errors name their input."""

from __future__ import annotations

import json

import pytest

from scraper.cli import COMMANDS, build_parser, main


def _subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", _subcommands())
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`scraper COMMAND --help` prints a description and exits 0."""
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert len(capsys.readouterr().out) > 100


def test_commands_registered() -> None:
    """Each command module registers one subcommand."""
    assert len(_subcommands()) == len(COMMANDS)


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """`scraper schema` prints the Article JSON Schema."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Article"
    assert "figures" in schema["properties"]


def test_extract_goes_on_after_a_bad_input(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A missing file is named on stderr, the other inputs still give records, exit is 1."""
    page = tmp_path / "a.html"
    page.write_text("<html><body><h1>T</h1><p>Some text here.</p></body></html>", "utf-8")
    code = main(["extract", str(tmp_path / "missing.html"), str(page)])
    captured = capsys.readouterr()
    assert code == 1
    assert "missing.html" in captured.err
    assert len(captured.out.splitlines()) == 1
