import sys

if __name__ == "__main__":
    # Before the command line's own imports: an import's worker server warms up meanwhile.
    from janalyq.worker_server import start_early

    start_early(sys.argv[1:])

from janalyq.cli import app  # noqa: E402

# Guarded: worker processes of a parallel import re-import the main module, and must not run
# the command line again.
if __name__ == "__main__":
    app(prog_name="janalyq")
