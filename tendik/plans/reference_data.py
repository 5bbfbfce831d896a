"""Framework items and disaggregation dimensions shipped with Tendik (written by the team)."""

import json
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent / "reference"


def load_reference_data(framework_model, dimension_model, value_model) -> None:
    """Create or refresh the reference rows; used by the data migration with historical models."""
    for item in json.loads((REFERENCE / "frameworks.json").read_text(encoding="utf-8")):
        framework_model.objects.update_or_create(
            kind=item["kind"], code=item["code"],
            defaults={k: v for k, v in item.items() if k.startswith("title_")})
    for dimension in json.loads((REFERENCE / "dimensions.json").read_text(encoding="utf-8")):
        row, _created = dimension_model.objects.update_or_create(
            code=dimension["code"],
            defaults={k: v for k, v in dimension.items() if k.startswith("name_")})
        for position, value in enumerate(dimension["values"], start=1):
            value_model.objects.update_or_create(
                dimension=row, code=value["code"],
                defaults={"position": position,
                          **{k: v for k, v in value.items() if k.startswith("label_")}})
