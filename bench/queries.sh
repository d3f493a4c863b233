# The query mix of benchmark c (sourced by bench/serve.sh). Each entry: name|kg path+query|raw path+query|Accept.
# Persons, camps and dates exist in every registry `kg synth --seed 1` writes.
J='PREFIX jpow: <https://w3id.org/jpow-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> '
P='<https://w3id.org/jpow-kg/id/person/syn-p0000042>'
POINT="SELECT ?p ?o WHERE { $P ?p ?o }"
DESCRIBE="DESCRIBE $P"
AGG="${J}SELECT ?camp (COUNT(DISTINCT ?p) AS ?n) WHERE { ?d a jpow:Detention ; jpow:camp ?camp ; jpow:participant ?p } GROUP BY ?camp ORDER BY DESC(?n)"
RANGE="${J}SELECT ?r ?date WHERE { ?r a jpow:Repatriation ; jpow:date ?date FILTER(?date >= \"1949-06-01\"^^xsd:date && ?date < \"1949-07-01\"^^xsd:date) } LIMIT 100"
JOIN="${J}SELECT ?x ?date WHERE { ?x a jpow:Death ; jpow:camp ?c ; jpow:date ?date . ?c jpow:location <https://w3id.org/jpow-kg/id/place/karaganda> } LIMIT 100"
LABEL="${J}SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(STRSTARTS(?l, \"Tanaka Ichiro\")) } LIMIT 20"
