"""`rostersync rotate-token-key`: the stored Clever tokens move to the newest token key."""

from __future__ import annotations

import click

from adapters.cli import wiring
from adapters.cli.context import CliError, friendly_errors
from adapters.sqlalchemy.tokens import TokenKeyError


@click.command("rotate-token-key")
def rotate_token_key() -> None:
    """Re-encrypt every stored Clever token with the first key of ROSTERSYNC_TOKEN_KEY.

    To rotate: set ROSTERSYNC_TOKEN_KEY=NEW,OLD everywhere and restart, run this command once,
    then remove OLD. Nothing changes if any stored token cannot be read with the given keys.
    """
    with friendly_errors():
        services = wiring.services()
        try:
            rotated = services.extras["token_store"].reencrypt_all()
        except TokenKeyError as exc:
            raise CliError(f"{exc}; no token was changed") from None
    click.echo(f"{rotated} stored Clever tokens now encrypted with the first key")
