"""Short names of organisations for lists where several are shown side by side."""

from collections import Counter

from tendik.core.i18n import localized, texts_of


def organisation_row(organisation) -> dict:
    """The fields `short_labels` reads, taken from an instance (territory selected with it)."""
    territory = organisation.territory if organisation.territory_id else None
    return {"id": organisation.pk, "acronym": organisation.acronym,
            **texts_of(organisation, "name"),
            **({f"territory__{k}": v for k, v in texts_of(territory, "name").items()}
               if territory else {})}


def _distinguishing(row: dict) -> str:
    territory = localized({k.removeprefix("territory__"): v for k, v in row.items()
                           if k.startswith("territory__")}, "name").text
    return territory or localized(row, "name").text


def short_labels(rows: list[dict]) -> dict[int, str]:
    """id → acronym, or the name in the reader's language when there is none.

    Seven oblast offices may share the acronym «ППП»; an acronym shared within `rows` is
    followed by the territory (or the full name) so the list never reads «ППП, ППП, ППП».
    """
    unique = {row["id"]: row for row in rows}.values()
    shared = Counter(row["acronym"] for row in unique if row["acronym"])
    labels = {}
    for row in unique:
        acronym = row["acronym"]
        if not acronym:
            labels[row["id"]] = localized(row, "name").text
        elif shared[acronym] > 1:
            labels[row["id"]] = f"{acronym} ({_distinguishing(row)})"
        else:
            labels[row["id"]] = acronym
    return labels
