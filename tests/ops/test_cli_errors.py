"""Every `tiewise` failure is one line on stderr, `tiewise CMD: error: …`,
exit code 1; a traceback only with TIEWISE_DEBUG; Ctrl-C exits 130."""

from __future__ import annotations

import doctest
from typing import Any, NoReturn

import pytest

import tiewise.commands
from tiewise.cli import main


def fail_with(exc: BaseException) -> Any:
    def fail(*args: Any, **kwargs: Any) -> NoReturn:
        raise exc

    return fail


def test_an_unexpected_failure_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.delenv("TIEWISE_DEBUG", raising=False)
    boom = fail_with(RuntimeError("mail server said no\nand more"))
    monkeypatch.setattr("tiewise.upkeep.services.digest_send_all", boom)
    assert main(["remind"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "tiewise remind: error: RuntimeError: mail server said no and more\n"
    assert captured.out == ""


def test_tiewise_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIEWISE_DEBUG", "1")
    monkeypatch.setattr("tiewise.upkeep.services.digest_send_all", fail_with(RuntimeError("x")))
    with pytest.raises(RuntimeError):
        main(["remind"])


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.setattr("tiewise.upkeep.services.digest_send_all", fail_with(KeyboardInterrupt()))
    assert main(["remind"]) == 130
    assert capsys.readouterr().err == ""


@pytest.mark.django_db
def test_a_missing_user_is_one_line_naming_the_command(capsys: Any) -> None:
    assert main(["due", "--user", "ghost@example.org"]) == 1
    assert capsys.readouterr().err == "tiewise due: error: no user with email ghost@example.org\n"


def test_an_unknown_command_is_a_usage_error(capsys: Any) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["frobnicate"])
    assert stopped.value.code == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err


def test_a_bad_argument_names_the_command(capsys: Any) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["export", "--user", "a@example.org", "--format", "pdf"])
    assert stopped.value.code == 2
    assert "tiewise export: error: argument --format: invalid choice: 'pdf'" in (
        capsys.readouterr().err
    )


def test_the_helper_examples_hold() -> None:
    assert doctest.testmod(tiewise.commands).failed == 0
