"""Record linkage: which person records of the lists describe the same prisoner (issue 13).

`features` turns a record's names, as written in its script, and its other fields into comparable values (name
keys in one phonetic form for every script, `kg.names`); `model` scores candidate pairs with a Fellegi–Sunter
model (splink on DuckDB: blocking on name keys, m/u probabilities by EM); `curation` reads the curators'
accepted and rejected pairs; `clusters` joins linked records into persons; `rdf` writes persons, `jpow:recordOf`
and `jpow:RecordLink`s with their evidence; `run` does it all inside `kg build`. No record is merged away: every
record stays, linked to its person, and where the lists disagree is kept on each link.
"""
