"""What a commitment's page shows, in the reader's language."""

from tendik.core.i18n import localized

from .forms import ProgressForm
from .reference import action_area
from .selectors import latest_progress


def commitment_page(commitment) -> dict:
    text = localized(commitment, "text")
    return {"commitment": commitment, "text": text.text, "text_fallback": text.is_fallback,
            "area": action_area(commitment.action_coalition, commitment.action_area),
            "progress": sorted(commitment.progress.all(), key=lambda row: -row.year),
            "latest": latest_progress(commitment)}


def commitment_initial(commitment) -> dict:
    fields = ("country", "made_by", "framework", "action_coalition", "action_area",
              "cedaw_item", "made_on", "target_date", "status", "version",
              *(f"{prefix}_{language}" for prefix in ("title", "text")
                for language in ("ru", "ky", "kk", "en")))
    return {**{name: getattr(commitment, name) for name in fields},
            "measures": list(commitment.measures.all()),
            "indicators": list(commitment.indicators.all())}


def progress_forms(commitment) -> list[tuple]:
    """One form per saved year, filled in with what it says and the version it was read at."""
    return [(row, ProgressForm(auto_id=f"id_{row.year}_%s", initial={
        "year": row.year, "status": row.status, "percent": row.percent, "text": row.text,
        "evidence_url": row.evidence_url, "version": row.version}))
        for row in sorted(commitment.progress.all(), key=lambda row: -row.year)]
