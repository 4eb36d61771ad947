"""DWC's category of a requested item, read from the item's own words.

The words are package data, ``treatment_categories.json`` beside this module: drug
names (brand and generic) by pharmacological class, and the words of services and
devices by DWC category and subcategory. The file is read once, when this module is
first imported, into immutable tables; reading an item is then pure.

How an item is read (``docs/categories.md`` says it for people):

1. The item is cut into lower-case words (``'EMG/NCV'`` is ``emg ncv``); a leading
   ``Associated surgical service:`` is set aside.
2. At each word the longest vocabulary term that starts there is taken, left to right.
   Words such as ``extended release`` or ``pre-op`` are taken and mean nothing, so that
   ``release`` and ``operative`` in them name no surgery.
3. An injection term wins over every other term (``Toradol injection`` is an injection).
   Otherwise the first term decides: a service, or the drugs.
4. A service that names only its category (``surgery``) takes its subcategory from a
   later term of the same category, or from an ``unless`` rule of the vocabulary
   (``lumbar`` + ``surgery`` is Spine; a consultation with a surgeon is a Surgical
   Consult).
5. Drugs: a drug that is not an opioid and is written with a topical form (gel, cream,
   patch) is a Topical Analgesic; several drugs in one topical item, or a product made
   of several, is a Topical Compound. Acetaminophen beside another drug does not count
   (Tylenol with codeine is an opioid). Drugs of several classes in one oral item give
   no category.
6. No term: no category. An item of an associated surgical service that names nothing
   the vocabulary knows is an Adjunct Surgical Service, as the letter says.

>>> read_category("Norco 10/325mg #120")
(RequestCategory(category=<TreatmentCategory.PHARMACEUTICALS: 'Pharmaceuticals'>, \
subcategory=<TreatmentSubcategory.OPIOIDS: 'Opioids'>, drug_class=<DrugClass.OPIOID: 'opioid'>), \
None)
>>> read_category("Sit-stand workstation")
(None, "no word of 'Sit-stand workstation' names a drug or a service that imrparse knows")
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Mapping, Sequence
from importlib import resources
from types import MappingProxyType
from typing import Any

from attrs import frozen

from imrparse.models import (
    _SUBCATEGORIES,
    DrugClass,
    RequestCategory,
    TreatmentCategory,
    TreatmentSubcategory,
)

__all__ = ["VOCABULARY_FILE", "read_category", "subcategories"]

#: The package data file that holds the vocabulary.
VOCABULARY_FILE = "treatment_categories.json"

# Items are short, but a hostile one is not: only this many characters are read.
_MAX_ITEM_CHARS = 2_000
_WORD = re.compile(r"[a-z0-9]+")
# An ASCII text's letters lowered and every other character but a digit made a space:
# its words are then those of ``_WORD``, cut by ``str.split`` (a translation of ASCII
# text is a table look-up a character, cheaper than a pattern's search for each word).
_ASCII_WORDS = str.maketrans(
    dict.fromkeys(range(128), " ")
    | {letter: letter.lower() for letter in string.ascii_letters}
    | {digit: digit for digit in string.digits}
)
_ASSOCIATED = ("associated", "surgical")


# The categories are built once, with the tables: a RequestCategory is immutable, and
# building one costs more than the rest of reading most items' category.


@frozen
class _Service:
    # What the service's terms name; its subcategory may be None ("surgery").
    named: RequestCategory
    first: bool
    # (words that must appear anywhere, what the service then names instead), in order.
    unless: tuple[tuple[frozenset[tuple[str, ...]], RequestCategory], ...]


@frozen
class _Drug:
    name: tuple[str, ...]
    drug_class: DrugClass


@frozen
class _Ignored:
    pass


_Entry = _Service | _Drug | _Ignored


@frozen
class _Vocabulary:
    # First word -> terms that start with it, longest first.
    terms: Mapping[str, tuple[tuple[tuple[str, ...], _Entry], ...]]
    # The keys of ``terms``: a set answers "does a term start here?" faster than a mapping.
    first_words: frozenset[str]
    subcategories: Mapping[TreatmentCategory, tuple[TreatmentSubcategory, ...]]
    # What a drug of each class is, taken by mouth and as a topical analgesic.
    drug_categories: Mapping[DrugClass, RequestCategory]
    topical_categories: Mapping[DrugClass, RequestCategory]
    topical_forms: frozenset[tuple[str, ...]]
    topical_products: frozenset[tuple[str, ...]]
    compound_words: frozenset[tuple[str, ...]]
    systemic_classes: frozenset[DrugClass]


def _words(text: str) -> tuple[str, ...]:
    if text.isascii():
        return tuple(text.translate(_ASCII_WORDS).split())
    return tuple(_WORD.findall(text.lower()))


def _subcategory(
    subcategories: Mapping[TreatmentCategory, tuple[TreatmentSubcategory, ...]],
    category: TreatmentCategory,
    name: str | None,
) -> TreatmentSubcategory | None:
    if name is None:
        return None
    subcategory = TreatmentSubcategory(name)
    if subcategory not in subcategories[category]:
        raise ValueError(f"{VOCABULARY_FILE}: {name!r} is not a subcategory of {category.value!r}")
    return subcategory


def _named(
    subcategories: Mapping[TreatmentCategory, tuple[TreatmentSubcategory, ...]],
    category: TreatmentCategory,
    data: Mapping[str, Any],
) -> RequestCategory:
    """What a service, or a rule of it, names: ``category`` and the data's subcategory."""
    return RequestCategory(
        category=category, subcategory=_subcategory(subcategories, category, data["subcategory"])
    )


