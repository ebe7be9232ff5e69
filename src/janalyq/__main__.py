"""`janalyq` and `python -m janalyq`: the command line, with an import's worker server started
before the command line's own imports (`worker_server.start_early`), so that both warm up at once."""

import sys


def main() -> None:
    from janalyq.worker_server import start_early

    start_early(sys.argv[1:])
    from janalyq.cli import app

    app(prog_name="janalyq")


# Guarded: worker processes of a parallel import re-import the main module, and must not run
# the command line again.
if __name__ == "__main__":
    main()
