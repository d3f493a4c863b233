"""`python -m kg.extract.text.scoring GOLD DUMP...`: the shared gold_score.py command line."""

from kg.extract.text.scoring.report import main

main()