def _load(data: Mapping[str, Any]) -> _Vocabulary:
    """Build the tables from the file's data, checking it against the enums."""
    tree = _SUBCATEGORIES
    index: dict[str, list[tuple[tuple[str, ...], _Entry]]] = {}

    def add(term: str, entry: _Entry) -> None:
        words = _words(term)
        if not words:
            raise ValueError(f"{VOCABULARY_FILE}: the term {term!r} has no words")
        index.setdefault(words[0], []).append((words, entry))

    for class_name, names in data["drugs"].items():
        drug_class = DrugClass(class_name)
        for name in names:
            add(name, _Drug(_words(name), drug_class))
    for service in data["services"]:
        category = TreatmentCategory(service["category"])
        unless = tuple(
            (
                frozenset(_words(term) for term in rule["terms"]),
                _named(tree, TreatmentCategory(rule.get("category", category.value)), rule),
            )
            for rule in service.get("unless", ())
        )
        entry = _Service(_named(tree, category, service), service.get("first", False), unless)
        for term in service["terms"]:
            add(term, entry)
    for term in data["ignore"]:
        add(term, _Ignored())
    pharmaceuticals = TreatmentCategory.PHARMACEUTICALS
    drug_subcategories = {
        DrugClass(name): TreatmentSubcategory(sub)
        for name, sub in data["drug_class_subcategories"].items()
        if _subcategory(tree, pharmaceuticals, sub)
    }
    return _Vocabulary(
        terms=MappingProxyType(
            {
                first: tuple(sorted(terms, key=lambda term: -len(term[0])))
                for first, terms in index.items()
            }
        ),
        first_words=frozenset(index),
        subcategories=MappingProxyType(tree),
        drug_categories=MappingProxyType(
            {
                drug_class: RequestCategory(
                    category=pharmaceuticals,
                    subcategory=drug_subcategories.get(drug_class),
                    drug_class=drug_class,
                )
                for drug_class in DrugClass
            }
        ),
        topical_categories=MappingProxyType(
            {
                drug_class: RequestCategory(
                    category=pharmaceuticals,
                    subcategory=TreatmentSubcategory.TOPICAL_ANALGESICS,
                    drug_class=drug_class,
                )
                for drug_class in DrugClass
            }
        ),
        topical_forms=frozenset(_words(term) for term in data["topical_forms"]),
        topical_products=frozenset(_words(term) for term in data["topical_products"]),
        compound_words=frozenset(_words(term) for term in data["compound_words"]),
        systemic_classes=frozenset(DrugClass(name) for name in data["systemic_classes"]),
    )


_VOCABULARY = _load(
    json.loads(resources.files(__package__).joinpath(VOCABULARY_FILE).read_text("utf-8"))
)
_TOPICAL_COMPOUND = RequestCategory(
    category=TreatmentCategory.PHARMACEUTICALS,
    subcategory=TreatmentSubcategory.TOPICAL_COMPOUNDS,
    drug_class=DrugClass.COMPOUND,
)
_ADJUNCT_SURGICAL_SERVICE = RequestCategory(
    category=TreatmentCategory.SURGERY,
    subcategory=TreatmentSubcategory.ADJUNCT_SURGICAL_SERVICES,
)


