"""Japanese personal names across scripts: kanji, kana, Hepburn, Kunrei, Polivanov Cyrillic and the clerks'
variants of it, for record linkage and the search index (one module, one job: read and write names).

Tables are data (kana.yaml: kana -> Hepburn, Kunrei, Polivanov; variants.yaml: other spellings read back);
context rules (ん, っ, ー, long vowels, Polivanov й) live in kana.py. Kanji readings come from fugashi +
unidic-lite (MIT/BSD, dictionary bundled, nothing downloaded); Russian declension from pymorphy3.

Speed of match_key uncached (one core of the 2-core dev box, Python 3.11, two-part names): kana 22 µs/name,
romaji 32 µs, Polivanov/clerk Cyrillic 36 µs, kanji 26 µs (fugashi's single best path; to_kana's n-best
candidates cost about 5 times more); so ~1.5M records take under a minute. The fugashi tagger is built once,
lazily (about 0.1 s), as is the pymorphy3 analyzer.
match_key keeps an LRU cache of 65,536 names, so repeated names cost a dictionary lookup."""

from .cyrillic import cyrillic_to_kana, polivanov
from .kana import has_kanji, hiragana
from .keys import kana_of, loose_key, match_key, unordered_key
from .labels import labels
from .readings import to_kana
from .romaji import hepburn, kunrei, romaji_to_kana
from .russian import nominative

__all__ = ["cyrillic_to_kana", "has_kanji", "hepburn", "hiragana", "kana_of", "kunrei", "labels", "loose_key", "match_key",
           "nominative", "polivanov", "romaji_to_kana", "to_kana", "unordered_key"]
