"""Golden vectors for the answer engine's Porter stemmer: every distinct word of the shipped
courses and assessments, plus Porter's own examples, stemmed by the Snowball project's
`porter` stemmer (PyPI snowballstemmer, the original 1980 algorithm).

    python make_porter.py ROOT OUT.tsv
"""
import pathlib
import re
import sys

import snowballstemmer

root = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
words = set()
for folder in ("Courses", "Assessments"):
    for path in sorted((root / folder).rglob("*")):
        if path.suffix in (".md", ".yaml", ".yml"):
            words.update(re.findall(r"[a-z]+", path.read_text(encoding="utf-8").lower()))
# Examples from Porter's paper, one or more per rule.
words.update("""caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized
hopping tanned falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci
digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism
decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti
electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible irritant
replacement adjustment dependent adoption homologou communism activate angulariti homologous effective bowdlerize
probate rate cease controll roll generalizations oscillators""".split())
stemmer = snowballstemmer.stemmer("porter")
with out.open("w", encoding="utf-8") as f:
    f.write("# word\tporter stem (snowballstemmer %s 'porter'); made by scripts/golden/make_porter.py\n" % "3.1.1")
    for word in sorted(words):
        f.write(f"{word}\t{stemmer.stemWord(word)}\n")
print(f"{len(words)} words -> {out}")
