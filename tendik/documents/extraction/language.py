"""Which language a text is in: ru, ky, kk, en, or und (unsupported or unknown).

No model: the Kazakh-only letters, the letters Kyrgyz and Kazakh share, Tajik and Uzbek Cyrillic
letters, and a few very frequent function words per language are enough to tell these apart in
documents from the region. The Russian rules must not run over Kyrgyz or Kazakh text, so a
document only counts as Russian when its Russian lines outweigh every other language's.
"""

from __future__ import annotations

import re

# Letters of words: Cyrillic and Latin runs; the Uzbek Latin apostrophes (oʻ gʻ o' g') stay inside.
_WORD = re.compile(r"[^\W\d_]+(?:['ʻʼ‘’][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһіӣӯҳҷўїєґ]")
_LATIN = re.compile(r"[a-z]")

_KK_LETTERS = re.compile(r"[әұһ]")  # Kazakh only: never in Kyrgyz, Russian, Tajik, Ukrainian
# Kazakh, but also Tajik and Uzbek Cyrillic (ғ қ) or Ukrainian (і); with a Turkic letter, Kazakh.
_KK_LIKELY = re.compile(r"[ғқі]")
_SHARED_LETTERS = re.compile(r"[ңөү]")  # Kyrgyz and Kazakh
_TURKIC = re.compile(r"[ғқңөү]")
# Tajik (ӣ ӯ ҳ ҷ), Uzbek Cyrillic (ў ҳ), Ukrainian (ї є ґ, whose і would pass for Kazakh).
_OTHER_LETTERS = re.compile(r"[ӣӯҳҷўїєґ]")
_UZ_LATIN = re.compile(r"[og]['ʻʼ‘’](?![st]\b)")
# Kyrgyz genitive endings after a back vowel («Республикасынын», «жолун») or «-инин».
_KY_GENITIVE = re.compile(r"(?:[ыуү][ндт][ыуү]н|инин)$")
_RU_ENDINGS = re.compile(r"(?:ого|его|ых|ими|ыми|ость|ости|ение|ения|ании|ться|ется|ются|ции|ция)$")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_STOP = {
    "ru": _words("и в не на что с по для это был была были также как из к о от года году а за при "
                 "его ее её их которые который которая после о об со во"),
    "ky": _words("жана менен үчүн боюнча бул деп жөнүндө болуп жылы эле дагы ошондой кийин болот "
                 "керек тарабынан аялдар алар анын"),
    "kk": _words("және мен үшін бойынша бұл деп туралы болып жылы сондай кейін болады керек "
                 "тарапынан арқылы әйелдер олар оның"),
    "en": _words("the and of to in for with on is are was were by an that this from as at be it "
                 "has have will"),
    # Tajik, Uzbek (Cyrillic and Latin) and Ukrainian: recognised only to be refused.
    "und": _words("ва дар ки бо аз барои ба мебошад ҳам билан учун бўйича va bilan uchun ham "
                  "bo'yicha boʻyicha yilda hamda esa та що це від і з які який її також щодо між було"),
}

_MIN_WORDS = 4  # shorter lines (headlines, widgets, names) do not vote on the whole text


def _is_lower(word: str) -> bool:
    """Proper names are capitalised: a Kazakh name in a Russian sentence is no Kazakh evidence."""
    return word[:1].islower() or word.isupper()


def _scores(words: list[str]) -> dict[str, float]:
    score = dict.fromkeys(("ru", "ky", "kk", "en", "und"), 0.0)
    for word in words:
        lower = word.lower()
        for language, stop in _STOP.items():
            if lower in stop:
                score[language] += 1
        if not _is_lower(word):
            continue
        if _OTHER_LETTERS.search(lower) or _UZ_LATIN.search(lower):
            score["und"] += 1
        elif _KK_LETTERS.search(lower) or ("і" in lower and _TURKIC.search(lower)):
            score["kk"] += 1
        elif _KK_LIKELY.search(lower):
            score["kk"] += 0.5
        elif _SHARED_LETTERS.search(lower) or _KY_GENITIVE.search(lower):
            score["ky"] += 1
        elif _RU_ENDINGS.search(lower):
            score["ru"] += 0.5
    return score


def _decide(words: list[str]) -> str | None:
    """The unit's language, or None when nothing in it says which."""
    if not words:
        return None
    latin, cyrillic = _scripts(words)
    if latin + cyrillic <= len(words) / 2:
        return "und"  # Greek, Arabic, Chinese…: no language this tool reads
    score = _scores(words)
    if latin > cyrillic:
        if score["en"] > score["und"]:
            return "en"
        if score["und"] or len(words) >= _MIN_WORDS or not all(word.isascii() for word in words):
            return "und"
        return None
    turkic = score["ky"] + score["kk"]
    best = max(score["ru"], turkic, score["und"])
    if best == 0:
        return None
    if best == score["und"]:
        return "und"
    if best == score["ru"]:
        return "ru"
    # Kyrgyz has none of the Kazakh-only letters, so a few of them outweigh more shared ones.
    return "kk" if 2 * score["kk"] >= score["ky"] else "ky"


def _scripts(words: list[str]) -> tuple[int, int]:
    """How many words are Latin and how many Cyrillic."""
    latin = sum(1 for word in words if _LATIN.match(word.lower()))
    return latin, sum(1 for word in words if _CYRILLIC.match(word.lower()))


def _default(words: list[str]) -> str:
    """A unit without evidence: Cyrillic is taken for Russian, short ASCII text for English."""
    latin, cyrillic = _scripts(words)
    if cyrillic and cyrillic >= latin:
        return "ru"
    return "en" if latin and all(word.isascii() for word in words) else "und"


def unit_language(text: str) -> str:
    """The language of one line or sentence."""
    words = _WORD.findall(text)
    return _decide(words) or _default(words)


def detect_language(text: str) -> str:
    """The language of a whole text: the language of most letters among its lines that say
    which, short lines left out while longer ones exist."""
    lines = [_WORD.findall(line) for line in text.splitlines()]
    lines = [words for words in lines if words]
    if not lines:
        return "und"
    long_lines = [words for words in lines if len(words) >= _MIN_WORDS] or lines
    votes: dict[str, int] = {}
    for words in long_lines:
        language = _decide(words)
        if language:
            votes[language] = votes.get(language, 0) + sum(len(word) for word in words)
    if votes:
        return max(sorted(votes), key=votes.__getitem__)
    return _default([word for words in long_lines for word in words])
