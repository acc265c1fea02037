"""`python -m adapters.cli` is the same as `rostersync`."""

from adapters.cli.main import main

main()