def subcategories(category: TreatmentCategory) -> tuple[TreatmentSubcategory, ...]:
    """Give the subcategories of one DWC category, in DWC's order.

    >>> [s.value for s in subcategories(TreatmentCategory.INJECTION)]
    ['Facet Injection', 'Injection']
    """
    return _VOCABULARY.subcategories.get(category, ())


def _matches(words: tuple[str, ...]) -> list[_Entry]:
    """The entries of the longest term at each word, left to right (other words are skipped)."""
    found: list[_Entry] = []
    terms, first_words = _VOCABULARY.terms, _VOCABULARY.first_words
    at = 0  # the first word that no term found so far has taken
    for start, word in enumerate(words):
        # Most words begin no term: only those that do are looked at.
        if start < at or word not in first_words:
            continue
        for term, entry in terms[word]:
            # Terms are filed under their first word: a one-word term is that word.
            size = len(term)
            if size == 1 or words[start : start + size] == term:
                found.append(entry)
                at = start + size
                break
    return found


def _has(words: tuple[str, ...], terms: frozenset[tuple[str, ...]]) -> bool:
    """Whether one of ``terms`` is written in ``words``, word for word."""
    present = frozenset(words)
    for term in terms:
        if term[0] not in present:
            continue  # the term's first word is nowhere: the term cannot be there
        size = len(term)
        for at, word in enumerate(words):
            if word == term[0] and words[at : at + size] == term:
                return True
    return False


def _service(
    chosen: _Service, later: Sequence[_Service], words: tuple[str, ...]
) -> RequestCategory:
    named = chosen.named
    for terms, instead in chosen.unless:
        if _has(words, terms):
            named = instead
            break
    if named.subcategory is not None:
        return named
    # The category alone: a later service of the same category tells its subcategory.
    return next(
        (
            service.named
            for service in later
            if service.named.category is named.category and service.named.subcategory
        ),
        named,
    )


def _drugs(
    drugs: Sequence[_Drug], words: tuple[str, ...], item: str
) -> tuple[RequestCategory | None, str | None]:
    names = {drug.name for drug in drugs}
    classes = list(dict.fromkeys([drug.drug_class for drug in drugs]))
    if len(classes) > 1 and DrugClass.NON_OPIOID_ANALGESIC in classes:
        classes.remove(DrugClass.NON_OPIOID_ANALGESIC)
    systemic = all(drug_class in _VOCABULARY.systemic_classes for drug_class in classes)
    topical = not systemic and (
        _has(words, _VOCABULARY.topical_forms) or bool(names & _VOCABULARY.topical_products)
    )
    if topical and (
        len(names) > 1 or DrugClass.COMPOUND in classes or _has(words, _VOCABULARY.compound_words)
    ):
        return _TOPICAL_COMPOUND, None
    if len(classes) > 1:
        written = ", ".join(drug_class.value for drug_class in classes)
        return None, f"{item!r} names drugs of several classes ({written}); no category"
    (drug_class,) = classes
    named = _VOCABULARY.topical_categories if topical else _VOCABULARY.drug_categories
    return named[drug_class], None


def read_category(item: str) -> tuple[RequestCategory | None, str | None]:
    """Give DWC's category of a requested item, or why there is none.

    Args:
        item: The disputed item as the letter writes it.

    Returns:
        ``(category, None)``, or ``(None, reason)`` when the item does not say enough:
        it names nothing the vocabulary knows, or drugs of several classes.
    """
    words = _words(item[:_MAX_ITEM_CHARS])
    associated = words[:2] == _ASSOCIATED and words[2:3] in (("service",), ("services",))
    if associated:
        words = words[3:]
    services: list[_Service] = []
    drugs: list[_Drug] = []
    leading: _Service | _Drug | None = None  # the first term that names something
    first: _Service | None = None  # the first service that decides whatever else is named
    for entry in _matches(words):
        if isinstance(entry, _Service):
            services.append(entry)
            if first is None and entry.first:
                first = entry
        elif isinstance(entry, _Drug):
            drugs.append(entry)
        else:
            continue
        if leading is None:
            leading = entry
    if first is not None:
        return _service(first, services, words), None
    if isinstance(leading, _Service):
        return _service(leading, services[1:], words), None
    if drugs:
        return _drugs(drugs, words, item)
    if associated:
        return _ADJUNCT_SURGICAL_SERVICE, None
    return None, f"no word of {item!r} names a drug or a service that imrparse knows"
