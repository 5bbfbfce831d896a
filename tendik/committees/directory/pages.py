"""What a help service's card shows, in the reader's language."""

import re

from tendik.committees.models import HelpService, ServiceKind

from .services import LANGUAGE_CHOICES

NOT_DIALLED = re.compile(r"[^\d+]")


def service_card(service: HelpService) -> dict:
    """The card of one service: words, never codes, and no address for a service with a
    shelter (a shelter's whereabouts keep its residents safe)."""
    kinds, languages = dict(ServiceKind.choices), dict(LANGUAGE_CHOICES)
    shelter = ServiceKind.SHELTER in service.service_list
    return {"service": service, "tel": NOT_DIALLED.sub("", service.phone),
            "services": [str(kinds[code]) for code in service.service_list if code in kinds],
            "languages": [str(languages[code]) for code in service.languages.split(",")
                          if code in languages],
            "address": "" if shelter else service.address_public}


def service_initial(service: HelpService) -> dict:
    fields = ("organisation", "name_ru", "name_ky", "name_kk", "name_en", "hours", "phone",
              "accessibility", "shelter_beds", "address_public", "national_hotline",
              "is_active", "is_demo", "version")
    return {**{name: getattr(service, name) for name in fields},
            "country": service.country_id, "services": service.service_list,
            "languages": [code for code in service.languages.split(",") if code],
            "territories": list(service.territories.all())}
