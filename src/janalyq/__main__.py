from janalyq.cli import app

# Guarded: worker processes of a parallel import re-import the main module, and must not run
# the command line again.
if __name__ == "__main__":
    app(prog_name="janalyq")
