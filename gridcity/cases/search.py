"""Finding cases by a word of their description or address, without reading a million rows.

A LIKE '%word%' cannot use a B-tree index: for a word that few cases contain, PostgreSQL reads
every case to find out (a third of a second at 1,000,000 cases). Chinese has no spaces between
words, so the index is built on character pairs (bigrams, as search engines' CJK analysers do):
every case gets a row of ``CaseText`` holding the distinct pairs of its text, indexed with GIN
on PostgreSQL. Any text containing a word contains all of the word's pairs, so the cases whose
pairs include the word's pairs are a superset of the matches, and the caller still applies the
LIKE to that short list of candidates.

A word found in very many cases is better served the old way — PostgreSQL walks the cases newest
first and stops at the first page — so ``candidates`` gives up beyond a limit. SQLite serves a
county of a few hundred thousand cases well with the LIKE alone and has no GIN: there the
function answers None and the caller scans.
"""

from django.db import connection

from .models import CaseText

# Beyond this many candidates the word is common: the ordered scan finds a page of it sooner.
CANDIDATE_LIMIT = 5000


def bigrams(text):
    """The distinct lower-case character pairs of ``text``, pairs across white space left out.

    >>> sorted(bigrams("井盖 破损"))
    ['井盖', '破损']
    """
    pairs = set()
    for word in text.lower().split():
        pairs.update(word[i : i + 2] for i in range(len(word) - 1))
    return pairs


def index_text(case):
    """The ``CaseText`` row of a new case (not saved)."""
    return CaseText(case_id=case.pk, bigrams=" ".join(sorted(bigrams(f"{case.description} {case.address}"))))


def candidates(text, limit=CANDIDATE_LIMIT):
    """Ids of the cases that may contain ``text``; None when scanning is the better plan."""
    if connection.vendor != "postgresql":
        return None
    pairs = bigrams(text)
    if not pairs:  # one character: nearly every case has it
        return None
    table = connection.ops.quote_name(CaseText._meta.db_table)
    # The same expression as the GIN index of migration 0004, so the index serves it.
    sql = f"SELECT case_id FROM {table} WHERE string_to_array(bigrams, ' ') @> %s::text[] LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [sorted(pairs), limit + 1])
        ids = [row[0] for row in cursor.fetchall()]
    return None if len(ids) > limit else ids
