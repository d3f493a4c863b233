"""jpow-kg: a knowledge graph of the Japanese prisoners of war held in the USSR after the Second World War."""

__version__ = "0.1.0"
