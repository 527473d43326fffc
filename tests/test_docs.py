"""The README documents every command, and its two commands are the ones the project runs."""

from pathlib import Path

from harmwatch.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    import click

    names = cli.list_commands(click.Context(cli))  # the commands load lazily (cli/main.py COMMANDS)
    assert {"run", "extract", "serve"} <= set(names)
    missing = [name for name in names if f"harmwatch {name}" not in readme]
    assert not missing, f"undocumented commands: {missing}"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in readme and "scripts/test.sh" in ci
    assert "bash scripts/install.sh && .venv/bin/harmwatch run" in readme
    install = (ROOT / "scripts" / "install.sh").read_text(encoding="utf-8")
    # the locked pip first, then the locked, hashed dependencies, then the project without dependencies
    assert (install.index("lock_select.py --installer") < install.index("--require-hashes -c requirements/lock.txt")
            < install.index("--no-deps --no-build-isolation -e ."))
