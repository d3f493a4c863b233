"""Score an RDF dump against a gold file (format pow-kg-extraction-gold/1), vocabulary-agnostic.

A vendored copy of ../shared/tools/gold_score.py, the team's reference scorer (issues 11 and 18): `kg eval` must
report the same figures as that script on the same inputs, and the package must not depend on a file beside the
checkout. The rules below are the script's, unchanged; only the layout differs (modules of one job each: `graph`
reads the store, `entities` and `relations` score, `report` prints, writes JSON and checks thresholds), type hints
were added, and in-memory dumps (`Dump`) are accepted beside files. tests/test_text_eval.py checks that both give
the same figures on the same dump. Change the rules in the shared script first, then here.

Function API: `score(gold, dumps, ontology_dir, context) -> Scores` (`Scores.lines(explain)`, `.write_json(path)`,
`.passes(Thresholds(...))`); `run(argv)` is the script's command line returning its exit code.

usage: python -m kg.extract.text.scoring GOLD.json DUMP [DUMP...] [--context DUMP]... [--ontology DIR]
           [--min-recall R] [--min-precision P] [--min-f1 F] [--min-relation-f1 F] [--explain N] [--json OUT]

What counts. The DUMPs are the extraction output; only what they assert is scored. --context DUMP (repeatable,
e.g. the curated build exported with `kg export --format trig`) lends names, types and classes and nothing else,
so an extractor that links a mention to the IRI of a curated entity need not repeat its label. A node is
"extracted" when it is the subject of a DUMP triple other than rdf:type and prov:*, or the object of one other
than rdf:type, prov:* and dcterms:source. The objects of dcterms:source and prov:* (the document the facts came
from) are not extracted entities unless a DUMP links them to another node by some other predicate.

Types. A class is described by the words of its local name and of its labels. A gold type applies when one of
its KEYWORDS is one of those words (a plural too). When the class's own words name several gold types, each
superclass that names some of them narrows the set to those (a "prisoner-of-war camp" under a camp class is a
Camp, not an Event; an "article" under a publication class is no Decree); a class whose words name none takes
the types of its superclasses. OWL/RDFS/RDF/SHACL classes are no types, and terms of the ontology given with
--ontology (classes; individuals such as units and qualifiers) are never entities. A node's types are those of
all its classes.

Entities. A node matches a gold entity of one of its types when one of its names (literals of any predicate
whose local name contains 'label', 'name', 'alias' or 'title') equals the gold label or a surface form after
normalisation (NFKC, case, quotes, punctuation, dashes, "No."/"№", a leading "the"/"a"). Event, Decree and
Publication labels are descriptions, not names: for these (and for statistics without a number) one containing
the other at word boundaries also matches when both have at least 8 characters. Names of persons, places, camps
and organisations must be equal: one name inside another is mostly another entity ("Democratic Party of Japan"
in "Liberal Democratic Party of Japan", "Russian Academy of Sciences" in one of its institutes).
A statistic matches by number: a numeric literal of the node equal to the gold quantity (a fraction also as a
percentage). A gold range [min, max] matches a number at either bound or inside it, so a dump that states one
bound, both, or a value within the range is right. A gold quantity of null ("hundreds of thousands") matches by
label as above. A node whose number equals several gold figures ("4 camps", "4 volumes") matches only those
that share most words with its names (gold label, surface forms, quantity as written, population). Qualifier
and unit are not judged.
Recall per type: non-optional gold entities matched by at least one extracted node. Precision: each extracted
node with a gold type counts once, correct when it matches any gold entity (optional ones too: the gold counts
those as hits when produced). Per type, a correct node counts under the type of the gold entity it matches, a
wrong one under each of its types.

Relations (each end a gold entity label or a literal). A gold relation is found when the DUMPs link a node
matched to its subject with a node matched to its object (or with a literal equal to the gold literal: the same
normalised text, one containing the other at word boundaries when both have >= 8 characters, equal numbers, or a
date that starts with the gold date) by one edge, or by two edges through one statement-like middle node, in
either direction. A middle is a node with no gold type (a reified statement, role or assertion) or an event,
matched or not (an event is an n-ary relation: "X visited Y" is a visit with participant X and place Y); it is
never another entity (Camp - Region - Country is no camp-country fact) nor a hub (more than 12 distinct
neighbours). Only DUMP edges count, never the context's; typing and provenance predicates (rdf:type,
rdfs:subClassOf, owl:equivalentClass, dcterms:source, prov:*) and ontology terms (units, qualifiers, classes) are
never edges or middles. Labels count as literals (a "full name" relation can be found in a label). Predicates
are not compared with the gold's relation words, which are free English, not a vocabulary: reading them would
need a table per ontology, and this scorer has none, so a right pair under a wrong predicate counts as found.
Recall is over the non-optional gold relations with at least one entity end (a literal-literal one has nothing
to anchor to). Precision is over the distinct pairs of extracted typed nodes that the DUMPs link by one edge, or
by two through a middle with no gold type (an entity in the middle, an event included, already stands for two
links of its own, so its neighbours are not also paired with each other). A pair is correct when its ends match
two gold entities joined by a gold relation (either direction, optional ones included) or by a field of one of
them that names the other (an event's place or participants, a decree's issuer, a statistic's place: the gold
keeps some relations only there); any other pair counts against. Literal-valued statements are not in
precision.

Prints per-type recall, precision and F1, relation recall, precision and F1, and last the line
"entity recall R (h/n), precision P (h/n), F1 F; relation F1 F"; exits 1 below a threshold. --explain N lists up
to N missed entities, wrong entities, missed relations and pairs that count against; --json OUT writes it all.
"""

from kg.extract.text.scoring.entities import Matcher, prf, score_entities
from kg.extract.text.scoring.graph import Dump, Graph, load, norm
from kg.extract.text.scoring.relations import score_relations
from kg.extract.text.scoring.report import Scores, Thresholds, main, read_gold, run, score

__all__ = ["Dump", "Graph", "Matcher", "Scores", "Thresholds", "load", "main", "norm", "prf", "read_gold", "run",
           "score", "score_entities", "score_relations"]
