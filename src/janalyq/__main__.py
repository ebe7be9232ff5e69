from janalyq.cli import app

app(prog_name="janalyq")
