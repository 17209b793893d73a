"""`flask --app app sheets …`: set up, check, export and import the spreadsheet."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from sheetsapi import transfer
from sheetsapi.checks import sheet_problems
from sheetsapi.errors import StorageUnavailable

sheets = AppGroup("sheets", help="Set up, check, export and import the spreadsheet.")


def _office():
    return current_app.extensions["sheetsapi"]


@sheets.command("init")
def init_command() -> None:
    """Create missing tabs, headers, dropdowns and the reports tab; touch no row."""
    changes = _run(lambda: _office().uow.store.initialise())
    for change in changes:
        click.echo(change)
    click.echo(f"{len(changes)} change(s)." if changes else "Nothing to do: the sheet is set up.")
    _office().uow.invalidate()


def _warn_if_just_created() -> bool:
    """Say so when this very command made the local store: DATA_DIR may be mistyped."""
    store = _office().uow.store
    if getattr(store, "just_made_with_demo_data", False):
        click.echo(f"Note: there was no local store at {store.path}; a new one with demo "
                   f"data was made. Is DATA_DIR right?", err=True)
        return True
    return False


@sheets.command("check")
def check_command() -> None:
    """List every problem in the sheet as `tab, row N, column: what (value)`; exit 1 if any."""
    _warn_if_just_created()

    def find():
        with _office().uow.reading() as book:
            return sheet_problems(book)

    problems = _run(find)
    for problem in problems:
        click.echo(str(problem))
    click.echo(f"{len(problems)} problem(s)." if problems else "No problems found.")
    raise SystemExit(1 if problems else 0)


@sheets.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def export_command(path: Path) -> None:
    """Write every tab to an .xlsx workbook."""
    _warn_if_just_created()
    counts = _run(lambda: transfer.export_workbook(_office().uow.store, path))
    click.echo(f"Wrote {sum(counts.values())} rows in {len(counts)} tabs to {path}.")


@sheets.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True,
              help="Local store only: drop the rows already there (demo data, say) first.")
def import_command(path: Path, replace: bool) -> None:
    """Fill the store's empty tabs from an .xlsx workbook made by `sheets export`."""
    store = _office().uow.store
    # Demo data this very command put into a new local store is nobody's: replace it.
    replace = replace or getattr(store, "just_made_with_demo_data", False)
    counts = _run(lambda: transfer.import_workbook(store, path, replace=replace))
    _office().uow.invalidate()
    click.echo(f"Imported {sum(counts.values())} rows in {len(counts)} tabs from {path}.")


def _run(action):
    """Run a command's work, turning what can go wrong into one line and exit code 2."""
    try:
        return action()
    except (StorageUnavailable, ValueError, OSError) as error:
        raise click.ClickException(str(getattr(error, "message", error))) from error
